// The contact-center console's API: roles per kind of work, the claim race, claims that time out, "next task",
// click-to-call with Twilio's signed callbacks, live supervision, the audit trail per request, and what ops can and
// cannot read of a workflow in Temporal.
import { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { sql } from 'kysely';
import { createVault, loadVaultKey } from '../../infra/vault';
import { STAND_IN_TWILIO } from '../../infra/messaging';
import { twilioSignature } from '../../dev/stand-ins/voice';
import { callCitizen, confirmResidence } from '../support/calls';
import { pinRequestActions } from '../support/requests';
import { pinRequestWorkflowId } from '../../workflows/ids';
import { TASK_CLAIM_SWEEP_SCHEDULE_ID } from '../../core/schedules';
import { citizenActions, fiscalCodeOf, strangerFiscalCode } from '../support/citizen';
import { pinDispositivoActions } from '../support/pin-dispositivo';
import { requestFor } from '../support/demo';
import { clearRequests, eventually, staffToken, startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct();
});
afterAll(() => product?.stop());
beforeEach(() => clearRequests(product));

const tokenOf = (username: string) => staffToken(product, username);

/** A request whose address the registry does not confirm: an outbound verification task, open. */
async function verificationTaskFor(lastName: string) {
  const res = await pinRequestActions(product).submit(
    requestFor(lastName, { residence: { street: 'Via Inesistente 9' } }),
  );
  expect(res.status).toBe(202);
  const requestId = res.requestId;
  const taskId = await eventually(async () => {
    const task = await product.db
      .selectFrom('agent_tasks')
      .select('id')
      .where('pin_request_id', '=', requestId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return task?.id;
  });
  return { requestId, taskId };
}

describe('roles', () => {
  it('shows and lets each agent work only the kinds of task their roles name', async () => {
    const { taskId } = await verificationTaskFor('Russo');
    const reviewer = await tokenOf('agent.conti'); // document review only
    const caller = await tokenOf('agent.ruggeri'); // outbound verification only

    const reviewerQueue = await product.agents.get('/api/agent/tasks', reviewer);
    expect(reviewerQueue.body.tasks.map((t: any) => t.taskId)).not.toContain(taskId);
    expect((await product.agents.get('/api/agent/tasks?kind=outbound_verification', reviewer)).status).toBe(403);
    const refused = await product.agents.post(`/api/agent/tasks/${taskId}/claim`, {}, reviewer);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden_task_kind');
    expect((await product.agents.post('/api/agent/tasks/next', {}, reviewer)).status).toBe(204);

    const row = (await product.agents.get('/api/agent/tasks', caller)).body.tasks.find((t: any) => t.taskId === taskId);
    expect(row).toMatchObject({ kind: 'outbound_verification', status: 'open', citizenName: 'Giuseppe Russo' });
    expect(row.fiscalCodeMasked).toBe(
      `${fiscalCodeOf('Russo').slice(0, 6)}•••••••••${fiscalCodeOf('Russo').slice(15)}`,
    );
    expect(new Date(row.dueAt).getTime() - new Date(row.createdAt).getTime()).toBe(14 * 86_400_000);
    expect((await product.agents.post(`/api/agent/tasks/${taskId}/claim`, {}, caller)).status).toBe(200);
    // The document reviewer cannot record its outcome either, even knowing the id.
    expect(
      (await product.agents.post(`/api/agent/tasks/${taskId}/outcome`, { outcome: 'verified' }, reviewer)).status,
    ).toBe(403);
  });

  it('keeps every console API closed to a citizen session, and supervision and decoding to their roles', async () => {
    const { pin } = await citizenActions(product).newPinFor('Rossi');
    const citizen = (await citizenActions(product).signIn(fiscalCodeOf('Rossi'), pin)).body.token;
    expect(citizen).toBeTruthy();
    for (const [method, url] of [
      ['get', '/api/agent/tasks'],
      ['post', '/api/agent/tasks/next'],
      ['get', '/api/supervision/queues'],
      ['post', '/api/agent/caller-identification'],
      ['post', '/api/office/pin-dispositivo-issuances'],
      ['post', '/codec/decode'],
    ] as const) {
      const res =
        method === 'get' ? await product.agents.get(url, citizen) : await product.agents.post(url, {}, citizen);
      expect([url, res.status]).toEqual([url, 401]);
    }
    const agent = await tokenOf('agent.neri');
    expect((await product.agents.get('/api/supervision/queues', agent)).status).toBe(403);
    expect((await product.agents.post('/codec/decode', { payloads: [] }, agent)).status).toBe(403);
    const supervisor = await tokenOf('supervisor.galli');
    expect((await product.agents.post('/api/agent/tasks/next', {}, supervisor)).status).toBe(403);
  });
});

describe('claiming', () => {
  it('gives a task to exactly one of two agents claiming it at once', async () => {
    const { taskId } = await verificationTaskFor('Villa');
    const [neri, sala] = await Promise.all([tokenOf('agent.neri'), tokenOf('agent.sala')]);
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all([
        product.agents.post(`/api/agent/tasks/${taskId}/claim`, {}, neri),
        product.agents.post(`/api/agent/tasks/${taskId}/claim`, {}, sala),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const winner = answers[0]!.status === 200 ? neri : sala;
      expect((await product.agents.post(`/api/agent/tasks/${taskId}/release`, {}, winner)).status).toBe(200);
    }
    const claims = await product.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', taskId)
      .where('action', '=', 'agent_task.claimed')
      .execute();
    expect(claims).toHaveLength(5);
  });

  it('returns a claim held past TASK_CLAIM_TIMEOUT to the queue, and its holder can no longer act on it', async () => {
    const { taskId, requestId } = await verificationTaskFor('Caruso');
    const [neri, sala] = await Promise.all([tokenOf('agent.neri'), tokenOf('agent.sala')]);
    expect((await product.agents.post(`/api/agent/tasks/${taskId}/claim`, {}, neri)).status).toBe(200);
    expect((await product.agents.post(`/api/agent/tasks/${taskId}/claim`, {}, sala)).status).toBe(409);
    // Twenty minutes and a second pass since the claim (the default timeout is 20 minutes).
    await product.db
      .updateTable('agent_tasks')
      .set({
        claimed_at: sql`now() - interval '20 minutes 1 second'`,
        claim_expires_at: sql`now() - interval '1 second'`,
      })
      .where('id', '=', taskId)
      .execute();
    const row = (await product.agents.get('/api/agent/tasks', sala)).body.tasks.find((t: any) => t.taskId === taskId);
    expect(row).toMatchObject({ status: 'open', claimedBy: null });
    const late = await product.agents.post(`/api/agent/tasks/${taskId}/outcome`, { outcome: 'verified' }, neri);
    expect(late.status).toBe(409);
    expect((await product.agents.post(`/api/agent/tasks/${taskId}/claim`, {}, sala)).status).toBe(200);
    const trail = await product.agents.get(
      `/api/supervision/requests/${requestId}/audit`,
      await tokenOf('supervisor.galli'),
    );
    expect(trail.body.entries.map((e: any) => [e.action, e.actor.username ?? e.actor])).toEqual([
      ['agent_task.claimed', 'agent.neri'],
      ['agent_task.claim_expired', 'system'],
      ['agent_task.claimed', 'agent.sala'],
    ]);
    // The supervisor's reading is in the trail too, for the next reader.
    const again = await product.agents.get(
      `/api/supervision/requests/${requestId}/audit`,
      await tokenOf('supervisor.galli'),
    );
    expect(again.body.entries.at(-1)).toMatchObject({
      action: 'audit_trail.viewed',
      actor: { username: 'supervisor.galli' },
      label: { it: 'Registro delle operazioni consultato', en: 'Audit trail viewed' },
    });
    // Read as words, not codes.
    expect(again.body.entries[1].label.it).toBe('Presa in carico scaduta: attività tornata in coda');
  });

  it('has a Temporal Schedule put an expired claim back in the queue, audited as the system, without anyone reading', async () => {
    const { taskId } = await verificationTaskFor('Caruso');
    expect(
      (await product.agents.post(`/api/agent/tasks/${taskId}/claim`, {}, await tokenOf('agent.neri'))).status,
    ).toBe(200);
    await product.db
      .updateTable('agent_tasks')
      .set({ claim_expires_at: sql`now() - interval '1 second'` })
      .where('id', '=', taskId)
      .execute();
    const sweep = product.temporal.schedule.getHandle(TASK_CLAIM_SWEEP_SCHEDULE_ID);
    // Temporal names a scheduled run after its second: a trigger in the second of the schedule's own run (which may
    // have swept just before the claim ran out) is that run. So: trigger, and again two seconds later if need be.
    let triggeredAt = 0;
    const row = await eventually(async () => {
      if (Date.now() - triggeredAt > 2000) {
        await sweep.trigger();
        triggeredAt = Date.now();
      }
      return product.db
        .selectFrom('agent_tasks')
        .select(['status', 'claimed_by'])
        .where('id', '=', taskId)
        .where('status', '=', 'open')
        .executeTakeFirst();
    });
    expect(row).toEqual({ status: 'open', claimed_by: null });
    const trail = await product.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type'])
      .where('subject_id', '=', taskId)
      .orderBy('id')
      .execute();
    expect(trail).toEqual([
      { action: 'agent_task.claimed', actor_type: 'staff' },
      { action: 'agent_task.claim_expired', actor_type: 'system' },
    ]);
  });

  it('gives an agent who still holds a task that same task on "next task", never a second citizen', async () => {
    const first = await verificationTaskFor('Longo');
    const second = await verificationTaskFor('Fontana');
    const neri = await tokenOf('agent.neri');
    const next = async (token: string) => (await product.agents.post('/api/agent/tasks/next', {}, token)).body;
    expect(await next(neri)).toEqual({ taskId: first.taskId, status: 'claimed', alreadyHeld: false });
    // A second press (a stray key, a second tab) while the call is under way: the same citizen, claimed once.
    expect(await next(neri)).toEqual({ taskId: first.taskId, status: 'claimed', alreadyHeld: true });
    const claims = await product.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', first.taskId)
      .where('action', '=', 'agent_task.claimed')
      .execute();
    expect(claims).toHaveLength(1);
    // The other citizen stays in the queue for the next free agent.
    expect((await next(await tokenOf('agent.sala'))).taskId).toBe(second.taskId);
    // Given back, the task no longer stands between the agent and the queue.
    expect((await product.agents.post(`/api/agent/tasks/${first.taskId}/release`, {}, neri)).status).toBe(200);
    expect(await next(neri)).toEqual({ taskId: first.taskId, status: 'claimed', alreadyHeld: false });
  });

  it('lets an agent claim a second citizen only once the first is finished or given back, even two claims at once', async () => {
    const first = await verificationTaskFor('Longo');
    const second = await verificationTaskFor('Fontana');
    const neri = await tokenOf('agent.neri');
    const claim = (taskId: string) => product.agents.post(`/api/agent/tasks/${taskId}/claim`, {}, neri);
    const release = (taskId: string) => product.agents.post(`/api/agent/tasks/${taskId}/release`, {}, neri);
    const heldByNeri = async () =>
      (
        await product.db
          .selectFrom('agent_tasks')
          .innerJoin('staff', 'staff.id', 'agent_tasks.claimed_by')
          .select('agent_tasks.id')
          .where('staff.username', '=', 'agent.neri')
          .where('agent_tasks.status', '=', 'claimed')
          .execute()
      ).map((t) => t.id);
    expect((await claim(first.taskId)).status).toBe(200);
    // A second row claimed from the list while the first citizen is on the line: refused, and it stays in the queue.
    const refused = await claim(second.taskId);
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'holding_another']);
    expect(await heldByNeri()).toEqual([first.taskId]);
    // Given back, the first no longer stands in the way.
    expect((await release(first.taskId)).status).toBe(200);
    expect((await claim(second.taskId)).status).toBe(200);
    expect((await release(second.taskId)).status).toBe(200);
    // Two claims at once (two tabs, two rows clicked in a hurry): one citizen, never both.
    for (let round = 0; round < 3; round++) {
      const both = await Promise.all([claim(first.taskId), claim(second.taskId)]);
      expect(both.map((a) => a.status).sort()).toEqual([200, 409]);
      const held = await heldByNeri();
      expect(held).toHaveLength(1);
      expect((await release(held[0]!)).status).toBe(200);
    }
    // And "next task" pressed in two tabs at once: the same citizen in both.
    for (let round = 0; round < 3; round++) {
      const both = await Promise.all([0, 1].map(() => product.agents.post('/api/agent/tasks/next', {}, neri)));
      expect(new Set(both.map((a) => a.body.taskId)).size).toBe(1);
      expect(await heldByNeri()).toHaveLength(1);
      expect((await release(both[0]!.body.taskId)).status).toBe(200);
    }
  });

  it('hands "next task" the most urgent first: escalated, then the oldest; filters by state and assignee', async () => {
    const older = await verificationTaskFor('Longo');
    const newer = await verificationTaskFor('Fontana');
    const urgent = await verificationTaskFor('Romano');
    await product.db.updateTable('agent_tasks').set({ priority: 'high' }).where('id', '=', urgent.taskId).execute();
    const [neri, sala, ruggeri] = await Promise.all(['agent.neri', 'agent.sala', 'agent.ruggeri'].map(tokenOf));
    const order = [];
    for (const agent of [neri, sala, ruggeri])
      order.push((await product.agents.post('/api/agent/tasks/next', {}, agent)).body.taskId);
    expect(order).toEqual([urgent.taskId, older.taskId, newer.taskId]);
    expect((await product.agents.get('/api/agent/tasks?status=open', neri)).body.tasks).toEqual([]);
    const mine = (await product.agents.get('/api/agent/tasks?assignee=me', neri)).body.tasks;
    expect(mine.map((t: any) => t.taskId)).toEqual([urgent.taskId]);
    expect(
      (await product.agents.get('/api/agent/tasks?assignee=agent.neri', sala)).body.tasks.map((t: any) => t.taskId),
    ).toEqual([urgent.taskId]);
    expect((await product.agents.get('/api/agent/tasks?assignee=none', sala)).body.tasks).toHaveLength(0);
    expect((await product.agents.get('/api/agent/tasks?status=done', sala)).status).toBe(400);
  });
});

