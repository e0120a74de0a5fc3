// The citizen's PIN, as a JSON API and as plain pages that work without JavaScript: sign in, the guided step that
// assigns the 8-character PIN (first access, renewal), the home with the services, sign out, lost PIN.
import { writtenDay } from '../../../domain/written-dates';
import { formBody, routes } from '../../shared/input';
import type { Client } from '@temporalio/client';
import { Router, type Request, type Response } from 'express';
import { limitOf, typedFiscalCode } from '../../shared/limits';
import { lostPinSchema, signInSchema } from '../../../domain/credential-input';
import { fieldErrors } from '../../../domain/field-errors';
import type { Config } from '../../../infra/config';
import type { Db } from '../../../infra/db';
import { ApiError, parseBody } from '../../shared/errors';
import {
  accountView,
  citizenCookieOptions,
  noticesFor,
  assignNewPin,
  endSession,
  requestLostPin,
  signIn,
  type CitizenSession,
  type PinSession,
  type SignInResult,
} from '../account';
import { applicationsOf, conversionsOf } from '../pin-dispositivo';
import { CITIZEN_COOKIE, requireStage, requireStagePage, stageHome } from '../session';
import { CNS_REFUSAL_TEXT, CNS_REFUSALS, signInPageSettings } from '../cns';
import { z } from 'zod';
import { langOf, sayIn, type Lang } from '../../shared/i18n';
import {
  homePage,
  lostPinPage,
  lostPinSentPage,
  newPinPage,
  newPinStepPage,
  servicePage,
  signInPage,
} from '../views/account';

type Deps = { db: Db; temporal: Client; config: Config };

const wrongPin = (lang: Lang) =>
  sayIn(lang)('Il codice fiscale o il PIN non sono corretti.', 'The codice fiscale or the PIN is not correct.');
const suspendedMessage = (until: Date, lang: Lang) => {
  const time = until.toLocaleTimeString('it-IT', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone: 'Europe/Rome',
  });
  return sayIn(lang)(
    `Dopo troppi tentativi errati l’accesso con questo codice fiscale è sospeso, per la Sua sicurezza, fino alle ${time}. Riprovi allora, oppure chieda un nuovo PIN con "PIN smarrito".`,
    `After too many wrong attempts, sign-in with this codice fiscale is suspended, for your security, until ${time} (Italian time). Try again then, or ask for a new PIN with "Lost PIN".`,
  );
};
const pinRetiredMessage = (since: string, lang: Lang) => {
  const day = writtenDay(since, lang);
  return sayIn(lang)(
    `Dal ${day} il PIN INPS non è più in uso per chi può avere SPID: il Suo PIN è stato dismesso. Acceda con SPID, con la carta d’identità elettronica (CIE) o con la carta nazionale dei servizi (CNS), che aprono gli stessi servizi.`,
    `Since ${day} the INPS PIN is no longer used by people who can get SPID: your PIN has been retired. Sign in with SPID, your electronic identity card (CIE) or your national service card (CNS), which open the same services.`,
  );
};
const tooManyAttempts = (lang: Lang) =>
  sayIn(lang)(
    'Troppi tentativi falliti da questa connessione. Attenda 15 minuti e riprovi.',
    'Too many failed attempts from this connection. Wait 15 minutes and try again.',
  );
const tooManyLostPinFromClient = (lang: Lang) =>
  sayIn(lang)(
    'Da questa connessione sono arrivate troppe richieste di PIN smarrito. Riprovi tra un’ora.',
    'Too many lost-PIN requests came from this connection. Try again in an hour.',
  );
const tooManyLostPinForFiscalCode = (lang: Lang) =>
  sayIn(lang)(
    'Per questo codice fiscale abbiamo già ricevuto diverse richieste di PIN smarrito oggi. Se ne ha fatta una, attenda il messaggio e la lettera; altrimenti riprovi domani o si rivolga a una sede INPS.',
    'We have already received several lost-PIN requests for this codice fiscale today. If you made one, wait for the message and the letter; otherwise try again tomorrow or visit an INPS office.',
  );
