// Temporal is not a trust boundary. Whoever reaches its frontend and sends a workflow an agent's "verified", a review
// decision or a fax attachment, in plain text or even sealed with the product's own key, in the name of a real agent,
// changes nothing: the worker refuses payloads it cannot decrypt, and the workflows act only on decisions the console
// recorded in Postgres. The request's letter still goes to the residence INPS holds, never to the one typed in.
// A signal that something happened ("revoked", "new PIN assigned", "documents returned") is only a wake-up: the
// workflow reads what happened from Postgres, and a wake-up, however often, neither ends a PIN, lengthens its term,
// opens a review nor emails its holder twice. A workflow started by someone else, under any id and with any input,
// announces, rejects, sends and dates only what Postgres holds, and puts no second task in the agents' queue.
import { randomUUID } from 'node:crypto';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import type { BegunCredentialTerm } from '../../activities/credentials';
import type { NotificationKind } from '../../domain/delivery';
import { payloadDataConverter } from '../../infra/payload-codec';
import { conversionWorkflow, documentsReturnedSignal } from '../../workflows/conversion';
import {
  conversionWorkflowId,
  credentialLifecycleWorkflowId,
  phonePinWorkflowId,
  pinRequestWorkflowId,
} from '../../workflows/ids';
import { firstHalfAgainWorkflow } from '../../workflows/first-half-again';
import { inboundFaxWorkflow } from '../../workflows/inbound-fax';
import { letterWorkflow } from '../../workflows/letter';
import { officeIssuanceWorkflow } from '../../workflows/office-issuance';
import { phonePinRevokedSignal, phonePinWorkflow } from '../../workflows/phone-pin';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import {
  credentialConvertedSignal,
  credentialLifecycleWorkflow,
  credentialRevokedSignal,
  lifecycleQuery,
  newPinAssignedSignal,
} from '../../workflows/credential-lifecycle';
import { citizenActions, fiscalCodeOf, spidSession } from '../support/citizen';
import { sql } from 'kysely';
import { pinRequestWorkflow, progressQuery } from '../../workflows/pin-request';
import { callCitizen, confirmResidence } from '../support/calls';
import { requestFor } from '../support/demo';
import { pinRequestActions } from '../support/requests';
import { faxPdf, scannedPage } from '../support/fax';
import { activePinFor } from '../support/pins';
import { pinDispositivoActions } from '../support/pin-dispositivo';
import { eventually, staffToken, startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
let connection: Connection;
/** Attackers at Temporal's frontend: one sending plain payloads, one sealing them with the product's own key. */
let plain: Client;
let sealed: Client;
beforeAll(async () => {
  product = await startTestProduct();
  connection = await Connection.connect({ address: product.config.TEMPORAL_ADDRESS! });
  const namespace = product.config.TEMPORAL_NAMESPACE;
  plain = new Client({ connection, namespace });
  sealed = new Client({ connection, namespace, dataConverter: payloadDataConverter(product.config) });
});
afterAll(async () => {
  await connection?.close();
  await product?.stop();
});

/** Luca Ferrari moved: he types a Bologna address the registry does not have; the attacker types the same kind. */
const ATTACKER_ADDRESS = { street: 'Via Zamboni 33', city: 'Bologna', province: 'BO', postalCode: '40126' };

async function requestAwaitingCall(lastName = 'Ferrari', residence: Record<string, string> = ATTACKER_ADDRESS) {
  return pinRequestActions(product).awaitingCall(lastName, {
    residence,
    email: 'attacker@example.org',
    deliveryChannel: 'email',
  });
}

/** A demo citizen's PIN through its first access, and its lifecycle as the attacker reaches it. */
async function pinInUse(lastName: string) {
  const actions = citizenActions(product);
  const fiscalCode = fiscalCodeOf(lastName);
  await actions.firstAccess(fiscalCode, (await actions.newPinFor(lastName)).pin);
  const { id: credentialId } = await actions.credentialOf(fiscalCode, 'active');
  const lifecycle = sealed.workflow.getHandle(credentialLifecycleWorkflowId(credentialId));
  await eventually(async () => (await lifecycle.query(lifecycleQuery)).status === 'active');
  return { credentialId, lifecycle };
}

/** The messages of this kind sent about a credential. */
const notificationsOf = (credentialId: string, kind: NotificationKind) =>
  product.db
    .selectFrom('notifications')
    .select('id')
    .where('credential_id', '=', credentialId)
    .where('kind', '=', kind)
    .execute();

/** Where an attacker starts a workflow: the product's task queue, under an id of their own (payloads sealed). */
const bySomeoneElse = () => ({ taskQueue: product.config.TEMPORAL_TASK_QUEUE, workflowId: `attacker-${randomUUID()}` });

/**
 * A PIN's lifecycle as an attacker starts it, beside the real one: its own workflow id, and a term that is the PIN's
 * (its true end) but for what `term` makes up.
 */
async function forgedLifecycle(credentialId: string, term: Partial<BegunCredentialTerm>) {
  const { expires_at } = await product.db
    .selectFrom('credentials')
    .select('expires_at')
    .where('id', '=', credentialId)
    .executeTakeFirstOrThrow();
  const expiresAt = expires_at!.toISOString();
  const begunTerm: BegunCredentialTerm = {
    status: 'active',
    holder: 'citizen',
    kind: 'ordinario',
    expiresAt,
    reminderAt: expiresAt,
    ...term,
  };
  return sealed.workflow.start(credentialLifecycleWorkflow, {
    args: [{ credentialId, begunTerm }],
    ...bySomeoneElse(),
  });
}

/** Once the workflow has heard the signal sent last and done all it would about it: then nothing changed. */
async function signalHandled(workflow: WorkflowHandle) {
  await eventually(async () => {
    const events = [...((await workflow.fetchHistory()).events ?? [])].reverse();
    const heard = events.findIndex((e) => e.workflowExecutionSignaledEventAttributes);
    const done = events.slice(0, heard).some((e) => e.workflowTaskCompletedEventAttributes);
    const { raw } = await workflow.describe();
    return heard >= 0 && done && !raw.pendingWorkflowTask && !raw.pendingActivities?.length;
  });
}

/** How the contact center's check of a caller by phone PIN answers (200: identified). */
async function identifiedBy(lastName: string, phonePin: string) {
  const agent = await staffToken(product, 'agent.neri');
  const res = await product.agents.post(
    '/api/agent/caller-identification',
    { fiscalCode: fiscalCodeOf(lastName), phonePin },
    agent,
  );
  return res.status;
}

/** Sends an update the way an attacker at the frontend would, and gives it a few seconds to do harm. */
async function forge(client: Client, workflowId: string, name: string, args: unknown[]): Promise<'refused' | 'done'> {
  // An update the worker cannot decrypt is never answered: the attacker's call is abandoned after a few seconds.
  const patience = AbortSignal.timeout(5_000);
  return client.connection
    .withAbortSignal(patience, () =>
      client.workflow.getHandle(workflowId).executeUpdate(name, { args: args as [unknown] }),
    )
    .then(
      () => 'done' as const,
      () => 'refused' as const,
    );
}

async function nothingChanged(requestId: string, taskId: string) {
  const task = await product.db
    .selectFrom('agent_tasks')
    .select(['status', 'outcome'])
    .where('id', '=', taskId)
    .executeTakeFirstOrThrow();
  expect(task.outcome).toBeNull();
  expect(['open', 'claimed']).toContain(task.status);
  const request = await product.db
    .selectFrom('pin_requests')
    .select(['status', 'credential_id'])
    .where('id', '=', requestId)
    .executeTakeFirstOrThrow();
  expect(request).toEqual({ status: 'awaiting_verification_call', credential_id: null });
  const registry = await product.db
    .selectFrom('persons')
    .select(['street', 'city'])
    .where('fiscal_code', '=', requestFor('Ferrari').fiscalCode)
    .executeTakeFirstOrThrow();
  expect(registry).toEqual({ street: 'Via Garibaldi 12', city: 'Torino' });
  const recorded = await product.db
    .selectFrom('audit_log')
    .select('action')
    .where('subject_id', '=', taskId)
    .where('action', '=', 'verification_call.outcome_recorded')
    .execute();
  expect(recorded).toHaveLength(0);
  expect(
    (await product.outbox()).filter((m) => m.recipient === 'attacker@example.org' && /PIN è/.test(m.text)),
  ).toEqual([]);
}

it('a forged "verified" sent straight to Temporal, plain or encrypted, in a real agent\'s name, changes nothing', async () => {
  const { requestId, taskId } = await requestAwaitingCall();
  const workflowId = pinRequestWorkflowId(requestId);
  const agent = await product.db
    .selectFrom('staff')
    .select('id')
    .where('username', '=', 'agent.neri')
    .executeTakeFirstOrThrow();
  const token = await staffToken(product, 'agent.neri');
  expect((await product.agents.post(`/api/agent/tasks/${taskId}/claim`, {}, token)).status).toBe(200);

  expect(
    await forge(plain, workflowId, 'recordVerificationOutcome', [{ taskId, outcome: 'verified', staffId: agent.id }]),
  ).toBe('refused');
  expect(await forge(plain, workflowId, 'recordVerificationOutcome', [{ taskId, decisionId: randomUUID() }])).toBe(
    'refused',
  );
  await nothingChanged(requestId, taskId);
  // The worker failed the workflow task that carried it; the server drops the update and the workflow goes on.
  // Refused cleanly: the workflow has no workflow task stuck on it and answers at once.
  expect((await plain.workflow.getHandle(workflowId).describe()).raw.pendingWorkflowTask).toBeFalsy();

  // Even with the product's own key (an insider, a stolen worker): the message is not a decision Postgres holds.
  expect(
    await forge(sealed, workflowId, 'recordVerificationOutcome', [{ taskId, outcome: 'verified', staffId: agent.id }]),
  ).toBe('refused');
  expect(await forge(sealed, workflowId, 'recordVerificationOutcome', [{ taskId, decisionId: randomUUID() }])).toBe(
    'refused',
  );
  await nothingChanged(requestId, taskId);
  expect((await sealed.workflow.getHandle(workflowId).query(progressQuery)).openTaskId).toBe(taskId);

  // A decision recorded for another task cannot be replayed onto this one.
  const other = await product.db
    .selectFrom('staff_decisions')
    .select(['id'])
    .where('task_id', '!=', taskId)
    .executeTakeFirst();
  if (other)
    expect(await forge(sealed, workflowId, 'recordVerificationOutcome', [{ taskId, decisionId: other.id }])).toBe(
      'refused',
    );

  // The agent's real decision, made through the console after a call the citizen answered, still goes through; the
  // letter goes to the residence INPS holds, never to the address typed into the form.
  expect(
    (await product.agents.post(`/api/agent/tasks/${taskId}/outcome`, { outcome: 'verified' }, token)).body.error.code,
  ).toBe('no_call_made');
  await callCitizen(product, taskId, token, 'answer');
  await confirmResidence(product, taskId, token);
  expect((await product.agents.post(`/api/agent/tasks/${taskId}/outcome`, { outcome: 'verified' }, token)).status).toBe(
    200,
  );
  const letter = await eventually(async () =>
    (await product.outbox()).find((m) => m.channel === 'letter' && m.recipient.includes('Luca Ferrari')),
  );
  expect(letter.recipient).toContain('Via Garibaldi 12');
  expect(letter.recipient).not.toContain('Zamboni');
  const trail = await product.db
    .selectFrom('audit_log')
    .select(['action', 'actor_id'])
    .where('subject_id', '=', taskId)
    .where('action', '=', 'verification_call.outcome_recorded')
    .execute();
  expect(trail).toEqual([{ action: 'verification_call.outcome_recorded', actor_id: agent.id }]);
});

it('"verified" needs a call the citizen answered; a call nobody answered allows only "no answer"', async () => {
  const { taskId } = await requestAwaitingCall('Romano', { street: 'Via dei Mille 8' });
  const token = await staffToken(product, 'agent.sala');
  await product.agents.post(`/api/agent/tasks/${taskId}/claim`, {}, token);
  await callCitizen(product, taskId, token, 'busy');
  const verified = await product.agents.post(`/api/agent/tasks/${taskId}/outcome`, { outcome: 'verified' }, token);
  expect(verified.status).toBe(409);
  expect(verified.body.error.code).toBe('call_not_answered');
  expect(
    (await product.agents.post(`/api/agent/tasks/${taskId}/outcome`, { outcome: 'no_answer' }, token)).status,
  ).toBe(200);
});

it("a forged review decision, plain or encrypted, does not make a PIN dispositivo; the reviewer's recorded one does", async () => {
  const act = pinDispositivoActions(product);
  const citizen = await act.signedInCitizen('Moretti');
  const asked = await product.citizen.post('/api/conversions', {}, citizen.token);
  const { conversionId, requestCode } = asked.body;
  const uploaded = await act.uploadDocuments(citizen.token, conversionId, {
    signedForm: { bytes: await faxPdf({ qrText: requestCode }), name: 'modulo.pdf', type: 'application/pdf' },
    identityDocument: { bytes: scannedPage({}), name: 'ci.jpg', type: 'image/jpeg' },
  });
  expect(uploaded.status).toBe(202);
  const reviewer = await staffToken(product, 'agent.conti');
  const task = await act.openTask(reviewer, 'document_review', conversionId);
  expect((await product.agents.post(`/api/agent/tasks/${task.taskId}/claim`, {}, reviewer)).status).toBe(200);
  const conti = await product.db
    .selectFrom('staff')
    .select('id')
    .where('username', '=', 'agent.conti')
    .executeTakeFirstOrThrow();

  const workflowId = conversionWorkflowId(conversionId);
  const forged = { taskId: task.taskId, decision: 'approved', staffId: conti.id };
  expect(await forge(plain, workflowId, 'reviewDecision', [forged])).toBe('refused');
  expect(await forge(sealed, workflowId, 'reviewDecision', [forged])).toBe('refused');
  expect(await forge(sealed, workflowId, 'reviewDecision', [{ ...forged, decisionId: randomUUID() }])).toBe('refused');
  expect((await act.credentialOf(citizen.fiscalCode)).kind).toBe('ordinario');
  expect((await act.conversionRow(conversionId)).status).toBe('in_review');

  const approved = await product.agents.post(
    `/api/agent/tasks/${task.taskId}/review`,
    { decision: 'approved' },
    reviewer,
  );
  expect(approved.status).toBe(200);
  expect((await act.credentialOf(citizen.fiscalCode)).kind).toBe('dispositivo');
  const decided = await product.db
    .selectFrom('conversions')
    .select('decided_by')
    .where('id', '=', conversionId)
    .executeTakeFirstOrThrow();
  expect(decided.decided_by).toBe(conti.id);
});

it('a forged "new PIN assigned" or "revoked", sealed with the product’s key, neither lengthens a PIN’s term nor ends it', async () => {
  const { credentialId, lifecycle } = await pinInUse('Conti');
  // Five months into its six: a month left, as Postgres records it.
  await sql`update credentials set term_started_at = now() - interval '5 months',
      expires_at = now() + interval '1 month' where id = ${credentialId}`.execute(product.db);
  const { runId } = await lifecycle.describe();

  // Whoever reaches Temporal says a new PIN was assigned: the lifecycle starts over, and reads the term from Postgres.
  await lifecycle.signal(newPinAssignedSignal);
  await eventually(async () => (await lifecycle.describe()).runId !== runId);
  await eventually(async () => (await lifecycle.query(lifecycleQuery)).expiresAt !== undefined);
  const { expires_at } = await product.db
    .selectFrom('credentials')
    .select('expires_at')
    .where('id', '=', credentialId)
    .executeTakeFirstOrThrow();
  const DAY = 86_400_000;
  expect(expires_at!.getTime() - Date.now()).toBeLessThan(40 * DAY);
  expect(expires_at!.getTime() - Date.now()).toBeGreaterThan(25 * DAY);

  // Nor does a forged "revoked" end the lifecycle of a PIN Postgres holds usable: it goes on, and nobody is told.
  const before = (await lifecycle.describe()).runId;
  await lifecycle.signal(credentialRevokedSignal);
  await eventually(async () => (await lifecycle.describe()).runId !== before);
  await eventually(async () => (await lifecycle.query(lifecycleQuery)).status === 'active');
  expect((await lifecycle.describe()).status.name).toBe('RUNNING');
  const { status } = await product.db
    .selectFrom('credentials')
    .select('status')
    .where('id', '=', credentialId)
    .executeTakeFirstOrThrow();
  expect(status).toBe('active');
  expect((await product.outbox()).filter((m) => /revocato|non è più valido/i.test(m.text))).toEqual([]);
});

it('a forged "converted", sealed with the product’s key, does not show a PIN ordinario as dispositivo', async () => {
  const { lifecycle } = await pinInUse('Rizzo');
  const kind = async () => (await lifecycle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.credentialKind);
  expect(await kind()).toBe('ordinario');
  await lifecycle.signal(credentialConvertedSignal);
  await signalHandled(lifecycle);
  expect(await kind()).toBe('ordinario');
  expect((await lifecycle.query(lifecycleQuery)).kind).toBe('ordinario');
});

it('a forged "revoked", sealed with the product’s key, does not end a phone PIN Postgres holds at work', async () => {
  const token = await spidSession(product, 'Gallo');
  const made = await product.citizen.post('/api/phone-pins', { validity: '1_week' }, token);
  expect(made.status).toBe(201);
  const workflow = sealed.workflow.getHandle(phonePinWorkflowId(made.body.phonePinId));
  const { runId } = await workflow.describe();

  await workflow.signal(phonePinRevokedSignal);
  // The workflow asks Postgres, and goes on in a new run to the end of the week; Temporal Web still shows it at work.
  await eventually(async () => (await workflow.describe()).runId !== runId);
  const now = await workflow.describe();
  expect(now.status.name).toBe('RUNNING');
  expect(now.typedSearchAttributes.get(SEARCH_ATTRIBUTES.phonePinState)).toBe('active');
  expect(await identifiedBy('Gallo', made.body.pin)).toBe(200);

  // The citizen's own revocation, recorded in Postgres, ends it.
  expect((await product.citizen.delete(`/api/phone-pins/${made.body.phonePinId}`, token)).status).toBe(204);
  expect(await workflow.result()).toBe('revoked');
});

it('forged wake-ups past a PIN’s reminder date do not send its holder the expiry reminder again and again', async () => {
  const { credentialId, lifecycle } = await pinInUse('Bruno');
  // Ten days left, as Postgres records it: past the reminder date (15 days before the end).
  await sql`update credentials set term_started_at = now() - interval '6 months' + interval '10 days',
      expires_at = now() + interval '10 days' where id = ${credentialId}`.execute(product.db);
  const reminders = async () =>
    (await product.outbox()).filter(
      (m) => m.subject === 'INPS - Il Suo PIN sta per scadere' && m.text.includes('Bruno'),
    );

  // A wake-up makes the lifecycle read its term again, and the holder is reminded, once.
  let runId = (await lifecycle.describe()).runId;
  await lifecycle.signal(newPinAssignedSignal);
  await eventually(async () => (await lifecycle.query(lifecycleQuery)).reminderSent === true);
  expect(await reminders()).toHaveLength(1);
  // Each further wake-up, "new PIN" or "revoked", starts another run on the same term: no second reminder.
  for (const wakeUp of [newPinAssignedSignal, credentialRevokedSignal]) {
    runId = (await lifecycle.describe()).runId;
    await lifecycle.signal(wakeUp);
    await eventually(async () => (await lifecycle.describe()).runId !== runId);
    await eventually(async () => (await lifecycle.query(lifecycleQuery)).reminderSent === true);
  }
  expect(await reminders()).toHaveLength(1);
});

it('a forged "documents returned", sealed with the product’s key, opens no review of documents nobody sent', async () => {
  const fiscalCode = fiscalCodeOf('Moretti');
  const signedIn = await citizenActions(product).signIn(fiscalCode, await activePinFor(product, fiscalCode));
  const { conversionId } = (await product.citizen.post('/api/conversions', {}, signedIn.body.token)).body;
  const conversion = sealed.workflow.getHandle(conversionWorkflowId(conversionId));
  await conversion.signal(documentsReturnedSignal);
  await signalHandled(conversion);
  const row = await product.db
    .selectFrom('conversions')
    .select('status')
    .where('id', '=', conversionId)
    .executeTakeFirstOrThrow();
  expect(row.status).toBe('awaiting_documents');
  const tasks = await product.db
    .selectFrom('agent_tasks')
    .select('id')
    .where('conversion_id', '=', conversionId)
    .execute();
  expect(tasks).toEqual([]);
  expect((await conversion.describe()).status.name).toBe('RUNNING');
});

it('a conversion workflow started by someone else, as an "office" one, announces no approval nobody decided', async () => {
  const fiscalCode = fiscalCodeOf('Santoro');
  const signedIn = await citizenActions(product).signIn(fiscalCode, await activePinFor(product, fiscalCode));
  const { conversionId } = (await product.citizen.post('/api/conversions', {}, signedIn.body.token)).body;
  // Any workflow id will do for the attacker: the real one (the business key) is taken by the running conversion.
  const forged = await sealed.workflow.start(conversionWorkflow, {
    args: [{ conversionId, channel: 'office', policy: { returnDeadline: '1 day', reviewEscalationAfter: '1 day' } }],
    ...bySomeoneElse(),
  });
  expect(await forged.result()).toEqual({ outcome: 'not_recorded' });
  const { events } = await forged.fetchHistory();
  const scheduled = events!.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
  expect(scheduled).not.toContain('sendCredentialNews');
  expect(scheduled).not.toContain('applicationsWaitingForDispositivo');
  // Nobody told, by message or on the home page.
  const { id: credentialId } = await citizenActions(product).credentialOf(fiscalCode);
  for (const table of ['notifications', 'home_page_notices'] as const)
    expect(await product.db.selectFrom(table).select('id').where('credential_id', '=', credentialId).execute()).toEqual(
      [],
    );
});

it('a letter workflow started by someone else, with a made-up journey, neither loses a letter in the post nor its PIN', async () => {
  const actions = citizenActions(product);
  const { pin, requestId } = await actions.newPinFor('Ricci');
  const letter = await product.db
    .selectFrom('letters')
    .select('id')
    .where('pin_request_id', '=', requestId)
    .executeTakeFirstOrThrow();
  // Someone else's request, whose contact the attacker would have told that "their" letter was lost.
  const { requestId: another } = await requestAwaitingCall('Greco');
  const forged = await sealed.workflow.start(letterWorkflow, {
    args: [
      { letterId: letter.id, requestId: another, journey: { status: 'in_transit', lostAt: new Date().toISOString() } },
    ],
    ...bySomeoneElse(),
  });
  await forged.result();
  const after = await product.db
    .selectFrom('letters')
    .select('status')
    .where('id', '=', letter.id)
    .executeTakeFirstOrThrow();
  // Still on its way, as the print house's tracking moves it (it may have moved on meanwhile), not given up.
  expect(after.status).not.toBe('lost');
  // The PIN in the post still opens its first access; nobody was told of a lost letter.
  expect((await actions.signIn(fiscalCodeOf('Ricci'), pin)).body.stage).toBe('first_access');
  const told = await product.db
    .selectFrom('notifications')
    .select('kind')
    .where('pin_request_id', 'in', [requestId, another])
    .where('kind', '=', 'letter_not_delivered')
    .execute();
  expect(told).toEqual([]);
});

it('a lifecycle started by someone else, saying an adult comes of age today, neither warns nor retires the PIN; a minor’s own does, at 18', async () => {
  const { credentialId } = await pinInUse('Colombo');
  const now = new Date().toISOString();
  const forged = await forgedLifecycle(credentialId, { comingOfAge: { noticeAt: now, at: now } });
  // Once its first run has taken both steps (the notice, then the retirement) as far as Postgres lets them go:
  const firstRun = sealed.workflow.getHandle(forged.workflowId, forged.firstExecutionRunId);
  await eventually(async () => {
    const { events } = await firstRun.fetchHistory();
    return events!.filter((e) => e.activityTaskCompletedEventAttributes).length >= 2;
  });
  const credential = await citizenActions(product).credentialOf(fiscalCodeOf('Colombo'));
  expect(credential.status).toBe('active');
  expect(await notificationsOf(credentialId, 'coming_of_age_notice')).toEqual([]);
  await forged.terminate('test over').catch(() => undefined);

  // A minor's PIN, whose holder turned 18 on 1 March 2026 (born 29 February 2008), is retired by its own lifecycle.
  const minor = fiscalCodeOf('Lombardi');
  await activePinFor(product, minor);
  const { id: minorsPin } = await citizenActions(product).credentialOf(minor);
  await sql`update credentials set issued_under = 'minor' where id = ${minorsPin}`.execute(product.db);
  const lifecycle = await product.temporal.workflow.start(credentialLifecycleWorkflow, {
    args: [{ credentialId: minorsPin }],
    taskQueue: product.config.TEMPORAL_TASK_QUEUE,
    workflowId: credentialLifecycleWorkflowId(minorsPin),
  });
  expect(await lifecycle.result()).toBe('revoked');
  expect(await citizenActions(product).credentialOf(minor)).toMatchObject({ revocation_reason: 'came_of_age' });
});

it('a lifecycle started by someone else, saying the reminder date is today, sends no early reminder', async () => {
  const { credentialId } = await pinInUse('Caruso');
  const forged = await forgedLifecycle(credentialId, { reminderAt: new Date().toISOString() });
  await eventually(async () => (await forged.query(lifecycleQuery)).reminderSent);
  expect(await notificationsOf(credentialId, 'expiry_reminder')).toEqual([]);
  await forged.terminate('test over');
});

it('a lifecycle started by someone else with a made-up term start, while a PIN has no end written, neither shortens nor lengthens its term', async () => {
  const { credentialId } = await pinInUse('Villa');
  const DAY = 86_400_000;
  const termOf = () =>
    product.db
      .selectFrom('credentials')
      .select(['status', 'term_started_at', 'expires_at'])
      .where('id', '=', credentialId)
      .executeTakeFirstOrThrow();
  // The instant between a first access (or renewal) and its lifecycle's new run: the term began, its end is not
  // written yet. Whoever reaches Temporal starts a lifecycle of their own, saying the term began two years ago...
  await sql`update credentials set term_started_at = now() - interval '1 hour', expires_at = null
      where id = ${credentialId}`.execute(product.db);
  const longAgo = new Date(Date.now() - 730 * DAY).toISOString();
  const early = await sealed.workflow.start(credentialLifecycleWorkflow, {
    args: [{ credentialId, termStart: longAgo }],
    ...bySomeoneElse(),
  });
  const shortened = await eventually(async () => {
    const term = await termOf();
    return term.expires_at !== null && { ...term, expires_at: term.expires_at };
  });
  // ...but the term runs its six months from when it began, as Postgres holds it.
  expect(shortened.expires_at.getTime()).toBeGreaterThanOrEqual(shortened.term_started_at.getTime() + 180 * DAY);
  expect(shortened.status).toBe('active');
  await early.terminate('test over');

  // Nor does one saying it begins two years from now give the PIN two more years.
  await sql`update credentials set expires_at = null where id = ${credentialId}`.execute(product.db);
  const late = await sealed.workflow.start(credentialLifecycleWorkflow, {
    args: [{ credentialId, termStart: new Date(Date.now() + 730 * DAY).toISOString() }],
    ...bySomeoneElse(),
  });
  const lengthened = await eventually(async () => (await termOf()).expires_at ?? undefined);
  expect(lengthened.getTime()).toBeLessThanOrEqual(Date.now() + 185 * DAY);
  await late.terminate('test over');
});

it('a "send the first half again" started by someone else, with nobody asking for it, sends nothing', async () => {
  const { requestId } = await citizenActions(product).newPinFor('Longo');
  const { id: deliveryId } = await product.db
    .selectFrom('pin_deliveries')
    .innerJoin('credentials', 'credentials.id', 'pin_deliveries.credential_id')
    .select('pin_deliveries.id')
    .where('credentials.pin_request_id', '=', requestId)
    .executeTakeFirstOrThrow();
  const forged = await sealed.workflow.start(firstHalfAgainWorkflow, {
    args: [{ requestId, deliveryId }],
    ...bySomeoneElse(),
  });
  await forged.result().catch(() => 'refused');
  const sentAgain = (await product.outbox()).filter((m) => m.text.includes('di nuovo la prima parte'));
  expect(sentAgain).toEqual([]);
});

it('an office issuance started by someone else, for a PIN nobody issued at a desk, tells its holder nothing', async () => {
  const { credentialId } = await pinInUse('Ferri');
  const forged = await sealed.workflow.start(officeIssuanceWorkflow, { args: [{ credentialId }], ...bySomeoneElse() });
  await forged.result();
  const told = (await product.outbox()).filter((m) => m.subject === 'INPS - PIN dispositivo rilasciato in sede');
  expect(told).toEqual([]);
});

it('a PIN request workflow started by someone else, saying no call need be tried, does not reject the request', async () => {
  const { requestId } = await requestAwaitingCall('Giordano');
  // The instant a request is being validated: whoever reaches Temporal starts a run of their own whose call policy
  // allows no call at all, so the citizen would be "unreachable by phone" without anyone having dialled.
  await sql`update pin_requests set status = 'validating' where id = ${requestId}`.execute(product.db);
  const forged = await sealed.workflow.start(pinRequestWorkflow, {
    args: [
      { requestId, channel: 'online', verification: { maxCallAttempts: 0, retryDelay: '1s', taskDeadline: '1s' } },
    ],
    ...bySomeoneElse(),
  });
  await expect(forged.result()).rejects.toThrow();
  const { status } = await product.db
    .selectFrom('pin_requests')
    .select('status')
    .where('id', '=', requestId)
    .executeTakeFirstOrThrow();
  expect(status).not.toBe('rejected');
  const told = (await product.outbox()).filter((m) => m.recipient === 'attacker@example.org');
  expect(told.map((m) => m.subject)).not.toContain('INPS - Esito della Sua richiesta di PIN');
});

/** How a run someone else started ends within a few seconds: refused (failed), completed, or still waiting. */
async function endOf(forged: WorkflowHandle) {
  return Promise.race([
    forged.result().then(
      () => 'completed',
      () => 'refused',
    ),
    new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5_000)),
  ]);
}

