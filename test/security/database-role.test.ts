// Least privilege in Postgres: the product connects as a role that is not a superuser and owns nothing; on the audit
// trail it can add and read, and nothing else. Erasing the trail through the product's own connection is impossible.
import { sql } from 'kysely';
import { createDb, type Db } from '../../infra/db';
import { startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
let owner: Db;
beforeAll(async () => {
  product = await startTestProduct();
  owner = createDb(process.env.DATABASE_MIGRATION_URL!, 1);
});
afterAll(async () => {
  await owner?.destroy();
  await product?.stop();
});

it('is not a superuser and owns no table', async () => {
  const { rows } = await sql<{
    rolsuper: boolean;
    rolcreaterole: boolean;
    rolcreatedb: boolean;
    owned: string;
  }>`select rolsuper, rolcreaterole, rolcreatedb,
      (select count(*) from pg_tables where tableowner = current_user)::text as owned
    from pg_roles where rolname = current_user`.execute(product.db);
  expect(rows[0]).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, owned: '0' });
});

it('adds to the audit trail and reads it, and cannot update, delete, truncate, alter or disable its guard', async () => {
  await sql`insert into audit_log (actor_type, action, subject_type, subject_id)
    values ('system', 'test.written', 'test', 'x')`.execute(product.db);
  const { rows } = await sql<{ n: string }>`select count(*)::text as n from audit_log`.execute(product.db);
  expect(Number(rows[0]!.n)).toBeGreaterThan(0);
  for (const attack of [
    sql`update audit_log set action = 'erased'`,
    sql`delete from audit_log`,
    sql`truncate audit_log`,
    sql`alter table audit_log disable trigger audit_log_append_only`,
    sql`alter table audit_log drop column details`,
    sql`drop table audit_log`,
    sql`drop trigger audit_log_append_only on audit_log`,
  ])
    await expect(attack.execute(product.db)).rejects.toThrow(/permission denied|must be owner/);
  // Nor can it give itself the owner's powers.
  await expect(sql`set role pin_owner`.execute(product.db)).rejects.toThrow(/permission denied/);
  const after = await sql<{ n: string }>`select count(*)::text as n from audit_log`.execute(product.db);
  expect(after.rows[0]!.n).toBe(rows[0]!.n);
});

it('cannot touch the migrations, nor change the schema', async () => {
  await expect(sql`select * from kysely_migration`.execute(product.db)).rejects.toThrow(/permission denied/);
  await expect(sql`create table intruder (id int)`.execute(product.db)).rejects.toThrow(/permission denied/);
  await expect(sql`alter table persons add column x int`.execute(product.db)).rejects.toThrow(/must be owner/);
});

it('the owner, which migrations run as, is refused updates and deletes of the trail by its trigger', async () => {
  await expect(sql`update audit_log set action = 'erased'`.execute(owner)).rejects.toThrow(/append-only/);
});
