// One round of the fault measurement (issue "Faults without consequences"), shared by `test/faults/` and
// `bench/faults.ts`: citizens submit PIN requests (each until it is accepted, as anyone would after an error page)
// while one part of the product is killed with SIGKILL at a random moment and started again; then every request is
// followed to its end and counted: lost, duplicated, stuck, mismatched, and answers that were a server error.
import { verifySecret } from '../../domain/pin';
import { DEMO_PERSONS } from '../../dev/seed';
import { requestFor } from './demo';
import { deliveredPin } from './pins';
import { clearRequests, eventually, type TestProduct } from './product';
import type { PartName, SeparateParts } from './separate-parts';

/** Demo citizens whose requests pass the registry check on their own. */
const AUTOMATIC = DEMO_PERSONS.map((p) => p.lastName).filter(
  (n) => !['Ferrari', 'Romano', 'Greco', 'Santoro', 'Ricci', 'Lombardi'].includes(n),
);

/** A part killed (SIGKILL), all of them, none, or a deploy: the worker and the citizen service stopped (SIGTERM). */
export type Fault = PartName | 'everything' | 'none' | 'deploy';
type Answer = number | 'no answer';

export interface RoundResult {
  requests: number;
  /** Answers of 5xx other than a 503 with Retry-After: a citizen shown an error for a request that was fine. */
  serverErrors: number;
  /** Accepted (202) but never stored, or stored twice. */
  lost: number;
  /** Citizens who got the first half more than once, or more than one letter. */
  duplicated: number;
  /** Requests not delivered within the wait. */
  stuck: number;
  /** Delivered PINs whose two halves do not make the stored hash. */
  mismatched: number;
  /** Citizens whose first try was answered 202, with no error page or retry before it. */
  acceptedAtOnce: number;
}

async function submitUntilAccepted(citizenUrl: string, body: object): Promise<Answer[]> {
  const answers: Answer[] = [];
  while (answers.length < 60) {
    try {
      const res = await fetch(`${citizenUrl}/api/pin-requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      answers.push(res.status === 503 && !res.headers.get('retry-after') ? 500 : res.status);
      if (res.status === 202) return answers;
    } catch {
      answers.push('no answer');
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  return answers;
}

const victimsOf = (fault: PartName | 'everything'): PartName[] =>
  fault === 'everything' ? ['citizen', 'worker', 'temporal', 'postgres'] : [fault];

export async function faultRound(
  parts: SeparateParts,
  opts: {
    round: string;
    fault: Fault;
    citizens: number;
    providerFaults: object;
    deliveredWithinMs?: number;
    /** When, after the first request, the part is killed: at a random moment in the first 2.5 s by default. */
    faultAtMs?: number;
    /** How long it stays down before it is started again. */
    downForMs?: number;
  },
): Promise<RoundResult> {
  if (opts.citizens > AUTOMATIC.length) throw new Error(`at most ${AUTOMATIC.length} citizens per round`);
  await clearRequests({ db: parts.db }, parts.ownerUrl());
  // Outages at intake are swept up every few seconds here, not every minute.
  await parts.startRound(opts.round, { PENDING_PROCESS_SWEEP_EVERY: '5 seconds' });
  await parts.setProviderFaults(opts.providerFaults);

  const citizens = AUTOMATIC.slice(0, opts.citizens).map((lastName, i) =>
    // Each citizen their own phone: the outbox is read per recipient.
    requestFor(lastName, { phone: `+393330001${String(i).padStart(3, '0')}` }),
  );
  // The part goes down before the first request when the fault comes at once.
  if (opts.faultAtMs === 0 && opts.fault !== 'none' && opts.fault !== 'deploy')
    for (const victim of victimsOf(opts.fault)) parts.kill(victim);
  const load = Promise.all(
    citizens.map(async (citizen, i) => {
      await new Promise((r) => setTimeout(r, i * 300));
      return submitUntilAccepted(parts.citizenUrl, citizen);
    }),
  );
  if (opts.fault === 'deploy') {
    await new Promise((r) => setTimeout(r, 500 + Math.random() * 2_000));
    await Promise.all([parts.terminate('citizen'), parts.terminate('worker')]);
    await parts.restart('worker');
    await parts.restart('citizen');
  } else if (opts.fault !== 'none') {
    const victims = victimsOf(opts.fault);
    if (opts.faultAtMs !== 0) {
      await new Promise((r) => setTimeout(r, opts.faultAtMs ?? 500 + Math.random() * 2_000));
      for (const victim of victims) parts.kill(victim);
    }
    await new Promise((r) => setTimeout(r, opts.downForMs ?? 2_000));
    for (const victim of [...victims].reverse()) await parts.restart(victim);
  }
  const answers = await load;

  const settled = async () => {
    const rows = await parts.db
      .selectFrom('pin_requests')
      .select(['id', 'fiscal_code', 'status', 'phone'])
      .execute()
      .catch(() => undefined);
    return rows?.length === citizens.length && rows.every((r) => r.status === 'delivered') ? rows : undefined;
  };
  await eventually(settled, opts.deliveredWithinMs ?? 150_000).catch(() => undefined);
  const requests = await parts.db.selectFrom('pin_requests').select(['id', 'fiscal_code', 'status', 'phone']).execute();

  const outbox = await parts.outbox();
  const letters = parts.printHouse().list();
  const product = { db: parts.db, outbox: () => parts.outbox(), standIns: parts.standInsUrl() };
  const result: RoundResult = {
    requests: citizens.length,
    serverErrors: answers.flat().filter((a) => typeof a === 'number' && a >= 500 && a !== 503).length,
    lost: 0,
    duplicated: 0,
    stuck: 0,
    mismatched: 0,
    acceptedAtOnce: answers.filter((a) => a.length === 1 && a[0] === 202).length,
  };
  for (const [i, citizen] of citizens.entries()) {
    const stored = requests.filter((r) => r.fiscal_code === citizen.fiscalCode);
    if (answers[i]!.includes(202) !== (stored.length === 1)) result.lost++;
    const request = stored[0];
    if (request?.status !== 'delivered') {
      result.stuck++;
      continue;
    }
    const name = `${citizen.firstName} ${citizen.lastName}`;
    const firstHalves = outbox.filter((m) => m.recipient === request.phone && /prima parte del Suo PIN/.test(m.text));
    if (firstHalves.length !== 1 || letters.filter((l) => l.address.name === name).length !== 1) result.duplicated++;
    const { pin_hash } = await parts.db
      .selectFrom('credentials')
      .select('pin_hash')
      .where('pin_request_id', '=', request.id)
      .executeTakeFirstOrThrow();
    const pin = await deliveredPin(product as unknown as TestProduct, request.id).catch(() => '');
    if (!(await verifySecret(pin_hash, pin))) result.mismatched++;
  }
  return result;
}
