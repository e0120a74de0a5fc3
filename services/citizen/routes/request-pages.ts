// The request form as a page: a plain form post, so it works without JavaScript. A refused form comes back with what
// was typed and each error beside its field; an accepted one is answered the same way whoever it names (the status link
// goes by SMS or email).
import { formBody, routes } from '../../shared/input';
import { Router } from 'express';
import type { IntakeDeps } from '../intake-throttle';
import { useSpidMessage } from '../../../domain/issuance-policy';
import type { Config } from '../../../infra/config';
import { Refusal } from '../../../domain/refusal';
import { httpStatusOf } from '../../shared/errors';
import { errorLinks, errorMessageIn, langOf, sayIn, type Lang } from '../../shared/i18n';
import {
  formFieldName,
  requestFormPage,
  requestReceivedPage,
  useSpidPage,
  whoAsksPage,
  type RequestFormValues,
} from '../views/pages';
import { signInPageSettings } from '../cns';
import { spidEraHasBegun } from '../../../domain/issuance-policy';
import { writtenDay } from '../../../domain/written-dates';
import { z } from 'zod';
import { submitPinRequest } from './pin-requests';

/** The form's flat fields in the API's shape, so both go through the same parsing. */
function asRequest(form: RequestFormValues) {
  const { street, city, province, postalCode, ...rest } = form;
  return { ...rest, residence: { street, city, province, postalCode } };
}

/** The refusal in the citizen's language: by its code, since the API's messages are English. */
function refusal(lang: Lang, err: Refusal, config: Config): string {
  const say = sayIn(lang);
  switch (err.code) {
    case 'invalid_request':
      return say(
        'Alcuni campi mancano o non sono validi: li trova segnati qui sotto.',
        'Some fields are missing or not valid: they are marked below.',
      );
    case 'use_spid':
      return useSpidMessage(config.SPID_SWITCH_OFF_DATE, lang);
    default:
      return errorMessageIn(lang, err);
  }
}

/** The SPID era's first question: who is asking (`?who=`). */
const whoAsksSchema = z.enum(['minor', 'non_eu_citizen', 'neither']);

export function requestPageRoutes(deps: IntakeDeps): Router {
  const router = routes();
  const { cnsSignInUrl } = signInPageSettings(deps.config);
  // In the SPID era the page asks first who the person is: only a minor or a non-EU citizen gets the form; everyone
  // else is sent to SPID, CIE or CNS before typing anything. The registry still decides, after the form.
  router.get('/', (req, res) => {
    const lang = langOf(res);
    const who = whoAsksSchema.safeParse(req.query.who).data;
    if (!spidEraHasBegun(new Date(), deps.config.SPID_SWITCH_OFF_DATE))
      return res.type('html').send(requestFormPage(lang, { cnsSignInUrl }));
    if (who === 'minor' || who === 'non_eu_citizen')
      return res.type('html').send(requestFormPage(lang, { cnsSignInUrl, issuedTo: who }));
    const day = writtenDay(deps.config.SPID_SWITCH_OFF_DATE, lang);
    res.type('html').send(who === 'neither' ? useSpidPage(lang, day, cnsSignInUrl) : whoAsksPage(lang, day));
  });
  router.post('/', ...formBody('8kb'), deps.intakeThrottle, async (req, res) => {
    const values = Object.fromEntries(
      Object.entries(req.body ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
    const lang = langOf(res);
    try {
      await submitPinRequest(deps, asRequest(values));
      res.status(202).type('html').send(requestReceivedPage(lang));
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      const fields =
        err.fields && Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [formFieldName(k), v]));
      res
        .status(httpStatusOf(err))
        .type('html')
        .send(
          requestFormPage(lang, {
            cnsSignInUrl,
            values,
            fields,
            error: refusal(lang, err, deps.config),
            links: errorLinks(lang, err.links),
          }),
        );
    }
  });
  return router;
}
