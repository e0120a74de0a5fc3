// The repositories own every change of state: each refuses a move its domain's state machine does not allow, takes
// a retried step again harmlessly, and writes its audit row once. Against the real Postgres, as the product's role.
import { randomUUID } from 'node:crypto';
import { parsePinRequestInput } from '../../domain/pin-request-input';
import type { Db } from '../../infra/db';
import { claimTask, completeTask, DecisionNotValid, openTask } from '../../repositories/agent-tasks';
import { revokeCredentials } from '../../repositories/credentials';
import {
  findOrInsertPinRequest,
  recordPinRequestStatus,
  recordValidation,
  StatusMoveRefused,
} from '../../repositories/pin-requests';
import { personByFiscalCode } from '../../repositories/registry';
import { requestFor } from '../support/demo';
import { demoCredential, useProductDatabase } from '../support/database';

const database = useProductDatabase();
let db: Db;
beforeEach(() => {
  db = database();
});

async function newRequest(lastName: string) {
  const parsed = parsePinRequestInput(requestFor(lastName));
  if (!parsed.ok) throw new Error('demo request does not parse');
  return (await findOrInsertPinRequest(db, parsed.value, { channel: 'online' })).row;
}

const auditOf = (subjectId: string) =>
  db
    .selectFrom('audit_log')
    .select(['action', 'actor_type'])
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();

describe('a PIN request', () => {
  it('moves only forward: a delivered request never goes back, and nothing leaves a rejected one', async () => {
    const request = await newRequest('Rossi');
    // Uncleared, it does not go towards a PIN; once the registry has confirmed it, it does.
    await expect(recordPinRequestStatus(db, { requestId: request.id, status: 'delivering' })).rejects.toThrow(
      StatusMoveRefused,
    );
    await recordValidation(db, { requestId: request.id, personId: null, failures: [] });
    for (const status of ['validating', 'delivering', 'delivered'] as const)
      await recordPinRequestStatus(db, { requestId: request.id, status });
    // A stage already passed, recorded again (a workflow task re-run after its worker died): nothing changes.
    await expect(recordPinRequestStatus(db, { requestId: request.id, status: 'validating' })).resolves.toBeUndefined();
    const other = await newRequest('Bianchi');
    await recordPinRequestStatus(db, { requestId: other.id, status: 'rejected', rejectionReason: 'not_in_registry' });
    await expect(recordPinRequestStatus(db, { requestId: other.id, status: 'delivering' })).resolves.toBeUndefined();
    // A final stage is never "passed": a rejected request cannot be recorded delivered, nor a delivered one rejected.
    await expect(recordPinRequestStatus(db, { requestId: other.id, status: 'delivered' })).rejects.toThrow(
      StatusMoveRefused,
    );
    await expect(
      recordPinRequestStatus(db, { requestId: request.id, status: 'rejected', rejectionReason: 'not_in_registry' }),
    ).rejects.toThrow(StatusMoveRefused);
    const rows = await db.selectFrom('pin_requests').select(['id', 'status']).execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [request.id]: 'delivered',
      [other.id]: 'rejected',
    });
  });

  it('takes a retried step again without complaint', async () => {
    const request = await newRequest('Rossi');
    await recordPinRequestStatus(db, { requestId: request.id, status: 'validating' });
    await expect(recordPinRequestStatus(db, { requestId: request.id, status: 'validating' })).resolves.toBeUndefined();
  });
});

describe('a credential', () => {
  it('is revoked once: a second revocation changes nothing and writes no second audit row', async () => {
    const person = (await personByFiscalCode(db, requestFor('Rossi').fiscalCode))!;
    const credentialId = await demoCredential(db, person.id);
    const revoke = () =>
      db.transaction().execute((trx) =>
        revokeCredentials(trx, {
          which: { credentialId },
          reason: 'revoked_by_office',
          actor: { type: 'citizen', id: person.id },
        }),
      );
    expect(await revoke()).toEqual([credentialId]);
    expect(await revoke()).toEqual([]);
    expect(await auditOf(credentialId)).toEqual([{ action: 'credential.revoked', actor_type: 'citizen' }]);
  });
});

describe('an agent task', () => {
  it('is completed only by the agent who holds it, and only while it is claimed', async () => {
    const request = await newRequest('Rossi');
    const taskId = randomUUID();
    await openTask(db, { id: taskId, kind: 'outbound_verification', subject: { pinRequestId: request.id } });
    const [neri, sala] = await db.selectFrom('staff').select('id').orderBy('username').limit(2).execute();
    const complete = (staffId: string) =>
      db
        .transaction()
        .execute((trx) => completeTask(trx, { taskId, decisionId: randomUUID(), staffId, outcome: 'verified' }));
    await expect(complete(neri!.id)).rejects.toThrow(DecisionNotValid);
    expect(
      await claimTask(db, { staffId: neri!.id, taskId, kinds: ['outbound_verification'], claimMs: 60_000 }),
    ).toEqual({ ok: true });
    expect(
      await claimTask(db, { staffId: sala!.id, taskId, kinds: ['outbound_verification'], claimMs: 60_000 }),
    ).toEqual({ ok: false, refusal: 'not_open' });
    await expect(complete(sala!.id)).rejects.toThrow(DecisionNotValid);
    await expect(complete(neri!.id)).resolves.toMatchObject({ pin_request_id: request.id });
    await expect(complete(neri!.id)).rejects.toThrow(DecisionNotValid);
  });
});
