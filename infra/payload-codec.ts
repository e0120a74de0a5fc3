// The payload codec: every payload the product's clients and worker send to Temporal (workflow inputs, activity
// results, signals, updates) is encrypted with AES-256-GCM before it leaves the process, so the Temporal server, its
// database and Temporal Web hold only ciphertext. Each payload names the key it was sealed with; keys rotate by
// putting a new one first in PAYLOAD_CODEC_KEYS and keeping the old ones after it for as long as histories sealed
// with them live. A payload that is not encrypted is never passed through: Temporal is not a trust boundary, and
// whoever can reach its frontend must not hand the worker a message of their own. It is decoded into a payload no
// converter can read, so the workflow cannot take it as input: an update carrying it is rejected, nothing acts on it,
// and the workflow goes on (failing the whole workflow task instead would wedge it for as long as the update waits).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { seal, unsealBytes } from './sealing';
import type { Config } from './config';
import { logger } from './logger';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
/** What an unencrypted payload decodes to: an encoding no payload converter knows, so nothing can read it. */
export const REFUSED_ENCODING = 'binary/refused-not-encrypted';

export interface PayloadKeyring {
  /** The key new payloads are sealed with. */
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/** `id:base64key[,id:base64key...]`, the current key first. */
export function parseKeyring(spec: string): PayloadKeyring {
  const entries = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, key] = entry.split(':');
      const bytes = Buffer.from(key ?? '', 'base64');
      if (!id || !/^[\w.-]{1,64}$/.test(id) || bytes.length !== 32)
        throw new Error('PAYLOAD_CODEC_KEYS: each key is "id:base64" with a 32-byte key');
      return [id, bytes] as const;
    });
  if (!entries.length) throw new Error('PAYLOAD_CODEC_KEYS holds no key');
  return { currentKeyId: entries[0]![0], keys: new Map(entries) };
}

/** From PAYLOAD_CODEC_KEYS, or in development a random key kept under the data folder (owner-readable only). */
export function loadPayloadKeyring(config: Config): PayloadKeyring {
  if (config.PAYLOAD_CODEC_KEYS) return parseKeyring(config.PAYLOAD_CODEC_KEYS);
  const file = path.join(config.DATA_DIR, 'secrets', 'payload-codec.keys');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // An id of its own, so that a payload sealed by another installation's key is named as such ("unknown key").
    const id = `dev-${randomBytes(4).toString('hex')}`;
    writeFileSync(file, `${id}:${randomBytes(32).toString('base64')}`, { mode: 0o600, flag: 'wx' });
  }
  return parseKeyring(readFileSync(file, 'utf8'));
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString('utf8') : undefined);

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keyring: PayloadKeyring) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { currentKeyId } = this.keyring;
    const key = this.keyring.keys.get(currentKeyId)!;
    return payloads.map((payload) => ({
      metadata: { encoding: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(currentKeyId) },
      // The key id is the associated data: a payload cannot be passed off as sealed by another key.
      data: seal(key, Buffer.from(temporal.api.common.v1.Payload.encode(payload).finish()), currentKeyId),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (text(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) {
        logger.warn('refused a payload that was not encrypted: someone other than the product wrote to Temporal');
        return { metadata: { encoding: utf8(REFUSED_ENCODING) }, data: new Uint8Array() };
      }
      const keyId = text(payload.metadata?.[KEY_ID_METADATA]);
      const key = keyId ? this.keyring.keys.get(keyId) : undefined;
      if (!keyId || !key) throw new Error(`payload sealed with unknown key "${keyId ?? ''}"`);
      const clear = unsealBytes(key, Buffer.from(payload.data ?? new Uint8Array()), keyId);
      return temporal.api.common.v1.Payload.decode(clear) as Payload;
    });
  }
}

/** The module with the product's failure converter, for the worker and for workflow bundles built ahead of time. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/** What clients and workers are built with. */
export const payloadDataConverter = (config: Config) => ({
  payloadCodecs: [new EncryptionCodec(loadPayloadKeyring(config))],
  failureConverterPath: FAILURE_CONVERTER_PATH,
});