describe('click-to-call', () => {
  const callbackUrl = (callId: string, leg: string) =>
    `${product.urls.agentConsole}/webhooks/twilio/voice/calls/${callId}/${leg}`;
  const citizenPhone = async (callStatus: string) =>
    eventually(async () => {
      const { calls } = (await (await fetch(`${product.standIns}/dev/calls.json`)).json()) as { calls: any[] };
      return calls.find((c) => c.leg === 'citizen' && c.status === callStatus);
    });
  const callOnTask = async (taskId: string, token: string) =>
    (await product.agents.get(`/api/agent/tasks/${taskId}`, token)).body.callHistory.flatMap((a: any) => a.calls)[0];

  it('rings the agent, bridges the citizen, and records what Twilio reports on the task', async () => {
    const { taskId, requestId } = await verificationTaskFor('Rossi');
    const agent = await tokenOf('agent.ruggeri');
    expect((await product.agents.post(`/api/agent/tasks/${taskId}/calls`, {}, agent)).status).toBe(409); // not claimed
    await product.agents.post(`/api/agent/tasks/${taskId}/claim`, {}, agent);
    const placed = await product.agents.post(`/api/agent/tasks/${taskId}/calls`, {}, agent);
    expect(placed.status).toBe(201);

    const ringing = await citizenPhone('ringing');
    expect(ringing.to).toBe('+393331234567');
    expect(ringing.from).toBe('+3906164164');
    await eventually(async () => (await callOnTask(taskId, agent)).status === 'citizen_ringing');
    await fetch(`${product.standIns}/dev/calls/${ringing.sid}/answer`, {
      method: 'POST',
      headers: { accept: 'application/json' },
    });
    await eventually(async () => (await callOnTask(taskId, agent)).status === 'answered');
    await fetch(`${product.standIns}/dev/calls/${ringing.sid}/hang-up`, {
      method: 'POST',
      headers: { accept: 'application/json' },
    });
    const ended = await eventually(async () => {
      const call = await callOnTask(taskId, agent);
      return call.status === 'completed' && call;
    });
    expect(ended.answeredAt).not.toBeNull();
    expect(ended.durationSeconds).toBeGreaterThanOrEqual(0);
    await confirmResidence(product, taskId, agent);

    expect(
      (await product.agents.post(`/api/agent/tasks/${taskId}/outcome`, { outcome: 'verified' }, agent)).status,
    ).toBe(200);
    const trail = await product.agents.get(
      `/api/supervision/requests/${requestId}/audit`,
      await tokenOf('supervisor.galli'),
    );
    expect(trail.body.entries.map((e: any) => e.action)).toEqual(
      expect.arrayContaining([
        'agent_task.claimed',
        'agent_task.viewed',
        'verification_call.placed',
        'verification_call.outcome_recorded',
      ]),
    );
  });

  it('records a busy line as such', async () => {
    const { taskId } = await verificationTaskFor('Bianchi');
    const agent = await tokenOf('agent.neri');
    await product.agents.post(`/api/agent/tasks/${taskId}/claim`, {}, agent);
    await product.agents.post(`/api/agent/tasks/${taskId}/calls`, {}, agent);
    const ringing = await citizenPhone('ringing');
    await fetch(`${product.standIns}/dev/calls/${ringing.sid}/busy`, {
      method: 'POST',
      headers: { accept: 'application/json' },
    });
    await eventually(async () => (await callOnTask(taskId, agent)).status === 'busy');
  });

  it('refuses status callbacks that are unsigned or wrongly signed, and accepts a good signature', async () => {
    const { taskId } = await verificationTaskFor('Greco');
    const agent = await tokenOf('agent.neri');
    await product.agents.post(`/api/agent/tasks/${taskId}/claim`, {}, agent);
    const { callId } = (await product.agents.post(`/api/agent/tasks/${taskId}/calls`, {}, agent)).body;
    await citizenPhone('ringing');
    const url = callbackUrl(callId, 'citizen-status');
    const params = { CallSid: 'CAforged', CallStatus: 'in-progress', AccountSid: STAND_IN_TWILIO.accountSid };
    const post = (headers: Record<string, string>, body = params) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(body),
      });
    expect((await post({})).status).toBe(403);
    expect((await post({ 'X-Twilio-Signature': twilioSignature('not-the-token', url, params) })).status).toBe(403);
    const signedForOther = twilioSignature(STAND_IN_TWILIO.authToken, url, { ...params, CallStatus: 'busy' });
    expect((await post({ 'X-Twilio-Signature': signedForOther })).status).toBe(403);
    expect((await callOnTask(taskId, agent)).status).toBe('citizen_ringing');
    expect((await post({ 'X-Twilio-Signature': twilioSignature(STAND_IN_TWILIO.authToken, url, params) })).status).toBe(
      204,
    );
    expect((await callOnTask(taskId, agent)).status).toBe('answered');
  });
});

