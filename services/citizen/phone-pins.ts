// The citizen's temporary phone PINs: made by someone signed in with SPID or CIE, shown once, kept only as a hash,
// revocable, and ended on time by their workflow.
import { randomUUID } from 'node:crypto';
import { type Client } from '@temporalio/client';
import { MAX_ACTIVE_PHONE_PINS, PHONE_PIN_VALIDITIES, phonePinExpiry } from '../../domain/phone-pin';
import { generatePin, HALF_LENGTH, hashPin } from '../../domain/pin';
import type { Config } from '../../infra/config';
import type { Db } from '../../infra/db';
import {
  createPhonePin as createPhonePinRow,
  endPhonePin,
  phonePinsOf as phonePinRows,
} from '../../repositories/phone-pins';
import type { PhonePinValidity } from '../../domain/phone-pin';
import { startPhonePinProcess, tellPhonePinRevoked } from '../../core/phone-pin-processes';
import { ApiError } from '../shared/errors';
import type { CitizenSession } from './account';

type Deps = { db: Db; temporal: Client; config: Config };

function requireSpid(session: CitizenSession) {
  if (session.method === 'pin')
    throw new ApiError(403, 'spid_required', 'A phone PIN is for people signed in with SPID or CIE', undefined, {
      spid: '/login/spid',
    });
}

export async function createPhonePin(deps: Deps, session: CitizenSession, validity: PhonePinValidity) {
  requireSpid(session);
  const pin = generatePin(HALF_LENGTH);
  const id = randomUUID();
  const expiresAt = phonePinExpiry(validity, new Date());
  const outcome = await createPhonePinRow(deps.db, {
    id,
    personId: session.personId,
    pinHash: await hashPin(pin),
    validity,
    expiresAt,
  });
  if (outcome === 'too_many')
    throw new ApiError(
      409,
      'too_many_phone_pins',
      `You already have ${MAX_ACTIVE_PHONE_PINS} phone PINs at work. Revoke one you no longer need, then make a new one.`,
    );
  await startPhonePinProcess(deps.temporal, deps.config, { id, expiresAt });
  return { phonePinId: id, pin, validity, expiresAt: expiresAt.toISOString() };
}

export async function phonePinsOf(db: Db, session: CitizenSession) {
  requireSpid(session);
  const rows = await phonePinRows(db, session.personId);
  return rows.map((r) => ({
    phonePinId: r.id,
    validity: r.validity,
    validityLabel: PHONE_PIN_VALIDITIES[r.validity].label,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
  }));
}

export async function revokePhonePin(deps: Deps, session: CitizenSession, id: string) {
  requireSpid(session);
  const revoked = /^[0-9a-f-]{36}$/i.test(id)
    ? await endPhonePin(deps.db, { id, as: 'revoked', personId: session.personId })
    : false;
  if (!revoked) throw new ApiError(404, 'not_found', 'You have no active phone PIN with this id');
  await tellPhonePinRevoked(deps.temporal, id);
}
