// A delivered PIN as its holder reads it, once its request is recorded delivered: the first half from the latest SMS
// or email to their contact, the second from the text of the letter the print house received for the request; and
// PINs written straight to Postgres for tests that need someone who already holds one.
import { randomUUID } from 'node:crypto';
import { generatePin, hashPin } from '../../domain/pin';
import { pdfText, secondHalfInLetter } from './pdf-text';
import type { TestProduct } from './product';

export async function deliveredPin(product: TestProduct, requestId: string): Promise<string> {
  const request = await product.db
    .selectFrom('pin_requests')
    .select(['phone', 'email', 'delivery_channel', 'status'])
    .where('id', '=', requestId)
    .executeTakeFirstOrThrow();
  // The letter leaves a moment before the workflow records the request delivered: callers go on to read that status.
  if (request.status !== 'delivered') throw new Error(`request ${requestId}: ${request.status}, not yet delivered`);
  const letter = await product.db
    .selectFrom('letters')
    .select('provider_reference')
    .where('pin_request_id', '=', requestId)
    .executeTakeFirstOrThrow();
  // Sent and recorded for this request: the newest message to that contact is this request's.
  await product.db
    .selectFrom('notifications')
    .select('id')
    .where('pin_request_id', '=', requestId)
    .where('kind', '=', 'pin_first_half')
    .executeTakeFirstOrThrow();
  const outbox = await product.outbox();
  const recipient = request.delivery_channel === 'sms' ? request.phone : request.email;
  const message = outbox
    // The outbox lists the newest first.
    .find((m) => m.channel === request.delivery_channel && m.recipient === recipient && /prima parte/.test(m.text));
  const firstHalf = message?.text.match(/PIN è ([A-Z0-9]{8})\./)?.[1];
  const letterEntry = outbox.find((m) => m.channel === 'letter' && m.reference === letter.provider_reference);
  if (!firstHalf || !letterEntry?.letterPdfUrl) throw new Error(`request ${requestId}: PIN not (yet) delivered`);
  const pdf = Buffer.from(await (await fetch(`${product.standIns}${letterEntry.letterPdfUrl}`)).arrayBuffer());
  const secondHalf = secondHalfInLetter(pdfText(pdf));
  return firstHalf + secondHalf;
}

/** A demo citizen's registry id, and a new 8-character secret with its hash. */
async function personWithNewSecret(product: Pick<TestProduct, 'db'>, fiscalCode: string) {
  const { id } = await product.db
    .selectFrom('persons')
    .select('id')
    .where('fiscal_code', '=', fiscalCode)
    .executeTakeFirstOrThrow();
  const pin = generatePin(8);
  return { personId: id, pin, pinHash: await hashPin(pin) };
}

/** Gives a demo citizen an active 8-character PIN (as a first access would leave it), written straight to Postgres. */
export async function activePinFor(product: Pick<TestProduct, 'db'>, fiscalCode: string): Promise<string> {
  const { personId, pin, pinHash } = await personWithNewSecret(product, fiscalCode);
  await product.db
    .insertInto('credentials')
    .values({
      id: randomUUID(),
      person_id: personId,
      kind: 'ordinario',
      holder: 'citizen',
      status: 'active',
      pin_hash: pinHash,
      pin_length: 8,
      pin_request_id: null,
      expires_at: new Date(Date.now() + 90 * 86_400_000),
    })
    .execute();
  return pin;
}

/** Gives a demo citizen an active one-week phone PIN, as a SPID session would make it. */
export async function activePhonePinFor(product: Pick<TestProduct, 'db'>, fiscalCode: string): Promise<string> {
  const { personId, pin, pinHash } = await personWithNewSecret(product, fiscalCode);
  await product.db
    .insertInto('phone_pins')
    .values({
      id: randomUUID(),
      person_id: personId,
      pin_hash: pinHash,
      validity: '1_week',
      status: 'active',
      expires_at: new Date(Date.now() + 7 * 86_400_000),
    })
    .execute();
  return pin;
}
