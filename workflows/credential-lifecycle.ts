// The life of one PIN (brief, "Expiry and renewal"), as an entity workflow that lives as long as the credential:
// a term of 6 months for a citizen or 3 for an intermediary, a reminder by email before it ends, the PIN marked
// expired when it does. A new PIN (first access, renewal) starts a new term as a new run (continue-as-new), so the
// history stays a handful of events however many years the PIN lives; revocation ends it.
import {
  ActivityFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
} from '@temporalio/workflow';
import type { BegunCredentialTerm, CredentialActivities } from '../activities/credentials';
import type { NotificationActivities } from '../activities/notifications';
import type { CredentialKind, CredentialStatus } from '../domain/credential';
import { SEARCH_ATTRIBUTES } from './search-attributes';
import { DATABASE_STEP, DATABASE_STEP_IN_THE_WORKFLOW_TASK, PROVIDER_HEARTBEAT_TIMEOUT } from './step-options';

export interface CredentialLifecycleInput {
  credentialId: string;
  /** When this term began (ISO); the workflow's own clock when absent, i.e. the term starts with the workflow. */
  termStart?: string;
  /**
   * The term already written by the step that issued the PIN, which also set this run's search attributes at its
   * start: the first workflow task only sets timers. Absent from continued runs and from every other start.
   */
  begunTerm?: BegunCredentialTerm;
}

/**
 * A term begins at the latest now, by this run's clock: whoever starts a lifecycle chooses its input, never Temporal's
 * time, so a start dated ahead gives no PIN a longer term (the activity refuses one dated before Postgres's start).
 */
const termStartBy = (stated: string | undefined): string => {
  const now = Date.now();
  return new Date(stated === undefined ? now : Math.min(Date.parse(stated), now)).toISOString();
};

export interface CredentialLifecycleState {
  status: CredentialStatus;
  expiresAt?: string;
  reminderAt?: string;
  reminderSent: boolean;
  kind?: CredentialKind;
}

/**
 * Sent by the citizen service once a new PIN is in place (first access, renewal): its term starts when the workflow
 * hears of it, by the workflow's own clock, so every date of a term comes from one clock.
 */
export const newPinAssignedSignal = defineSignal('newPinAssigned');
/** Sent when the credential is revoked (replaced by a lost PIN's new one, or by an office): the lifecycle ends. */
export const credentialRevokedSignal = defineSignal('credentialRevoked');
/** Sent when a conversion made the PIN dispositivo: the term goes on, only the kind changes. */
export const credentialConvertedSignal = defineSignal('credentialConverted');
export const lifecycleQuery = defineQuery<CredentialLifecycleState>('lifecycle');

/** Versioning marker (patched): runs from before it neither knew nor published the credential's kind. */
const PUBLISH_CREDENTIAL_KIND = 'publish-credential-kind';
/** Versioning marker (patched): runs from before it did not tell the holder when the PIN was revoked. */
const TELL_HOLDER_OF_REVOCATION = 'tell-holder-of-revocation';
/**
 * Versioning marker (patched): runs from before it took a revocation signal as proof. Since, Postgres is asked first,
 * and a PIN it does not hold revoked goes on in a new run, on the term it has.
 */
const REVOCATION_READ_FROM_POSTGRES = 'revocation-read-from-postgres';
/**
 * Versioning marker (patched): runs from before it took a conversion signal as proof. Since, the kind is read from
 * Postgres, and a PIN it holds ordinario stays ordinario in Temporal Web.
 */
const KIND_READ_FROM_POSTGRES = 'kind-read-from-postgres';
/** Versioning marker (patched): runs from before it did not end a minor's PIN at 18. */
const MINOR_PIN_ENDS_AT_EIGHTEEN = 'minor-pin-ends-at-eighteen';

/**
 * Versioning marker (patched): from here a term begins inside the run's first workflow task (a local activity), and
 * its search attributes are published in one upsert.
 */
const TERM_IN_THE_FIRST_WORKFLOW_TASK = 'term-in-the-first-workflow-task';

const credentials = proxyActivities<CredentialActivities>(DATABASE_STEP);
const credentialsLocally = proxyLocalActivities<CredentialActivities>(DATABASE_STEP_IN_THE_WORKFLOW_TASK);
/** Telling the holder the PIN was revoked is tried for a day, then given up: the PIN is revoked either way. */
const revocationNotice = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: PROVIDER_HEARTBEAT_TIMEOUT,
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});
/**
 * The reminder is tried until the PIN expires, and no longer: an email provider down for days must not hold back the
 * expiry itself. It is not urgent: once an hour is often enough.
 */
const reminderUntil = (expiresAt: string) =>
  proxyActivities<NotificationActivities>({
    startToCloseTimeout: '2 minutes',
    heartbeatTimeout: PROVIDER_HEARTBEAT_TIMEOUT,
    scheduleToCloseTimeout: Math.max(1_000, Date.parse(expiresAt) - Date.now()),
    retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
  });

