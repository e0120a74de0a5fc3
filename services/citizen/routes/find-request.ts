// "Find my request again" (issue "The letter's life and the citizen's follow-up"): someone who lost the status link
// types the codice fiscale and the phone or email their request gave, and a fresh link goes there, never shown on the
// page. The answer is the same whatever was typed, and it is limited per connection and per codice fiscale, so it
// tells a stranger nothing and floods nobody.
import type { Request, Response } from 'express';
import { requestLookupSchema, type RequestLookupInput } from '../../../domain/credential-input';
import { fieldErrors } from '../../../domain/field-errors';
import { contactCenterInShort } from '../../../domain/contact-center';
import type { Config } from '../../../infra/config';
import type { Db } from '../../../infra/db';
import type { Client } from '@temporalio/client';
import { storeSubmission } from '../../../core/submissions';
import { ApiError, parseBody } from '../../shared/errors';
import { langOf, sayIn, type Lang } from '../../shared/i18n';
import { formBody, routes } from '../../shared/input';
import { limitOf, typedFiscalCode } from '../../shared/limits';
import { findRequestPage, findRequestSentPage } from '../views/pages';

type Deps = { db: Db; temporal: Client; config: Config };

export const FIND_REQUEST_ANSWER =
  'If a request with this codice fiscale gave this phone or email, the link to follow it is on its way there.';

const tooMany = (lang: Lang) =>
  sayIn(lang)(
    `Abbiamo ricevuto troppe ricerche da questa connessione o per questo codice fiscale. Riprovi più tardi, o chiami l’${contactCenterInShort().it}.`,
    `We have received too many searches from this connection or for this codice fiscale. Try again later, or call ${contactCenterInShort().en}.`,
  );

/** What the form's fields mean in the API's shape: the contact typed goes where its type says. */
const asLookup = (body: Record<string, unknown> | undefined) => ({
  fiscalCode: body?.fiscalCode,
  [body?.contactType === 'email' ? 'email' : 'phone']: body?.contact,
});
const typedValues = (body: Record<string, unknown> | undefined) => {
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { fiscalCode: text(body?.fiscalCode), contactType: text(body?.contactType), contact: text(body?.contact) };
};

export function findRequestRoutes(deps: Deps) {
  const { config } = deps;
  const router = routes();
  router.use('/find-request', ...formBody('4kb'));

  const refuse = (req: Request, res: Response) => {
    if (req.path.startsWith('/api/')) throw new ApiError(429, 'too_many_lookups', tooMany('en'));
    const lang = langOf(res);
    res
      .status(429)
      .type('html')
      .send(findRequestPage(lang, { ...typedValues(req.body), error: tooMany(lang) }));
  };
  // Every search answers alike, so these count every one, whatever it found.
  const throttles = [
    limitOf({ windowMs: 60 * 60_000, max: config.LOST_PIN_REQUESTS_PER_CLIENT, name: 'lookup-per-client', refuse }),
    limitOf({
      windowMs: 24 * 60 * 60_000,
      max: config.LOST_PIN_REQUESTS_PER_FISCAL_CODE,
      name: 'lookup-per-fiscal-code',
      skip: (req) => typedFiscalCode(req.body) === undefined,
      key: (req) => typedFiscalCode(req.body)!,
      refuse,
    }),
  ];
  const lookUp = (input: RequestLookupInput) => storeSubmission(deps, { kind: 'request_lookup', input });

  router.post('/api/pin-requests/lookups', ...throttles, async (req, res) => {
    const input = parseBody(requestLookupSchema, req.body, 'invalid_lookup', 'Some fields are missing or not valid');
    await lookUp(input);
    res.status(202).json({ message: FIND_REQUEST_ANSWER });
  });

  router.get('/find-request', (_req, res) => {
    res.type('html').send(findRequestPage(langOf(res), {}));
  });
  router.post('/find-request', ...throttles, async (req, res) => {
    const parsed = requestLookupSchema.safeParse(asLookup(req.body));
    if (!parsed.success)
      return res
        .status(400)
        .type('html')
        .send(findRequestPage(langOf(res), { ...typedValues(req.body), fields: fieldErrors(parsed.error) }));
    await lookUp(parsed.data);
    res
      .status(202)
      .type('html')
      .send(findRequestSentPage(langOf(res)));
  });
  return router;
}
