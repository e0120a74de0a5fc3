// A PIN letter after it left (brief, "What real means here"; the issue of letters tracked): the workflow waits,
// durably, for the print-and-post provider to say the letter was delivered or came back, and gives it up as lost
// when it has not arrived within LETTER_LOST_AFTER_WORKING_DAYS. A letter that did not arrive takes its unused PIN
// with it (its first half alone must never become usable) and the requester is told. The webhook's signal only
// says "look again": where the letter is, is read from Postgres, where the signed tracking events are kept.
import {
  condition,
  defineSignal,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
} from '@temporalio/workflow';
import type { LetterActivities } from '../activities/letters';
import type { LetterJourney } from '../domain/delivery';
import type { NotificationActivities } from '../activities/notifications';
import { credentialRevokedSignal } from './credential-lifecycle';
import { tell } from './conversion';
import { credentialLifecycleWorkflowId } from './ids';
import { DATABASE_STEP, DATABASE_STEP_IN_THE_WORKFLOW_TASK, PROVIDER_HEARTBEAT_TIMEOUT } from './step-options';
import { SEARCH_ATTRIBUTES } from './search-attributes';

export interface LetterWorkflowInput {
  letterId: string;
  requestId: string;
  /**
   * Where the letter was when it was handed over, read by the starter (and published as the start's search
   * attribute): the first workflow task then only waits, and every later look is a local activity. Runs started
   * without it (before this field) look with an ordinary activity, as their histories say, unless patched.
   */
  journey?: LetterJourney;
}
export type LetterResult = { outcome: 'delivered' | 'returned' | 'lost' };

/** Sent by the letter-tracking webhook when the provider said something new about the letter. */
export const letterMovedSignal = defineSignal('letterMoved');

/** Versioning marker (patched): from here a running letter's looks at Postgres are local activities. */
const LOOKS_IN_THE_WORKFLOW_TASK = 'letter-looks-in-the-workflow-task';

const database = proxyActivities<LetterActivities>(DATABASE_STEP);
const databaseLocally = proxyLocalActivities<LetterActivities>(DATABASE_STEP_IN_THE_WORKFLOW_TASK);
const notifications = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: PROVIDER_HEARTBEAT_TIMEOUT,
  retry: { initialInterval: '5 seconds', maximumInterval: '30 minutes' },
});

export async function letterWorkflow(input: LetterWorkflowInput): Promise<LetterResult> {
  const { letterId, requestId } = input;
  let news = 0;
  setHandler(letterMovedSignal, () => void news++);

  // Versioning by input: a run given its journey at the start is new code all through. Runs from before publish
  // their state at every look, as their histories say.
  const newCode = input.journey !== undefined || patched(LOOKS_IN_THE_WORKFLOW_TASK);
  const looks = newCode ? databaseLocally : database;
  // News counted before each look: a signal that arrives while Postgres is being read makes the workflow look again.
  let seen = news;
  let journey = input.journey ?? (await looks.letterJourney({ letterId }));
  let published = input.journey?.status;
  const lostAt = new Date(journey.lostAt).getTime();
  for (;;) {
    if (!newCode || journey.status !== published) {
      upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.letterState, value: [journey.status] }]);
      published = journey.status;
    }
    if (journey.status === 'delivered' || journey.status === 'returned' || journey.status === 'lost') break;
    if (!(await condition(() => news > seen, Math.max(lostAt - Date.now(), 1)))) break;
    seen = news;
    journey = await looks.letterJourney({ letterId });
  }
  if (journey.status === 'delivered') return { outcome: 'delivered' };

  const outcome = await database.recordLetterNotDelivered({ letterId, lost: journey.status !== 'returned' });
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.letterState, value: [outcome.status] }]);
  if (outcome.status === 'delivered') return { outcome: 'delivered' };
  if (outcome.revokedCredentialId) {
    await tell(credentialLifecycleWorkflowId(outcome.revokedCredentialId), credentialRevokedSignal);
    await notifications.sendLetterNotDeliveredNotice({
      // The letter's own request, as Postgres holds it (runs from before read it from their input).
      requestId: outcome.requestId ?? requestId,
      returned: outcome.status === 'returned',
      notificationId: uuid4(),
    });
  }
  return { outcome: outcome.status };
}