/** What the citizen typed in the lost-PIN form, to show it again. */
const lostPinFormValues = (body: unknown) => {
  const b = (body ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { fiscalCode: text(b.fiscalCode), contactType: text(b.contactType), contact: text(b.contact) };
};
const LOST_PIN_SENT =
  'If the codice fiscale belongs to a PIN holder and the contact is the one on record, the first 8 characters of a new PIN are on their way there, and the other 8 by letter to the residence address. Your current PIN keeps working until you first use the new one.';

/** The failed sign-in as an API error: one message for unknown and wrong; a suspension the same for every PIN. */
function signInError(result: Exclude<SignInResult, { outcome: 'signed_in' }>, lang: Lang = 'en'): ApiError {
  if (result.outcome === 'suspended')
    return new ApiError(429, 'sign_in_suspended', suspendedMessage(result.until, lang), undefined, {
      lostPin: '/lost-pin',
    });
  if (result.outcome === 'pin_retired')
    return new ApiError(403, 'pin_retired', pinRetiredMessage(result.since, lang), undefined, { spid: '/login/spid' });
  return new ApiError(401, 'sign_in_failed', wrongPin(lang), undefined, { lostPin: '/lost-pin' });
}

/** The PIN's own steps need a PIN session; signed in with SPID or CIE there is no PIN to change. */
function pinSession(session: CitizenSession): PinSession {
  if (session.method !== 'pin')
    throw new ApiError(409, 'signed_in_without_pin', 'You signed in with SPID or CIE: there is no PIN to change');
  return session;
}

/** A service's id in a path: the catalog's ids are lower-case words joined by underscores. */
const serviceIdSchema = z.string().regex(/^[a-z_]{1,60}$/);

export function credentialRoutes(deps: Deps): Router {
  const { db, config } = deps;
  const router = routes();
  router.use(['/login', '/first-access', '/renewal', '/logout', '/lost-pin'], ...formBody('4kb'));

  // Guessing across many codici fiscali from one place: a ceiling per client, whatever codice fiscale it names.
  const clientThrottle = limitOf({
    windowMs: 15 * 60_000,
    max: config.CITIZEN_SIGN_IN_ATTEMPTS_PER_CLIENT,
    onlyFailures: true,
    refuse: (req, res) => {
      if (req.path.startsWith('/api/')) throw new ApiError(429, 'too_many_attempts', tooManyAttempts('en'));
      const lang = langOf(res);
      const error = tooManyAttempts(lang);
      res
        .status(429)
        .type('html')
        .send(
          req.path === '/lost-pin'
            ? lostPinPage(lang, { error })
            : signInPage(lang, { ...signInPageSettings(config), error }),
        );
    },
  });

  // Lost PIN answers 202 to everyone, so a limiter that skips successes never fires: these count every request. Per
  // client against a flood from one place; per codice fiscale (from anywhere, holder or not, so the refusal tells
  // nothing) against letters and messages sent again and again to one person.
  const lostPinRefusal = (req: Request, res: Response, message: (lang: Lang) => string) => {
    if (req.path.startsWith('/api/')) throw new ApiError(429, 'too_many_lost_pin_requests', message('en'));
    const lang = langOf(res);
    res
      .status(429)
      .type('html')
      .send(lostPinPage(lang, { ...lostPinFormValues(req.body), error: message(lang) }));
  };
  const lostPinThrottles = [
    limitOf({
      windowMs: 60 * 60_000,
      max: config.LOST_PIN_REQUESTS_PER_CLIENT,
      refuse: (req, res) => lostPinRefusal(req, res, tooManyLostPinFromClient),
    }),
    limitOf({
      windowMs: 24 * 60 * 60_000,
      max: config.LOST_PIN_REQUESTS_PER_FISCAL_CODE,
      name: 'lost-pin-per-fiscal-code',
      skip: (req) => typedFiscalCode(req.body) === undefined,
      key: (req) => typedFiscalCode(req.body)!,
      refuse: (req, res) => lostPinRefusal(req, res, tooManyLostPinForFiscalCode),
    }),
  ];

  const setSession = (res: Response, result: Extract<SignInResult, { outcome: 'signed_in' }>) =>
    res.cookie(CITIZEN_COOKIE, result.token, citizenCookieOptions(config));
  const clearSession = async (req: Request, res: Response) => {
    if (req.citizen) await endSession(db, req.citizen);
    res.clearCookie(CITIZEN_COOKIE, { path: '/' });
  };
  const noStore = (_req: Request, res: Response, next: () => void) => {
    res.set('Cache-Control', 'no-store');
    next();
  };
  router.use(
    ['/api/session', '/api/me', '/api/first-access', '/api/renewal', '/home', '/first-access', '/renewal'],
    noStore,
  );

  // ---- JSON API ----
  router.post('/api/session', clientThrottle, async (req, res) => {
    const input = parseBody(signInSchema, req.body, 'invalid_sign_in', 'Codice fiscale and PIN are required');
    const result = await signIn(deps, input);
    if (result.outcome !== 'signed_in') throw signInError(result);
    setSession(res, result).json({
      token: result.token,
      expiresAt: result.expiresAt.toISOString(),
      stage: result.stage,
      next: stageHome(result.stage),
    });
  });

  // A look at the session (services/shared/browser/session-keeper.ts, on the personal area's pages): at any stage,
  // when it ends if unused; nothing about who holds it.
  router.get('/api/session', (req, res) => {
    if (!req.citizen) throw new ApiError(401, 'unauthenticated', 'Sign in with your codice fiscale and PIN first');
    res.json({ stage: req.citizen.stage, expiresAt: req.citizen.endsAt.toISOString() });
  });

  router.delete('/api/session', async (req, res) => {
    await clearSession(req, res);
    res.status(204).end();
  });

  router.get('/api/me', requireStage('signed_in'), async (req, res) => {
    res.json({
      ...(await accountView(db, req.citizen!)),
      notices: await noticesFor(db, req.citizen!.personId, { officeOpen: config.officePinIssuance }),
    });
  });

  for (const [path, stage] of [
    ['/api/first-access', 'first_access'],
    ['/api/renewal', 'renewal'],
  ] as const)
    // A signed-in session may call again (a replayed step): it is told the PIN was assigned already.
    router.post(path, requireStage(stage, 'signed_in'), async (req, res) => {
      const { pin } = await assignNewPin(deps, pinSession(req.citizen!), stage);
      res
        .status(201)
        .json({ pin, message: 'This is your new PIN. Note it or print it now: it will not be shown again.' });
    });

  router.post('/api/lost-pin', ...lostPinThrottles, async (req, res) => {
    const input = parseBody(lostPinSchema, req.body, 'invalid_lost_pin', 'Some fields are missing or not valid');
    await requestLostPin(deps, input);
    res.status(202).json({ message: LOST_PIN_SENT });
  });

  // ---- Pages ----
  router.get('/login', (req, res) => {
    if (req.citizen) return res.redirect(303, stageHome(req.citizen.stage));
    const lang = langOf(res);
    const cnsRefusal = z.enum(CNS_REFUSALS).safeParse(req.query.cns);
    res.type('html').send(
      signInPage(lang, {
        ...signInPageSettings(config),
        notice:
          req.query.signedOut === '1' ? sayIn(lang)('Ha effettuato l’uscita.', 'You have signed out.') : undefined,
        error: cnsRefusal.success ? CNS_REFUSAL_TEXT[cnsRefusal.data](lang) : undefined,
      }),
    );
  });

  router.post('/login', clientThrottle, async (req, res) => {
    const parsed = signInSchema.safeParse(req.body);
    const typed = { fiscalCode: String(req.body?.fiscalCode ?? '') };
    const lang = langOf(res);
    if (!parsed.success)
      return res
        .status(400)
        .type('html')
        .send(signInPage(lang, { ...signInPageSettings(config), ...typed, fields: fieldErrors(parsed.error) }));
    const result = await signIn(deps, parsed.data);
    if (result.outcome !== 'signed_in') {
      const error = signInError(result, lang);
      return res
        .status(error.status)
        .type('html')
        .send(signInPage(lang, { ...signInPageSettings(config), ...typed, error: error.message }));
    }
    setSession(res, result).redirect(303, stageHome(result.stage));
  });

  for (const [path, stage] of [
    ['/first-access', 'first_access'],
    ['/renewal', 'renewal'],
  ] as const) {
    router.get(path, requireStagePage(stage), (_req, res) => {
      res.type('html').send(newPinStepPage(langOf(res), stage));
    });
    router.post(path, requireStagePage(stage), async (req, res) => {
      const { pin } = await assignNewPin(deps, pinSession(req.citizen!), stage);
      res
        .status(201)
        .type('html')
        .send(newPinPage(langOf(res), pin, stage));
    });
  }

  router.get('/home', requireStagePage('signed_in'), async (req, res) => {
    res.type('html').send(
      homePage(langOf(res), await accountView(db, req.citizen!), {
        conversions: await conversionsOf(db, req.citizen!),
        applications: await applicationsOf(db, req.citizen!),
        notices: await noticesFor(db, req.citizen!.personId, { officeOpen: config.officePinIssuance }),
      }),
    );
  });

  /** A service of the home, for someone who may see it; any other is a page that does not exist. */
  router.get('/services/:serviceId', requireStagePage('signed_in'), async (req, res) => {
    const serviceId = serviceIdSchema.safeParse(req.params.serviceId).data;
    const service = (await accountView(db, req.citizen!)).services.find((s) => s.id === serviceId);
    if (!service) throw new ApiError(404, 'not_found', 'No such service for you');
    res.type('html').send(servicePage(langOf(res), service));
  });

  router.post('/logout', async (req, res) => {
    await clearSession(req, res);
    res.redirect(303, '/login?signedOut=1');
  });

  router.get('/lost-pin', (_req, res) => {
    res.type('html').send(lostPinPage(langOf(res), {}));
  });

  router.post('/lost-pin', ...lostPinThrottles, async (req, res) => {
    const body = {
      fiscalCode: req.body?.fiscalCode,
      [req.body?.contactType === 'email' ? 'email' : 'phone']: req.body?.contact,
    };
    const parsed = lostPinSchema.safeParse(body);
    if (!parsed.success)
      return res
        .status(400)
        .type('html')
        .send(lostPinPage(langOf(res), { ...lostPinFormValues(req.body), fields: fieldErrors(parsed.error) }));
    await requestLostPin(deps, parsed.data);
    res
      .status(202)
      .type('html')
      .send(lostPinSentPage(langOf(res)));
  });

  return router;
}
