// The fax provider's inbound webhook contract (Phaxio API v2.1, "received fax" webhook): a multipart POST with the
// fax's metadata as a JSON field and the document as a PDF file, signed in X-Phaxio-Signature with the account's
// webhook token. Shared by the webhook, which verifies, and the local stand-in, which signs.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from './config';

export const FAX_PROVIDER = 'phaxio';
export const FAX_SIGNATURE_HEADER = 'x-phaxio-signature';
export const STAND_IN_FAX_WEBHOOK_TOKEN = 'stand-in-fax-webhook-token';

export const faxWebhookToken = (config: Config) => config.FAX_WEBHOOK_TOKEN ?? STAND_IN_FAX_WEBHOOK_TOKEN;

/**
 * HMAC-SHA1, hex, of: the URL the provider called, then every form field as name and value sorted by name, then
 * every file as field name and the SHA-1 of its content, sorted by field name.
 */
export function faxWebhookSignature(
  token: string,
  url: string,
  fields: Record<string, string>,
  files: Record<string, Buffer>,
): string {
  const sorted = (o: object) => Object.keys(o).sort();
  let signed = url;
  for (const name of sorted(fields)) signed += name + fields[name];
  for (const name of sorted(files)) signed += name + createHash('sha1').update(files[name]!).digest('hex');
  return createHmac('sha1', token).update(signed).digest('hex');
}

export function isValidFaxSignature(
  token: string,
  signature: string | undefined,
  ...payload: Parameters<typeof faxWebhookSignature> extends [string, ...infer Rest] ? Rest : never
): boolean {
  if (!signature) return false;
  const expected = Buffer.from(faxWebhookSignature(token, ...payload), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
