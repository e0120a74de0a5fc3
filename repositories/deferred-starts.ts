// Workflow starts Temporal did not take when a case was stored (core/pin-dispositivo-processes.ts): noted, then
// made by the pending-process sweep and crossed off.
import type { Kysely } from 'kysely';
import type { Database, DeferredStartKind } from '../infra/db/schema';

export async function deferStart(db: Kysely<Database>, input: { kind: DeferredStartKind; id: string }): Promise<void> {
  await db
    .insertInto('deferred_starts')
    .values(input)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export function deferredStarts(db: Kysely<Database>) {
  return db.selectFrom('deferred_starts').select(['kind', 'id']).orderBy('deferred_at').limit(500).execute();
}

export async function deferredStartMade(db: Kysely<Database>, input: { kind: DeferredStartKind; id: string }) {
  await db.deleteFrom('deferred_starts').where('kind', '=', input.kind).where('id', '=', input.id).execute();
}
