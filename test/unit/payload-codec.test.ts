// The payload codec: encryption with a named key, rotation, and nothing accepted that is not sealed with a known key.
import { randomBytes } from 'node:crypto';
import { ApplicationFailure, defaultPayloadConverter } from '@temporalio/common';
import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import {
  decodeOptionalFailureToOptionalError,
  encodeErrorToFailure,
} from '@temporalio/common/lib/internal-non-workflow/codec-helpers';
import { loadConfig } from '../../infra/config';
import { EncryptionCodec, parseKeyring, payloadDataConverter } from '../../infra/payload-codec';

const key = () => randomBytes(32).toString('base64');
const [k1, k2] = [key(), key()];
const clear = defaultPayloadConverter.toPayload({ requestId: 'r-1', fiscalCode: 'RSSMRA55T03H501N' })!;

it('encrypts each payload under the current key and names it', async () => {
  const [sealed] = await new EncryptionCodec(parseKeyring(`2026-05:${k1}`)).encode([clear]);
  expect(Buffer.from(sealed!.metadata!.encoding!).toString()).toBe('binary/encrypted');
  expect(Buffer.from(sealed!.metadata!['encryption-key-id']!).toString()).toBe('2026-05');
  expect(Buffer.from(sealed!.data!).toString('latin1')).not.toContain('RSSMRA55T03H501N');
});

it('reads payloads sealed with an older key after rotation, and refuses a key it no longer has', async () => {
  const [old] = await new EncryptionCodec(parseKeyring(`2026-05:${k1}`)).encode([clear]);
  const rotated = new EncryptionCodec(parseKeyring(`2026-11:${k2},2026-05:${k1}`));
  const [back] = await rotated.decode([old!]);
  expect(defaultPayloadConverter.fromPayload(back!)).toEqual({ requestId: 'r-1', fiscalCode: 'RSSMRA55T03H501N' });
  const [fresh] = await rotated.encode([clear]);
  expect(Buffer.from(fresh!.metadata!['encryption-key-id']!).toString()).toBe('2026-11');
  await expect(new EncryptionCodec(parseKeyring(`2026-11:${k2}`)).decode([old!])).rejects.toThrow(/unknown key/);
});

it('refuses a payload that is not encrypted (nothing can read what it decodes to), and one that was tampered with', async () => {
  const codec = new EncryptionCodec(parseKeyring(`a:${k1}`));
  const [refused] = await codec.decode([clear]);
  expect(Buffer.from(refused!.metadata!.encoding!).toString()).toBe('binary/refused-not-encrypted');
  expect(() => defaultPayloadConverter.fromPayload(refused!)).toThrow();
  const [sealed] = await codec.encode([clear]);
  const data = Buffer.from(sealed!.data!);
  data[data.length - 1]! ^= 1;
  await expect(codec.decode([{ ...sealed!, data }])).rejects.toThrow();
  // The key id is bound to the ciphertext: relabelling it does not help.
  const relabelled = { ...sealed!, metadata: { ...sealed!.metadata, 'encryption-key-id': Buffer.from('b') } };
  await expect(new EncryptionCodec(parseKeyring(`a:${k1},b:${k1}`)).decode([relabelled])).rejects.toThrow();
});

it('refuses a malformed key list', () => {
  expect(() => parseKeyring('')).toThrow();
  expect(() => parseKeyring('short:AAAA')).toThrow(/32-byte/);
});

it('carries a failure’s message and stack trace encrypted: what a provider said about a person is in no history in clear', async () => {
  const converter = loadDataConverter(
    payloadDataConverter(loadConfig({ NODE_ENV: 'test', PAYLOAD_CODEC_KEYS: `a:${k1}` })),
  );
  const said = "The 'To' number +393331234567 is not a valid phone number.";
  const failure = await encodeErrorToFailure(converter, ApplicationFailure.retryable(said, 'ProviderRefused'));
  expect(failure.message).not.toContain('393331234567');
  expect(failure.stackTrace ?? '').not.toContain('393331234567');
  expect(Buffer.from(failure.encodedAttributes!.data!).toString('latin1')).not.toContain('393331234567');
  // The product's own clients, which hold the key, read it as it was said; the type stays readable for retries.
  expect(failure.applicationFailureInfo?.type).toBe('ProviderRefused');
  expect((await decodeOptionalFailureToOptionalError(converter, failure))?.message).toBe(said);
});
