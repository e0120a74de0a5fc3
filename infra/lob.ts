// The print-and-post provider's contract (Lob's letters API and its webhooks): letters created with the PDF through
// Lob's Node SDK, keyed by the product's letter id (Lob's idempotency key), and the tracking events Lob posts back,
// signed in Lob-Signature with the webhook's secret. Shared by the adapter, the webhook, which verifies, and the
// local stand-in, which signs.
import { createHmac, timingSafeEqual } from 'node:crypto';
import Lob from 'lob';
import type { LetterStatus } from '../domain/delivery';
import type { Config } from './config';
import type { LetterAddress, PrintHouse } from './print-house';

export const LOB_PROVIDER = 'lob';
export const LOB_SIGNATURE_HEADER = 'lob-signature';
export const LOB_TIMESTAMP_HEADER = 'lob-signature-timestamp';
/** The stand-in's own key and webhook secret: development values, never used when a real account is configured. */
export const STAND_IN_LOB_API_KEY = 'test_stand_in_lob_key';
export const STAND_IN_LOB_WEBHOOK_SECRET = 'stand-in-lob-webhook-secret';
/** A signed event older than this is refused: a captured request cannot be replayed later. */
export const LOB_SIGNATURE_MAX_AGE_MS = 5 * 60_000;

export const lobWebhookSecret = (config: Config) => config.LOB_WEBHOOK_SECRET ?? STAND_IN_LOB_WEBHOOK_SECRET;

/** Where returned mail goes back: INPS's head office, printed as the letter's sender. */
export const INPS_RETURN_ADDRESS: LetterAddress = {
  name: 'INPS - Istituto Nazionale della Previdenza Sociale',
  street: 'Via Ciro il Grande 21',
  postalCode: '00144',
  city: 'Roma',
  province: 'RM',
};

/** HMAC-SHA256, hex, of the timestamp header, a dot, and the raw body, keyed with the webhook's secret. */
export function lobWebhookSignature(secret: string, timestamp: string, rawBody: Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

export function isValidLobSignature(
  secret: string,
  input: { signature?: string; timestamp?: string; rawBody: Buffer; now: number },
): boolean {
  const { signature, timestamp } = input;
  if (!signature || !timestamp || !/^\d{1,15}$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(signature)) return false;
  // Lob's timestamp is in milliseconds since the epoch.
  if (Math.abs(input.now - Number(timestamp)) > LOB_SIGNATURE_MAX_AGE_MS) return false;
  const expected = Buffer.from(lobWebhookSignature(secret, timestamp, input.rawBody), 'hex');
  return timingSafeEqual(Buffer.from(signature, 'hex'), expected);
}

/**
 * What each of Lob's tracking events means for the letter. Events not listed (thumbnails rendered, and the like)
 * move nothing.
 */
export const LOB_EVENT_STATUS: Readonly<Record<string, LetterStatus>> = {
  'letter.created': 'created',
  'letter.rendered_pdf': 'created',
  'letter.mailed': 'printed',
  'letter.in_transit': 'in_transit',
  'letter.in_local_area': 'in_transit',
  'letter.processed_for_delivery': 'in_transit',
  'letter.re-routed': 'in_transit',
  'letter.delivered': 'delivered',
  'letter.returned_to_sender': 'returned',
};

const lobAddress = (a: LetterAddress) => ({
  name: a.name,
  address_line1: a.street,
  address_city: a.city,
  address_state: a.province,
  address_zip: a.postalCode,
  address_country: 'IT',
});

/**
 * Letters through Lob (`LOB_API_KEY`; the local stand-in when unset). The PDF is uploaded with the letter, so it is
 * never published at a URL; the product's letter id is the idempotency key, so a retry never posts a second letter.
 */
export function createLobPrintHouse(options: { apiKey: string; host: string }): PrintHouse {
  const lob = Lob(options.apiKey, { host: options.host });
  return {
    name: LOB_PROVIDER,
    tracksLetters: true,
    async submit({ letterId, pdf, address }) {
      const letter = await lob.letters.create(
        {
          description: 'PIN INPS - seconda parte',
          to: lobAddress(address),
          from: lobAddress(INPS_RETURN_ADDRESS),
          file: pdf,
          color: false,
          double_sided: false,
          use_type: 'operational',
          address_placement: 'top_first_page',
          metadata: { letter_id: letterId },
        },
        { 'Idempotency-Key': letterId },
      );
      return { reference: letter.id, expectedDelivery: letter.expected_delivery_date };
    },
    // Lob keeps the letter; the product keeps no copy of it.
    removeLettersHandedOverBefore: async () => 0,
  };
}
