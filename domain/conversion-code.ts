// The conversion request's code: printed on the prefilled form and carried by its QR code, so a faxed form finds its
// request by itself; typed by an agent when it cannot be read. Short, unambiguous to read aloud, unguessable.
import { randomInt } from 'node:crypto';
import { z } from 'zod';

/** Crockford's base32: no I, L, O or U, so nothing is misread on a fax or over the phone. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PREFIX = 'CNV';

export function newRequestCode(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${PREFIX}-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** Accepts what a person types: any case, spaces or no dashes, O for 0 and I/L for 1. */
export const requestCodeSchema = z
  .string('the request code printed on the form')
  .transform((raw) => raw.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1'))
  .pipe(
    z
      .string()
      .regex(new RegExp(`^${PREFIX}[${ALPHABET}]{8}$`), 'a code like CNV-7K3M-Q9XH')
      .transform((c) => `${PREFIX}-${c.slice(3, 7)}-${c.slice(7)}`),
  );
