// Status links, the one way a request's page opens for whoever is not signed in (brief, "Identity proofing"): a
// random token, of which only the hash is kept; the token itself sealed only until the message that carries it is
// sent. Made when a submission is taken in, read when the citizen opens the link.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import { LIVE_PIN_REQUEST_STATUSES } from '../domain/pin-request';
import type { Vault } from '../infra/vault';
import type { Database, PinRequestRow } from '../infra/db/schema';

const tokenHash = (token: string) => createHash('sha256').update(`status-link:${token}`).digest('hex');
export const statusLinkSealContext = (linkId: string) => `status-link:${linkId}`;

/** A new link to follow the request; returns its id. */
export async function createStatusLink(trx: Transaction<Database>, vault: Vault, requestId: string): Promise<string> {
  const id = randomUUID();
  const token = randomBytes(32).toString('base64url');
  await trx
    .insertInto('status_links')
    .values({
      id,
      pin_request_id: requestId,
      token_hash: tokenHash(token),
      sealed_token: vault.seal(token, statusLinkSealContext(id)),
    })
    .execute();
  return id;
}

/**
 * Whether a request still opens by its status link: under way, or ended after `endedSince`
 * (domain/pin-request.ts, statusLinksOpenEndedSince). The one statement of the rule, for every query that needs it.
 */
export function opensByStatusLink(eb: ExpressionBuilder<Database, 'pin_requests'>, endedSince: Date) {
  return eb.or([
    eb('pin_requests.status', 'in', LIVE_PIN_REQUEST_STATUSES),
    eb('pin_requests.updated_at', '>', endedSince),
  ]);
}

/** The request a link's token opens, if it still may. */
export function requestByStatusToken(
  db: Kysely<Database>,
  token: string,
  endedSince: Date,
): Promise<PinRequestRow | undefined> {
  return db
    .selectFrom('status_links')
    .innerJoin('pin_requests', 'pin_requests.id', 'status_links.pin_request_id')
    .selectAll('pin_requests')
    .where('status_links.token_hash', '=', tokenHash(token))
    .where((eb) => opensByStatusLink(eb, endedSince))
    .executeTakeFirst();
}

/** The link's sealed token and where its request's messages go. */
export function statusLinkToSend(db: Kysely<Database>, linkId: string) {
  return db
    .selectFrom('status_links')
    .innerJoin('pin_requests', 'pin_requests.id', 'status_links.pin_request_id')
    .select(['status_links.sealed_token', 'pin_requests.delivery_channel', 'pin_requests.phone', 'pin_requests.email'])
    .where('status_links.id', '=', linkId)
    .executeTakeFirstOrThrow();
}

/** The token will not be sent (or was just sent, `sentAt`): its sealed copy is wiped either way. */
export async function statusLinkHandled(
  db: Kysely<Database> | Transaction<Database>,
  input: { linkId: string; sentAt?: Date },
): Promise<void> {
  await db
    .updateTable('status_links')
    .set({ sealed_token: null, ...(input.sentAt ? { sent_at: input.sentAt } : {}) })
    .where('id', '=', input.linkId)
    .execute();
}
