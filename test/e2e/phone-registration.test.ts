// Inbound registration at the contact center (803 164): the agent's form validates as the web's does, the registry
// check runs during the call, the first 8 characters are shown to the agent exactly once, and the SMS and the letter
// go out as for the web, with no outbound call and nothing of the PIN in the workflow's history.
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { EncryptionCodec, loadPayloadKeyring } from '../../infra/payload-codec';
import { credentialLifecycleWorkflowId, letterWorkflowId, pinRequestWorkflowId } from '../../workflows/ids';
import { citizenActions, fiscalCodeOf } from '../support/citizen';
import { requestFor } from '../support/demo';
import { deliveredPin } from '../support/pins';
import { pinRequestActions } from '../support/requests';
import { clearRequests, eventually, staffToken, startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct();
});
afterAll(() => product?.stop());
beforeEach(() => clearRequests(product));

const tokenOf = (username: string) => staffToken(product, username);

/** What Francesca Esposito tells the agent: she moved along the street, so the registry still has her old number. */
const caller = () =>
  requestFor('Esposito', {
    residence: { street: 'Via Toledo 200', city: 'Napoli', province: 'NA', postalCode: '80134' },
    deliveryChannel: 'sms',
  });

describe('inbound registration', () => {
  it('validates the form as the web does, and only for agents who take calls', async () => {
    const agent = await tokenOf('agent.neri');
    const bad = { ...caller(), birthDate: '1990-13-01', residence: { ...caller().residence, postalCode: '123' } };
    const web = await product.citizen.post('/api/pin-requests', bad);
    const check = await product.agents.post('/api/agent/phone-registrations/check', bad, agent);
    expect(check.status).toBe(400);
    expect(check.body.error.fields).toEqual(web.body.error.fields);
    expect(Object.keys(check.body.error.fields)).toEqual(expect.arrayContaining(['birthDate', 'residence.postalCode']));

    const unconfirmed = await product.agents.post('/api/agent/phone-registrations', caller(), agent);
    expect(unconfirmed.status).toBe(400);
    expect(Object.keys(unconfirmed.body.error.fields)).toEqual(['callerConfirmed']);

    const outboundOnly = await tokenOf('agent.ruggeri');
    const refused = await product.agents.post(
      '/api/agent/phone-registrations',
      { ...caller(), callerConfirmed: true },
      outboundOnly,
    );
    expect(refused.status).toBe(403);
    expect(await product.db.selectFrom('pin_requests').select('id').execute()).toEqual([]);
  });

  it('finds the request a caller already made online, rather than making a second', async () => {
    const requests = pinRequestActions(product);
    const online = await requests.submit(caller());
    expect(online.status).toBe(202);
    await requests.reachedStatus(online.requestId, 'awaiting_verification_call');
    const agent = await tokenOf('agent.neri');
    const res = await product.agents.post(
      '/api/agent/phone-registrations',
      { ...caller(), callerConfirmed: true },
      agent,
    );
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'request_in_progress',
      message: 'This person already has a PIN request under way: We will call you',
    });
    expect(await product.db.selectFrom('pin_requests').select('id').execute()).toHaveLength(1);
  });

  it('refuses a caller whose residence differs from the registry: no request, the registry untouched', async () => {
    const agent = await tokenOf('agent.neri');
    const check = await product.agents.post('/api/agent/phone-registrations/check', caller(), agent);
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ mayIssuePin: true, registryMatches: false, differences: ['address_mismatch'] });
    const res = await product.agents.post(
      '/api/agent/phone-registrations',
      { ...caller(), callerConfirmed: true },
      agent,
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('registry_mismatch');
    expect(res.body.error.message).toMatch(/comune/);
    expect(await product.db.selectFrom('pin_requests').select('id').execute()).toEqual([]);
    const person = await product.db
      .selectFrom('persons')
      .select(['street'])
      .where('fiscal_code', '=', fiscalCodeOf('Esposito'))
      .executeTakeFirstOrThrow();
    expect(person.street).toBe('Via Toledo 256');
  });

  it('registers a caller: the first half is shown once, then SMS and letter, no outbound call', async () => {
    const agent = await tokenOf('agent.neri');
    const matching = () => requestFor('Esposito', { deliveryChannel: 'sms' });
    const check = await product.agents.post('/api/agent/phone-registrations/check', matching(), agent);
    expect(check.body).toMatchObject({ mayIssuePin: true, registryMatches: true, differences: [] });

    const res = await product.agents.post(
      '/api/agent/phone-registrations',
      { ...matching(), callerConfirmed: true },
      agent,
    );
    expect(res.status).toBe(201);
    expect(res.body.firstHalf).toMatch(/^[A-Z0-9]{8}$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { requestId, firstHalf } = res.body;

    // The citizen's 16 characters: the first 8 are the ones the agent read out, and they open the first access.
    const pin = await eventually(() => deliveredPin(product, requestId));
    expect(pin.slice(0, 8)).toBe(firstHalf);
    const session = await citizenActions(product).signIn(fiscalCodeOf('Esposito'), pin);
    expect(session.body.stage).toBe('first_access');

    const request = await product.db
      .selectFrom('pin_requests')
      .select(['status', 'channel', 'registered_by'])
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    expect(request).toMatchObject({ status: 'delivered', channel: 'contact_center' });
    expect(request.registered_by).toBe(
      (await product.db.selectFrom('staff').select('id').where('username', '=', 'agent.neri').executeTakeFirst())!.id,
    );
    expect(await product.db.selectFrom('agent_tasks').select('id').execute()).toEqual([]);
    // The letter went to the residence INPS holds; the phone call changed nothing in the registry.
    const letter = (await product.outbox()).find((m) => m.channel === 'letter');
    expect(letter?.recipient).toContain('Via Toledo 256');
    const delivery = await product.db
      .selectFrom('pin_deliveries')
      .select('read_out_ciphertext')
      .executeTakeFirstOrThrow();
    expect(delivery.read_out_ciphertext).toBeNull();

    const trail = await product.agents.get(
      `/api/supervision/requests/${requestId}/audit`,
      await tokenOf('supervisor.galli'),
    );
    expect(trail.body.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['pin_request.registered_by_phone', 'pin.first_half_read_out']),
    );
    expect(trail.body.entries.map((e: { action: string }) => e.action)).not.toContain('registry.corrected');

    const stats = (await product.agents.get('/api/supervision/queues', await tokenOf('supervisor.galli'))).body;
    expect(stats.agents.find((a: any) => a.username === 'agent.neri')).toMatchObject({ registrationsToday: 1 });

    // Ops can find it as a phone registration; even decoded, its history holds nothing of the PIN or the caller.
    const described = await product.temporal.workflow.getHandle(pinRequestWorkflowId(requestId)).describe();
    expect(described.searchAttributes.RequestChannel).toEqual(['contact_center']);
    // One search finds the case's every process: the request, the lifecycle of the PIN it issued, and its letter's.
    const { credential_id } = await product.db
      .selectFrom('pin_requests')
      .select('credential_id')
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    const letterRow = await eventually(() =>
      product.db.selectFrom('letters').select('id').where('pin_request_id', '=', requestId).executeTakeFirst(),
    );
    const processes = await eventually(async () => {
      const ids: string[] = [];
      for await (const w of product.temporal.workflow.list({ query: `RequestId = "${requestId}"` }))
        ids.push(w.workflowId);
      return ids.length === 3 ? ids.sort() : undefined;
    });
    expect(processes).toEqual(
      [
        credentialLifecycleWorkflowId(credential_id!),
        pinRequestWorkflowId(requestId),
        letterWorkflowId(letterRow.id),
      ].sort(),
    );
    const history = await product.temporal.workflow.getHandle(pinRequestWorkflowId(requestId)).fetchHistory();
    const codec = new EncryptionCodec(loadPayloadKeyring(product.config));
    const decoded: string[] = [];
    const collect = async (node: unknown): Promise<void> => {
      if (Array.isArray(node)) for (const n of node) await collect(n);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, any>;
        if (o.metadata && o.data instanceof Uint8Array) {
          const [clear] = await codec.decode([o as any]);
          decoded.push(Buffer.from(clear!.data!).toString());
        } else for (const v of Object.values(o)) await collect(v);
      }
    };
    await collect(history.events);
    expect(decoded.join('\n')).toContain(requestId);
    for (const secret of [firstHalf, pin.slice(8), fiscalCodeOf('Esposito'), 'Via Toledo'])
      expect(`${decoded.join('\n')}${historyToJSON(history)}`).not.toContain(secret);

    // A second registration for the same person finds the PIN already there.
    const again = await product.agents.post(
      '/api/agent/phone-registrations',
      { ...matching(), callerConfirmed: true },
      agent,
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('pin_already_held');
  });
});
