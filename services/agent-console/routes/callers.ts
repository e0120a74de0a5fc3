// The contact center and callers: identifying a caller by codice fiscale and temporary phone PIN, with the same guard
// against guessing as the citizens' sign-in; and whether a caller may still get a new PIN at all.
import { Router } from 'express';
import { z } from 'zod';
import { callerIdentificationSchema } from '../../../domain/phone-pin';
import { verifySecret } from '../../../domain/pin';
import { fiscalCodeSchema } from '../../../domain/pin-request-input';
import type { Config } from '../../../infra/config';
import type { Db } from '../../../infra/db';
import { audit } from '../../../infra/db/audit';
import { ApiError, parseBody } from '../../shared/errors';
import { assertPinMayBeIssued } from '../../shared/issuance-policy';
import { countFailure, guardKey, lockoutPolicy } from '../../shared/sign-in-guard';
import { requireRole } from '../auth';

const eligibilitySchema = z.object({ fiscalCode: fiscalCodeSchema });

export function callerRoutes({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();
  router.post(
    '/api/agent/caller-identification',
    requireRole('inbound_registration', 'supervisor'),
    async (req, res) => {
      const input = parseBody(
        callerIdentificationSchema,
        req.body,
        'invalid_identification',
        'Codice fiscale and phone PIN',
      );
      const staffId = req.staff!.id;
      const key = guardKey('phone-pin', input.fiscalCode);
      const now = new Date();
      const candidates = await db
        .selectFrom('phone_pins')
        .innerJoin('persons', 'persons.id', 'phone_pins.person_id')
        .select(['phone_pins.id', 'phone_pins.pin_hash', 'phone_pins.expires_at', 'persons.id as personId'])
        .select(['persons.first_name', 'persons.last_name', 'persons.fiscal_code'])
        .where('persons.fiscal_code', '=', input.fiscalCode)
        .where('phone_pins.status', '=', 'active')
        // Its timer may not have fired yet: the time written on it decides.
        .where('phone_pins.expires_at', '>', now)
        .execute();
      let matched: (typeof candidates)[number] | undefined;
      for (const candidate of candidates.length ? candidates : [undefined])
        if ((await verifySecret(candidate?.pin_hash, input.phonePin)) && candidate) matched = candidate;

      if (!matched) {
        await countFailure(db, key, lockoutPolicy(config));
        await audit(db, {
          staffId,
          action: 'caller.identification_failed',
          subjectType: 'caller',
          subjectId: key.slice(0, 16),
        });
        throw new ApiError(401, 'not_identified', 'This codice fiscale and phone PIN do not match an active phone PIN');
      }
      const guard = await db.selectFrom('sign_in_guards').selectAll().where('subject_key', '=', key).executeTakeFirst();
      if (guard?.locked_until && guard.locked_until > now)
        throw new ApiError(
          429,
          'identification_suspended',
          `Too many wrong phone PINs for this codice fiscale: identification is suspended until ${guard.locked_until.toLocaleTimeString('it-IT', { timeZone: 'Europe/Rome' })}`,
        );
      await db.deleteFrom('sign_in_guards').where('subject_key', '=', key).execute();
      await audit(db, {
        staffId,
        action: 'caller.identified',
        subjectType: 'person',
        subjectId: matched.personId,
        details: { phonePinId: matched.id },
      });
      res.json({
        identified: true,
        caller: { fiscalCode: matched.fiscal_code, firstName: matched.first_name, lastName: matched.last_name },
        phonePinExpiresAt: matched.expires_at.toISOString(),
      });
    },
  );
  /**
   * Before registering a caller for a PIN (inbound registration): may this person still get one? The refusal is the
   * same `use_spid` answer, in the same words, as on the web and at the office.
   */
  router.post('/api/agent/pin-eligibility', requireRole('inbound_registration', 'supervisor'), async (req, res) => {
    const { fiscalCode } = parseBody(eligibilitySchema, req.body, 'invalid_request', 'A codice fiscale is required');
    await assertPinMayBeIssued(db, config, { fiscalCode });
    res.json({ mayIssuePin: true });
  });

  return router;
}