describe('supervision', () => {
  it('streams queue figures and sends them again when they change', async () => {
    const { taskId } = await verificationTaskFor('Longo');
    const supervisor = await tokenOf('supervisor.galli');
    const abort = new AbortController();
    const res = await fetch(`${product.urls.agentConsole}/api/supervision/stream`, {
      headers: { authorization: `Bearer ${supervisor}` },
      signal: abort.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let buffer = '';
    async function nextEvent(): Promise<any> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) return JSON.parse(data.slice(6));
          continue;
        }
        const { value } = await reader.read();
        buffer += Buffer.from(value!).toString('utf8');
      }
    }
    try {
      const first = await nextEvent();
      expect(first.queues.find((q: any) => q.kind === 'outbound_verification')).toMatchObject({ open: 1, claimed: 0 });
      expect(first.queues[0].oldestOpenSince).not.toBeNull();
      await product.agents.post(`/api/agent/tasks/${taskId}/claim`, {}, await tokenOf('agent.sala'));
      const second = await nextEvent();
      expect(second.queues.find((q: any) => q.kind === 'outbound_verification')).toMatchObject({ open: 0, claimed: 1 });
      expect(second.agents.find((a: any) => a.username === 'agent.sala')).toMatchObject({ holding: 1 });
    } finally {
      abort.abort();
    }
  });

  it('ends the stream when the supervisor’s session ends: signed out elsewhere, the figures stop coming', async () => {
    const supervisor = await tokenOf('supervisor.galli');
    const abort = new AbortController();
    const res = await fetch(`${product.urls.agentConsole}/api/supervision/stream`, {
      headers: { authorization: `Bearer ${supervisor}` },
      signal: abort.signal,
    });
    const reader = res.body!.getReader();
    try {
      expect(Buffer.from((await reader.read()).value!).toString('utf8')).toMatch(/^event: queues/);
      expect((await product.agents.delete('/api/agent/session', supervisor)).status).toBe(204);
      const ended = (async () => {
        for (;;) if ((await reader.read()).done) return 'ended';
      })();
      const stillOpen = new Promise((resolve) => setTimeout(() => resolve('still open'), 8_000));
      expect(await Promise.race([ended, stillOpen])).toBe('ended');
    } finally {
      abort.abort();
    }
  });

  it('counts the requests waiting to be called again after no answer, and says when the first comes back', async () => {
    const { requestId, taskId } = await verificationTaskFor('Longo');
    // The citizen's page says who calls, when, and until when; it does not reload itself under a screen reader.
    const token = await pinRequestActions(product).statusTokenOf(requestId);
    const statusPage = async () => (await fetch(`${product.urls.citizen}/follow?t=${token}`)).text();
    // The task opens a moment before the request's stage is recorded: the page follows the stage.
    const waiting = await eventually(async () => {
      const page = await statusPage();
      return page.includes('data-status="awaiting_verification_call"') && page;
    });
    expect(waiting).toMatch(
      /La chiamerà dal numero 06 164 164, dal lunedì al venerdì tra le 09:00 e le 18:00, entro il \d+°? \w+ \d{4}\./,
    );
    expect(waiting).toContain('non Le chiederà mai il PIN');
    expect(waiting).not.toContain('http-equiv="refresh"');
    expect(waiting).toContain('Aggiorna la pagina');
    const agent = await tokenOf('agent.ruggeri');
    await product.agents.post(`/api/agent/tasks/${taskId}/claim`, {}, agent);
    await callCitizen(product, taskId, agent, 'no-answer');
    const answered = Date.now();
    expect(
      (await product.agents.post(`/api/agent/tasks/${taskId}/outcome`, { outcome: 'no_answer' }, agent)).status,
    ).toBe(200);
    await pinRequestActions(product).reachedStatus(requestId, 'verification_call_scheduled');
    const stats = (await product.agents.get('/api/supervision/queues', await tokenOf('supervisor.galli'))).body;
    expect(stats.scheduledCallbacks.count).toBe(1);
    // The default retry delay, 4 hours, from when the outcome was recorded.
    expect(Math.abs(new Date(stats.scheduledCallbacks.nextAt).getTime() - answered - 4 * 3_600_000)).toBeLessThan(
      60_000,
    );
    expect(stats.queues.find((q: any) => q.kind === 'outbound_verification')?.open ?? 0).toBe(0);
    // The same hour on the citizen's page, with the missed call's.
    const nextAt = new Date(stats.scheduledCallbacks.nextAt).toLocaleString('it-IT', { timeZone: 'Europe/Rome' });
    const missed = await eventually(async () => {
      const page = await statusPage();
      return page.includes('data-status="verification_call_scheduled"') && page;
    });
    expect(missed).toContain('Non siamo riusciti a raggiungerla il ');
    expect(missed).toContain(`La richiameremo dal numero 06 164 164 non prima del ${nextAt}`);
  });

  it('audits an agent opening a task once per claim, however often the console refreshes it', async () => {
    const { taskId } = await verificationTaskFor('Greco');
    const agent = await tokenOf('agent.sala');
    const viewings = async () =>
      (
        await product.db
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', 'agent_task.viewed')
          .where('subject_id', '=', taskId)
          .execute()
      ).length;
    await product.agents.post(`/api/agent/tasks/${taskId}/claim`, {}, agent);
    // The console's refreshes, some of them at once.
    await Promise.all([1, 2, 3, 4, 5, 6].map(() => product.agents.get(`/api/agent/tasks/${taskId}`, agent)));
    for (let i = 0; i < 3; i++)
      expect((await product.agents.get(`/api/agent/tasks/${taskId}`, agent)).status).toBe(200);
    expect(await viewings()).toBe(1);
    // Put back and taken again: a new viewing.
    expect((await product.agents.post(`/api/agent/tasks/${taskId}/release`, {}, agent)).status).toBe(200);
    await product.agents.post(`/api/agent/tasks/${taskId}/claim`, {}, agent);
    await product.agents.get(`/api/agent/tasks/${taskId}`, agent);
    expect(await viewings()).toBe(2);
  });

  it('finds a person’s requests by codice fiscale, or a conversion by its code, to read their trails; every search audited', async () => {
    const citizen = await pinDispositivoActions(product).signedInCitizen('Moretti');
    const { conversionId, requestCode } = (await product.citizen.post('/api/conversions', {}, citizen.token)).body;
    const supervisor = await tokenOf('supervisor.galli');
    const search = (query: string, token = supervisor) => product.agents.get(`/api/supervision/cases?${query}`, token);

    // As typed on the phone: lower case.
    const byPerson = await search(`fiscalCode=${citizen.fiscalCode.toLowerCase()}`);
    expect(byPerson.status).toBe(200);
    expect(byPerson.body.cases.map((c: any) => [c.kind, c.status])).toEqual([
      ['conversion', 'awaiting_documents'],
      ['pin_request', 'delivered'],
    ]);
    expect(byPerson.body.cases[0]).toMatchObject({ requestId: conversionId, requestCode });
    // The form's code read aloud: no dashes, lower case.
    const byCode = await search(`requestCode=${requestCode.replace(/-/g, '').toLowerCase()}`);
    expect(byCode.body.cases).toEqual([byPerson.body.cases[0]]);
    // What was found opens its trail by its id.
    const trail = await product.agents.get(`/api/supervision/requests/${conversionId}/audit`, supervisor);
    expect(trail.body.entries.map((e: any) => e.action)).toContain('conversion.requested');

    // Nobody found is an empty list; a malformed key is a 400 naming the field; one key at a time.
    expect((await search(`fiscalCode=${strangerFiscalCode(7)}`)).body.cases).toEqual([]);
    const malformed = await search('fiscalCode=RSSMRA55');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields).toHaveProperty('fiscalCode');
    expect((await search('')).status).toBe(400);
    expect((await search(`fiscalCode=${citizen.fiscalCode}&requestCode=${requestCode}`)).status).toBe(400);
    // Looking people up is the supervisor's, not an agent's.
    expect((await search(`fiscalCode=${citizen.fiscalCode}`, await tokenOf('agent.neri'))).status).toBe(403);

    // Who looked whom up stays in the log.
    const searches = await product.db
      .selectFrom('audit_log')
      .innerJoin('staff', (join) => join.on(sql`staff.id::text`, '=', sql.ref('audit_log.actor_id')))
      .select(['staff.username', 'audit_log.subject_type', 'audit_log.subject_id', 'audit_log.details'])
      .where('action', '=', 'cases.searched')
      .orderBy('audit_log.id')
      .execute();
    // The one looked up by their id; a codice fiscale nobody holds by its keyed fingerprint: the trail, kept for
    // good, never holds the code itself (nor a stranger's, or a mistyped one).
    const person = await product.db
      .selectFrom('persons')
      .select('id')
      .where('fiscal_code', '=', citizen.fiscalCode)
      .executeTakeFirstOrThrow();
    const vault = createVault(loadVaultKey(product.config));
    expect(searches.map((s) => [s.username, s.subject_type, s.subject_id, s.details])).toEqual([
      ['supervisor.galli', 'person', person.id, { found: 2 }],
      ['supervisor.galli', 'conversion', requestCode, { found: 1 }],
      ['supervisor.galli', 'fiscal_code', vault.fingerprint(strangerFiscalCode(7), 'fiscal-code'), { found: 0 }],
    ]);
    for (const fiscalCode of [citizen.fiscalCode, strangerFiscalCode(7)])
      expect(
        (
          await sql<{ n: number }>`select count(*)::int as n from audit_log
            where subject_id = ${fiscalCode} or details::text like ${`%${fiscalCode}%`}`.execute(product.db)
        ).rows[0]!.n,
      ).toBe(0);
  });

  it('keeps the audit trail append-only', async () => {
    await tokenOf('agent.neri');
    // The product's role may not (test/security/database-role.test.ts); the owner's trigger refuses it too.
    await expect(sql`update audit_log set action = 'nothing'`.execute(product.db)).rejects.toThrow(/permission denied/);
    await expect(sql`delete from audit_log`.execute(product.db)).rejects.toThrow(/permission denied/);
  });
});

