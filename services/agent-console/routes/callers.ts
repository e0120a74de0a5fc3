// The contact center and callers: identifying a caller by codice fiscale and temporary phone PIN, with the same guard
// against guessing as the citizens' sign-in and a limit per agent; and whether a caller may still get a new PIN at all.
import { routes } from '../../shared/input';
import { Router } from 'express';
import { limitOf } from '../../shared/limits';
import { z } from 'zod';
import { callerIdentificationSchema } from '../../../domain/phone-pin';
import { fiscalCodeSchema } from '../../../domain/pin-request-input';
import type { Config } from '../../../infra/config';
import type { Db } from '../../../infra/db';
import { audit } from '../../../repositories/audit';
import { ApiError, parseBody } from '../../shared/errors';
import { assertPinMayBeIssued } from '../../../core/issuance-check';
import { checkGuardedSecret } from '../../../core/sign-in-guard';
import { activePhonePinsOf } from '../../../repositories/phone-pins';
import { requireRole } from '../auth';

const eligibilitySchema = z.object({ fiscalCode: fiscalCodeSchema });

export function callerRoutes({ db, config }: { db: Db; config: Config }): Router {
  const router = routes();
  // One agent trying phone PINs across many codici fiscali (an account misused): failed identifications are limited
  // per agent as well, counted before the PIN is checked.
  const perAgent = limitOf({
    windowMs: 60 * 60_000,
    max: config.CALLER_IDENTIFICATION_FAILURES_PER_AGENT,
    onlyFailures: true,
    key: (req) => `staff:${req.staff!.id}`,
    refuse: () => {
      throw new ApiError(
        429,
        'too_many_identification_failures',
        'Too many failed identifications from your account in the last hour: ask your supervisor',
      );
    },
  });
  router.post(
    '/api/agent/caller-identification',
    requireRole('inbound_registration', 'supervisor'),
    perAgent,
    async (req, res) => {
      const input = parseBody(
        callerIdentificationSchema,
        req.body,
        'invalid_identification',
        'The codice fiscale or the phone PIN is not valid',
      );
      const staffId = req.staff!.id;
      const checked = await checkGuardedSecret(db, config, {
        purpose: 'phone-pin',
        fiscalCode: input.fiscalCode,
        secret: input.phonePin,
        // Its timer may not have fired yet: the time written on it decides.
        candidates: () => activePhonePinsOf(db, { fiscalCode: input.fiscalCode, at: new Date() }),
        onProven: async (trx, matched) => {
          await audit(trx, {
            staffId,
            action: 'caller.identified',
            subjectType: 'person',
            subjectId: matched.personId,
            details: { phonePinId: matched.id },
          });
          return matched;
        },
      });
      if (checked.outcome === 'suspended')
        throw new ApiError(
          429,
          'identification_suspended',
          `Too many wrong phone PINs for this codice fiscale: identification is suspended until ${checked.until.toLocaleTimeString('it-IT', { timeZone: 'Europe/Rome' })}. The caller can be helped without identification, or sign in with SPID, CIE or CNS to make a new phone PIN.`,
        );
      if (checked.outcome === 'wrong') {
        await audit(db, {
          staffId,
          action: 'caller.identification_failed',
          subjectType: 'caller',
          subjectId: checked.guardKey.slice(0, 16),
        });
        throw new ApiError(401, 'not_identified', 'This codice fiscale and phone PIN do not match an active phone PIN');
      }
      const matched = checked.result;
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
