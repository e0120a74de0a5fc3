// A rule's "no": thrown by the product's core rules when something may not be done, with a code a program can act on
// and a sentence a person can read. The HTTP layer (services/shared/errors.ts) turns it into the one error shape.
export type RefusalKind =
  'invalid' | 'not_allowed' | 'not_found' | 'conflict' | 'gone' | 'unprocessable' | 'locked' | 'too_many';

export class Refusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
    /** Which field each complaint is about. */
    readonly fields?: Record<string, string>,
    /** Where the person can go instead, e.g. `{ lostPin: '/lost-pin' }`. */
    readonly links?: Record<string, string>,
  ) {
    super(message);
  }
}
