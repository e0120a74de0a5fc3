// May this caller get a PIN? Asked by phone, where the agent has the caller on the line and may tell them why not:
// the switch-off rule and no second PIN. (Online, the answer must not tell: the same rules run after it, in the
// submission's workflow, activities/submissions.ts.)
import type { PinRequestInput } from '../domain/pin-request-input';
import type { Config } from '../infra/config';
import type { Db } from '../infra/db';
import { holdsUsablePin } from '../repositories/credentials';
import { Refusal } from '../domain/refusal';
import { assertPinMayBeIssued } from './issuance-check';

/** Refuses (403 use_spid, 409 pin_already_held) someone who may not get a new PIN. */
export async function assertMayRequestPin(db: Db, config: Config, input: PinRequestInput): Promise<void> {
  await assertPinMayBeIssued(db, config, { fiscalCode: input.fiscalCode, declaredBirthDate: input.birthDate });
  if (await holdsUsablePin(db, { fiscalCode: input.fiscalCode }))
    throw new Refusal(
      'conflict',
      'pin_already_held',
      'You already hold an INPS PIN. If you lost it, ask for a new one with "Lost PIN"; if it expired, sign in with it to renew it.',
      undefined,
      { lostPin: '/lost-pin', signIn: '/login' },
    );
}
