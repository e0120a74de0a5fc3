// Deleting what has served its purpose, so nothing personal or secret lingers and anonymous traffic cannot grow a table
// without bound: sessions past their end, sign-in guards quiet for longer than their window, OpenID Connect sign-ins
// finished or abandoned, status links that no longer open anything, first halves kept for a resend nobody needs any
// more. Run by the housekeeping Schedule.
import { sql } from 'kysely';
import { statusLinksOpenEndedSince } from '../domain/pin-request';
import { opensByStatusLink } from './status-links';
import type { Db } from '../infra/db';

export interface HousekeepingRules {
  now: Date;
  /** A guard with no attempt and no suspension for this long is forgotten: its count starts again from zero. */
  signInGuardQuietMs: number;
  /** A status link opens its request for this many days after the request ended (the citizen service's rule). */
  statusLinkDaysAfterEnd: number;
  /** "The SMS never came": the first half's copy for one resend, kept at most this long, and never once it is used. */
  firstHalfResendKeptMs: number;
}

export type HousekeepingCounts = Record<
  'citizenSessions' | 'staffSessions' | 'signInGuards' | 'oidcSignIns' | 'statusLinks' | 'firstHalfCopies',
  number
>;

const deleted = (result: { numDeletedRows: bigint }[]) => Number(result[0]?.numDeletedRows ?? 0n);

export async function deleteWhatHasServed(db: Db, rules: HousekeepingRules): Promise<HousekeepingCounts> {
  const { now } = rules;
  const guardsQuietSince = new Date(now.getTime() - rules.signInGuardQuietMs);
  const linksOpenEndedSince = statusLinksOpenEndedSince(now, rules.statusLinkDaysAfterEnd);
  return {
    citizenSessions: deleted(await db.deleteFrom('citizen_sessions').where('expires_at', '<', now).execute()),
    staffSessions: deleted(await db.deleteFrom('staff_sessions').where('expires_at', '<', now).execute()),
    signInGuards: deleted(
      await db
        .deleteFrom('sign_in_guards')
        .where('updated_at', '<', guardsQuietSince)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .execute(),
    ),
    oidcSignIns: deleted(
      await db
        .deleteFrom('oidc_sign_ins')
        .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<', now)]))
        .execute(),
    ),
    firstHalfCopies: Number(
      (
        await db
          .updateTable('pin_deliveries')
          .set({ resend_ciphertext: null })
          .where('resend_ciphertext', 'is not', null)
          .where((eb) =>
            eb.or([
              eb('created_at', '<', new Date(now.getTime() - rules.firstHalfResendKeptMs)),
              eb.exists(
                eb
                  .selectFrom('credentials')
                  .select(sql.lit(1).as('one'))
                  .whereRef('credentials.id', '=', 'pin_deliveries.credential_id')
                  .where('credentials.status', '!=', 'initial'),
              ),
            ]),
          )
          .executeTakeFirst()
      ).numUpdatedRows,
    ),
    statusLinks: deleted(
      await db
        .deleteFrom('status_links')
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('pin_requests')
              .select(sql.lit(1).as('one'))
              .whereRef('pin_requests.id', '=', 'status_links.pin_request_id')
              // A link is kept for exactly as long as it may open its request.
              .where((eb) => eb.not(opensByStatusLink(eb, linksOpenEndedSince))),
          ),
        )
        .execute(),
    ),
  };
}