describe('ops in Temporal', () => {
  it('stores only encrypted payloads in the history, decoded by the codec server for ops users only', async () => {
    const { requestId } = await citizenActions(product).newPinFor('Bianchi');
    // The whole history: the request's status says delivered a workflow task before the workflow's end.
    await product.temporal.workflow.getHandle(pinRequestWorkflowId(requestId)).result();
    // Read as Temporal Web or anyone with server access reads it: no codec.
    const raw = new Client({ connection: product.temporal.connection, namespace: product.config.TEMPORAL_NAMESPACE });
    const history = JSON.parse(
      historyToJSON(await raw.workflow.getHandle(pinRequestWorkflowId(requestId)).fetchHistory()),
    );
    const payloads: any[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, any>;
        if (o.metadata && 'data' in o && o.metadata.encoding) payloads.push(o);
        // Search attributes are indexed, so never encrypted: they are checked below to hold no personal data.
        // Version markers (`patched`) are the SDK's own, and say only which code path ran.
        for (const [k, v] of Object.entries(o))
          if (k !== 'indexedFields' && k !== 'markerRecordedEventAttributes') collect(v);
      }
    };
    collect(history);
    expect(payloads.length).toBeGreaterThan(5);
    const encodings = new Set(payloads.map((p) => Buffer.from(p.metadata.encoding, 'base64').toString()));
    expect([...encodings]).toEqual(['binary/encrypted']);
    const text = JSON.stringify(history);
    // The request id is the workflow's business key (in its id, by design); everything personal is sealed.
    for (const secret of [fiscalCodeOf('Bianchi'), 'Giulia', 'Bianchi', '3471112233', 'giulia.bianchi@example.it'])
      for (const form of [secret, Buffer.from(secret).toString('base64')]) expect(text).not.toContain(form);

    const body = { payloads: payloads.slice(0, 1) };
    expect((await product.agents.post('/codec/decode', body)).status).toBe(401);
    expect((await product.agents.post('/codec/decode', body, await tokenOf('agent.neri'))).status).toBe(403);
    const decoded = await product.agents.post('/codec/decode', body, await tokenOf('ops.fontana'));
    expect(decoded.status).toBe(200);
    const clear = decoded.body.payloads[0];
    expect(Buffer.from(clear.metadata.encoding, 'base64').toString()).toBe('json/plain');
    expect(Buffer.from(clear.data, 'base64').toString()).toContain(requestId);
    const audited = await product.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'payloads.decoded')
      .execute();
    expect(audited).toHaveLength(1);
  });

  it('lets Temporal Web call the codec server with credentials, and no other origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${product.urls.agentConsole}/codec/decode`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const ui = await preflight(product.config.temporalUiUrl);
    expect(ui.status).toBe(204);
    expect(ui.headers.get('access-control-allow-origin')).toBe(product.config.temporalUiUrl);
    expect(ui.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
