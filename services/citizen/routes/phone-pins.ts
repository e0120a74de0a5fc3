// Phone PINs on the citizen service, for sessions opened with SPID or CIE: as a JSON API and as plain pages.
import { formBody, routes } from '../../shared/input';
import { langOf } from '../../shared/i18n';
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { phonePinRequestSchema } from '../../../domain/phone-pin';
import type { Config } from '../../../infra/config';
import type { Db } from '../../../infra/db';
import { parseBody } from '../../shared/errors';
import { Refusal } from '../../../domain/refusal';
import { createPhonePin, phonePinsOf, revokePhonePin } from '../phone-pins';
import { requireStage, requireStagePage } from '../session';
import { phonePinsPage, tooManyPhonePins } from '../views/phone-pins';

export function phonePinRoutes(deps: { db: Db; temporal: Client; config: Config }): Router {
  const router = routes();
  const parse = (body: unknown) =>
    parseBody(phonePinRequestSchema, body, 'invalid_phone_pin', 'Choose how long the phone PIN is valid').validity;

  router.use('/api/phone-pins', requireStage('signed_in'));
  router.post('/api/phone-pins', async (req, res) => {
    res.status(201).json(await createPhonePin(deps, req.citizen!, parse(req.body)));
  });
  router.get('/api/phone-pins', async (req, res) => {
    res.json({ phonePins: await phonePinsOf(deps.db, req.citizen!) });
  });
  router.delete('/api/phone-pins/:id', async (req, res) => {
    await revokePhonePin(deps, req.citizen!, req.params.id);
    res.status(204).end();
  });

  router.use('/phone-pins', requireStagePage('signed_in'), ...formBody('2kb'));
  router.get('/phone-pins', async (req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(phonePinsPage(langOf(res), await phonePinsOf(deps.db, req.citizen!)));
  });
  router.post('/phone-pins', async (req, res) => {
    const created = await createPhonePin(deps, req.citizen!, parse(req.body)).catch(async (err: unknown) => {
      if (!(err instanceof Refusal) || err.code !== 'too_many_phone_pins') throw err;
      const lang = langOf(res);
      res
        .status(409)
        .type('html')
        .send(phonePinsPage(lang, await phonePinsOf(deps.db, req.citizen!), { error: tooManyPhonePins(lang) }));
    });
    if (!created) return;
    res
      .status(201)
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(phonePinsPage(langOf(res), await phonePinsOf(deps.db, req.citizen!), { created }));
  });
  router.post('/phone-pins/:id/revocation', async (req, res) => {
    await revokePhonePin(deps, req.citizen!, req.params.id);
    res.redirect(303, '/phone-pins');
  });
  return router;
}
