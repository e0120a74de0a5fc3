// The vault: the key that seals what the product keeps secret at rest (PIN halves waiting for delivery, the documents
// citizens send, status-link tokens waiting to be sent), from PIN_VAULT_KEY, or in development a random key kept
// (owner-readable only) under the data folder so that a restart can still deliver what was sealed before it.
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seal, unseal, unsealBytes } from './sealing';
import type { Config } from './config';

/** Seals with AES-256-GCM; the associated data binds a sealed value to the row it belongs to. */
export interface Vault {
  seal(plaintext: string | Buffer, associatedData: string): Buffer;
  unseal(sealed: Buffer, associatedData: string): string;
  unsealBytes(sealed: Buffer, associatedData: string): Buffer;
  /**
   * A keyed fingerprint (HMAC-SHA-256 under a key derived from the vault's, per purpose): the same value always gives
   * the same fingerprint, so a record can be matched, but without the key nobody can test guesses against it.
   */
  fingerprint(value: string, purpose: string): string;
}

export function createVault(key: Buffer): Vault {
  if (key.length !== 32) throw new Error('PIN_VAULT_KEY must be 32 bytes, base64-encoded');
  return {
    seal: (p, ad) => seal(key, p, ad),
    unseal: (s, ad) => unseal(key, s, ad),
    unsealBytes: (s, ad) => unsealBytes(key, s, ad),
    fingerprint: (value, purpose) => {
      const purposeKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `fingerprint:${purpose}`, 32));
      return createHmac('sha256', purposeKey).update(value).digest('hex').slice(0, 32);
    },
  };
}

export function loadVaultKey(config: Config): Buffer {
  if (config.PIN_VAULT_KEY) return Buffer.from(config.PIN_VAULT_KEY, 'base64');
  const file = path.join(config.DATA_DIR, 'secrets', 'pin-vault.key');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}
