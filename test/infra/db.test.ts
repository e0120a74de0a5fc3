// The database access layer survives what a database does when it fails: a connection dropped while the product holds
// it (a Postgres restart, a failover, an administrator ending the session) is an error to handle, never an
// unhandled event that takes the whole process down.
import { sql } from 'kysely';
import { createDb, type Db } from '../../infra/db';

let db: Db;
/** Another session of the same role, which may end the product's sessions as an administrator would. */
let other: Db;
beforeAll(() => {
  db = createDb(process.env.DATABASE_URL!, 2);
  other = createDb(process.env.DATABASE_URL!, 1);
});
afterAll(async () => {
  await db?.destroy();
  await other?.destroy();
});

it('survives a connection dropped in the middle of a transaction, and the next query gets a fresh one', async () => {
  const failed = db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
    // The server ends this session while the product holds the connection, between two statements.
    const ended = await sql<{ ended: boolean }>`select pg_terminate_backend(${rows[0]!.pid}) as ended`.execute(other);
    expect(ended.rows).toEqual([{ ended: true }]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await sql`select 1`.execute(trx);
  });
  await expect(failed).rejects.toThrow();
  const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(db);
  expect(rows).toEqual([{ ok: 1 }]);
});