it('a fax workflow started by someone else, for a fax already waiting for an agent, puts no second task in the queue', async () => {
  const received = await pinDispositivoActions(product).sendFax(
    await faxPdf({ qrText: 'not a code', smudged: true }),
    `${Date.now()}3`,
  );
  expect(received.webhookStatus).toBe(200);
  const { id: faxId } = await eventually(() =>
    product.db
      .selectFrom('inbound_faxes')
      .select('id')
      .where('provider_fax_id', '=', received.faxId)
      .executeTakeFirst(),
  );
  const tasksOfFax = () =>
    product.db.selectFrom('agent_tasks').select('id').where('inbound_fax_id', '=', faxId).execute();
  await eventually(async () => (await tasksOfFax()).length === 1);

  const forged = await sealed.workflow.start(inboundFaxWorkflow, { args: [{ faxId }], ...bySomeoneElse() });
  expect(await endOf(forged)).toBe('refused');
  expect(await tasksOfFax()).toHaveLength(1);
});

it('a conversion workflow started by someone else, for documents already in review, puts no second review in the queue', async () => {
  const act = pinDispositivoActions(product);
  const citizen = await act.signedInCitizen('Fontana');
  const { conversionId, requestCode } = (await product.citizen.post('/api/conversions', {}, citizen.token)).body;
  const uploaded = await act.uploadDocuments(citizen.token, conversionId, {
    signedForm: { bytes: await faxPdf({ qrText: requestCode }), name: 'modulo.pdf', type: 'application/pdf' },
    identityDocument: { bytes: scannedPage({}), name: 'ci.jpg', type: 'image/jpeg' },
  });
  expect(uploaded.status).toBe(202);
  const reviews = () =>
    product.db.selectFrom('agent_tasks').select('id').where('conversion_id', '=', conversionId).execute();
  await eventually(async () => (await reviews()).length === 1);

  const forged = await sealed.workflow.start(conversionWorkflow, {
    args: [{ conversionId, channel: 'online', policy: { returnDeadline: '1 day', reviewEscalationAfter: '1 day' } }],
    ...bySomeoneElse(),
  });
  // Its own run, so the attacker can wake it: the documents are indeed back, so it goes on to open a review.
  await forged.signal(documentsReturnedSignal);
  expect(await endOf(forged)).toBe('refused');
  expect(await reviews()).toHaveLength(1);
});

it('a phone-PIN workflow started by someone else, with an earlier end, does not end the phone PIN before its time', async () => {
  const token = await spidSession(product, 'Marino');
  const made = await product.citizen.post('/api/phone-pins', { validity: '1_day' }, token);
  expect(made.status).toBe(201);
  const forged = await sealed.workflow.start(phonePinWorkflow, {
    args: [{ phonePinId: made.body.phonePinId, expiresAt: new Date().toISOString() }],
    ...bySomeoneElse(),
  });
  await forged.result();
  const { status } = await product.db
    .selectFrom('phone_pins')
    .select('status')
    .where('id', '=', made.body.phonePinId)
    .executeTakeFirstOrThrow();
  expect(status).toBe('active');
  expect(await identifiedBy('Marino', made.body.pin)).toBe(200);
});
