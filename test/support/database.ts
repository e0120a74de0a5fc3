// The real Postgres, migrated, as the product's role, for tests of the repositories: each test starts from the seeded
// registry and no case.
import { createDb, prepareDatabase, type Db } from '../../infra/db';
import { clearRequests } from './product';

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
