// PIN secrets: alphabet, length, randomness, hashing and sealing.
import { randomBytes } from 'node:crypto';
import { generatePin, hashPin, PIN_ALPHABET, splitPin, verifySecret } from '../../domain/pin';
import { seal, unseal } from '../../infra/sealing';

describe('generatePin', () => {
  it('draws 16 characters from an alphabet without look-alikes', () => {
    const pins = Array.from({ length: 2000 }, () => generatePin());
    for (const pin of pins) expect(pin).toMatch(new RegExp(`^[${PIN_ALPHABET}]{16}$`));
    expect(PIN_ALPHABET).not.toMatch(/[01OIL5S8B2Z]/);
    expect(new Set(pins).size).toBe(pins.length);
    // Every character of the alphabet turns up: no truncated or biased range.
    expect(new Set(pins.join('')).size).toBe(PIN_ALPHABET.length);
  });

  it('splits into the SMS half and the letter half', () => {
    expect(splitPin('ACDEFGHJKMNPQRTU')).toEqual({ firstHalf: 'ACDEFGHJ', secondHalf: 'KMNPQRTU' });
  });
});

describe('hashPin', () => {
  it('stores a salted argon2id hash that only the PIN verifies', async () => {
    const pin = generatePin();
    const [a, b] = [await hashPin(pin), await hashPin(pin)];
    expect(a).toMatch(/^\$argon2id\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(pin);
    expect(await verifySecret(a, pin)).toBe(true);
    expect(await verifySecret(a, pin.slice(0, 15) + (pin.endsWith('A') ? 'C' : 'A'))).toBe(false);
    // No account: checked against a hash nobody's secret matches, and always refused.
    expect(await verifySecret(undefined, pin)).toBe(false);
  });
});

describe('seal', () => {
  const key = randomBytes(32);
  it('round-trips, and refuses another slot, another key or a tampered box', () => {
    const sealed = seal(key, 'ACDEFGHJ', 'pin-delivery:1:first');
    expect(sealed.toString('latin1')).not.toContain('ACDEFGHJ');
    expect(unseal(key, sealed, 'pin-delivery:1:first')).toBe('ACDEFGHJ');
    expect(() => unseal(key, sealed, 'pin-delivery:1:second')).toThrow();
    expect(() => unseal(randomBytes(32), sealed, 'pin-delivery:1:first')).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => unseal(key, tampered, 'pin-delivery:1:first')).toThrow();
  });
});
