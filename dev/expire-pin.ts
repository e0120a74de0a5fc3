// Development only: a demo citizen's PIN reaches the end of its term now, so renewal can be tried without waiting
// months (README, "Demo citizens to try"). Run beside `npm start`: `npm run demo:expire-pin -- <codice fiscale>`.
// Sign-in reads the term's end from Postgres, so the next sign-in asks for renewal; the lifecycle workflow keeps its
// own timer and finds the PIN renewed, or expires it, when that timer comes.
import { sql } from 'kysely';
import { loadConfig } from '../infra/config';
import { createDb, type Db } from '../infra/db';
import { recordAudit } from '../repositories/audit';
import { embeddedPostgresUrl } from './embedded-postgres';

export async function endPinTermNow(db: Db, fiscalCode: string): Promise<'ended' | 'no_active_pin'> {
  return db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable('credentials')
      .set({ expires_at: sql<Date>`now()` })
      .where('status', '=', 'active')
      .where('holder', '=', 'citizen')
      .where('person_id', 'in', trx.selectFrom('persons').select('id').where('fiscal_code', '=', fiscalCode))
      .returning('id')
      .executeTakeFirst();
    if (!ended) return 'no_active_pin';
    await recordAudit(trx, {
      actorType: 'system',
      actorId: null,
      action: 'credential.expired',
      subjectType: 'credential',
      subjectId: ended.id,
      details: { demo: 'term ended now by dev/expire-pin.ts' },
    });
    return 'ended';
  });
}

if (require.main === module) {
  const config = loadConfig();
  const fiscalCode = (process.argv[2] ?? '').trim().toUpperCase();
  if (config.NODE_ENV === 'production') throw new Error('dev/expire-pin.ts is for development only');
  if (!/^[A-Z0-9]{16}$/.test(fiscalCode)) {
    console.error('Usage: npm run demo:expire-pin -- <codice fiscale>');
    process.exit(2);
  }
  const db = createDb(config.DATABASE_URL ?? embeddedPostgresUrl(config.EMBEDDED_POSTGRES_PORT), 1);
  endPinTermNow(db, fiscalCode)
    .then((outcome) => {
      console.log(
        outcome === 'ended'
          ? `${fiscalCode}: the PIN's term ended now; the next sign-in asks for renewal.`
          : `${fiscalCode}: no active PIN (is npm start running, and has this citizen completed the first access?).`,
      );
      return db.destroy();
    })
    .catch(async (err: unknown) => {
      console.error((err as Error).message);
      await db.destroy();
      process.exit(1);
    });
}
