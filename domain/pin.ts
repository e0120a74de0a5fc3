// PIN secrets: generation with a CSPRNG over an alphabet without look-alike characters, slow salted hashing, and
// what a sealed half of a PIN is bound to while it waits for its delivery channel (the sealing is infra/sealing.ts).
import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** No 0/O, 1/I/L, 2/Z, 5/S, 6, 8/B: a PIN read off a letter, an SMS or a phone is typed back right the first time. */
export const PIN_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY3479';
export const INITIAL_PIN_LENGTH = 16;
export const HALF_LENGTH = 8;

const NEVER_IN_A_PIN = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'].filter((c) => !PIN_ALPHABET.includes(c));
/** The characters a PIN never holds, as a message lists them: "0, 1, … S or Z". */
export const CHARACTERS_NEVER_IN_A_PIN = `${NEVER_IN_A_PIN.slice(0, -1).join(', ')} or ${NEVER_IN_A_PIN.at(-1)}`;
/** Only the PIN alphabet's characters (upper case: the schemas upper-case what people type first). */
export const isInPinAlphabet = (pin: string) => [...pin].every((c) => PIN_ALPHABET.includes(c));

export function generatePin(length: number = INITIAL_PIN_LENGTH): string {
  let pin = '';
  for (let i = 0; i < length; i++) pin += PIN_ALPHABET[randomInt(PIN_ALPHABET.length)];
  return pin;
}

/** The first 8 characters go by SMS or email, the other 8 by letter. */
export function splitPin(pin: string): { firstHalf: string; secondHalf: string } {
  return { firstHalf: pin.slice(0, HALF_LENGTH), secondHalf: pin.slice(HALF_LENGTH) };
}

// argon2id (the library's default) at OWASP's baseline: 19 MiB, 2 passes. Slow enough to make offline guessing costly, fast enough for login.
const HASH_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPin(pin: string): Promise<string> {
  return hash(pin, HASH_OPTIONS);
}

/**
 * Whether `secret` (a PIN, a staff password) matches `secretHash`. With no hash (nobody by that name), a real hash
 * of a secret nobody knows is checked instead, so an unknown account takes as long to refuse as a known one.
 */
export function verifySecret(secretHash: string | undefined, secret: string): Promise<boolean> {
  return verify(secretHash ?? UNKNOWN_ACCOUNT_HASH, secret).then(
    (ok) => ok && secretHash !== undefined,
    () => false,
  );
}
const UNKNOWN_ACCOUNT_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$sS3YXz2X5MNj8kgi9Acr3g$zIe+enHNMup6HeuOGQE/zxY64ekxXhWb6VZ1BQVuBZE';

/**
 * What a sealed half of a delivered PIN is bound to (associated data): its delivery and which half. `read-out` is the
 * first half again, for the agent who registered a caller by phone to read out once.
 */
export const sealedHalfContext = (deliveryId: string, half: 'first' | 'second' | 'read-out' | 'resend') =>
  `pin-delivery:${deliveryId}:${half}`;