export async function credentialLifecycleWorkflow(input: CredentialLifecycleInput): Promise<'revoked'> {
  const { credentialId } = input;
  let nextTermStart: string | undefined;
  let revoked = false;
  const state: CredentialLifecycleState = { status: 'initial', reminderSent: false };
  setHandler(newPinAssignedSignal, () => {
    nextTermStart = new Date().toISOString();
  });
  setHandler(credentialRevokedSignal, () => {
    revoked = true;
  });
  setHandler(credentialConvertedSignal, async () => {
    if (patched(KIND_READ_FROM_POSTGRES) && (await credentials.credentialKind({ credentialId })) !== 'dispositivo')
      return;
    state.kind = 'dispositivo';
    if (patched(PUBLISH_CREDENTIAL_KIND))
      upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.credentialKind, value: 'dispositivo' }]);
  });
  setHandler(lifecycleQuery, () => state);
  const interrupted = () => nextTermStart !== undefined || revoked;
  const enter = (status: CredentialStatus) => {
    state.status = status;
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.credentialState, value: status }]);
  };
  /** Waits until `at` unless the PIN is replaced or revoked first; true when the time came. */
  const reached = async (at: string) => {
    const ms = Date.parse(at) - Date.now();
    return ms <= 0 ? !interrupted() : !(await condition(interrupted, ms));
  };

  // Which way a run begins its term is fixed by its input and, without a begun term, by the marker: replays agree.
  const { begunTerm } = input;
  const inFirstTask = begunTerm !== undefined || patched(TERM_IN_THE_FIRST_WORKFLOW_TASK);
  const term =
    begunTerm ??
    (await (inFirstTask ? credentialsLocally : credentials).beginCredentialTerm({
      credentialId,
      termStart: termStartBy(input.termStart),
    }));
  // Found revoked before its term began, with no word of it to this run: nothing new here, nobody to tell (a run
  // started on a PIN long revoked). Told of it (the signal may arrive before the term begins), it tells the holder.
  const revokedBefore = term.status === 'revoked' && !revoked;
  if (term.status === 'revoked') revoked = true;
  else {
    Object.assign(state, { expiresAt: term.expiresAt, reminderAt: term.reminderAt });
    if (inFirstTask) {
      state.kind = state.kind ?? term.kind;
      state.status = term.status;
      if (!begunTerm)
        upsertSearchAttributes([
          { key: SEARCH_ATTRIBUTES.credentialHolder, value: term.holder },
          ...(state.kind ? [{ key: SEARCH_ATTRIBUTES.credentialKind, value: state.kind }] : []),
          { key: SEARCH_ATTRIBUTES.credentialState, value: term.status },
        ]);
    } else {
      upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.credentialHolder, value: term.holder }]);
      if (term.kind && patched(PUBLISH_CREDENTIAL_KIND)) {
        // A conversion heard before this term began (in an earlier run) is already in the data the activity read.
        state.kind = state.kind ?? term.kind;
        upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.credentialKind, value: state.kind }]);
      }
      enter(term.status);
    }
    // A minor's PIN (brief, "The switch to SPID") ends on the 18th birthday, told a month before; alongside the
    // term's own timers, and whichever comes first ends this run.
    const ofAge = term.comingOfAge && patched(MINOR_PIN_ENDS_AT_EIGHTEEN) ? term.comingOfAge : undefined;
    const comingOfAge = ofAge
      ? (async () => {
          if (await reached(ofAge.noticeAt))
            try {
              await reminderUntil(ofAge.at).sendComingOfAgeNotice({
                credentialId,
                at: ofAge.at,
                notificationId: uuid4(),
              });
            } catch (err) {
              if (!(err instanceof ActivityFailure)) throw err;
              log.warn('coming-of-age notice not sent before the 18th birthday', { credentialId });
            }
          if (await reached(ofAge.at)) {
            await credentials.retireAtComingOfAge({ credentialId });
            revoked = true;
          }
        })()
      : undefined;
    if (term.status !== 'expired' && (await reached(term.reminderAt))) {
      try {
        await reminderUntil(term.expiresAt).sendExpiryReminder({
          credentialId,
          expiresAt: term.expiresAt,
          notificationId: uuid4(),
        });
        state.reminderSent = true;
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        log.warn('expiry reminder not sent before the PIN expired', { credentialId });
      }
    }
    if (term.status !== 'expired' && (await reached(term.expiresAt))) {
      const expiry = await credentials.expireCredential({ credentialId, expiresAt: term.expiresAt });
      // A renewal or revocation whose signal never arrived: the data say what happened, and the workflow follows.
      if (expiry.outcome === 'renewed') nextTermStart ??= expiry.termStart;
      else if (expiry.outcome === 'revoked') revoked = true;
      else enter('expired');
    }
    // Expired, the PIN waits for its holder to log in and renew it, for as long as that takes.
    await condition(interrupted);
    await comingOfAge;
  }

  await condition(allHandlersFinished);
  // A signal is a wake-up, never proof: told of a revocation Postgres does not hold (forged, or stray), the PIN goes on.
  if (revoked && patched(REVOCATION_READ_FROM_POSTGRES) && !(await credentials.credentialRevoked({ credentialId })))
    return continueAsNew<typeof credentialLifecycleWorkflow>({ credentialId });
  if (revoked) {
    enter('revoked');
    if (!revokedBefore && patched(TELL_HOLDER_OF_REVOCATION))
      try {
        await revocationNotice.sendRevocationNotice({ credentialId, notificationId: uuid4() });
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        log.warn('the holder could not be told the PIN was revoked', { credentialId });
      }
    return 'revoked';
  }
  return continueAsNew<typeof credentialLifecycleWorkflow>({ credentialId, termStart: nextTermStart });
}
