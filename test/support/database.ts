// The real Postgres, migrated, as the product's role, for tests of the repositories: each test starts from the seeded
// registry and no case.
import { randomUUID } from 'node:crypto';
import { createDb, prepareDatabase, type Db } from '../../infra/db';
import { insertInitialCredential } from '../../repositories/credentials';
import { clearRequests } from './product';

/** A PIN ordinario of this person, in its initial state, with a hash no PIN matches: a credential to hang cases on. */
export async function demoCredential(db: Db, personId: string): Promise<string> {
  const id = randomUUID();
  await insertInitialCredential(db, {
    id,
    personId,
    kind: 'ordinario',
    holder: 'citizen',
    pinHash: 'not-a-real-hash',
    pinLength: 16,
    pinRequestId: null,
  });
  return id;
}

/** Registers the file's set-up and tear-down; the returned function gives the connection inside a test. */
export function useProductDatabase(): () => Db {
  let db: Db | undefined;
  beforeAll(async () => {
    await prepareDatabase(process.env.DATABASE_MIGRATION_URL!, process.env.DATABASE_URL!);
    db = createDb(process.env.DATABASE_URL!, 2);
  });
  afterAll(() => db?.destroy());
  beforeEach(() => clearRequests({ db: db! }));
  return () => db!;
}
