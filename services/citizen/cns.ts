// Sign-in with the CNS (Carta Nazionale dei Servizi, brief "The switch to SPID"): the smart card's certificate proves
// the citizen by TLS client authentication, on an HTTPS endpoint of its own that asks the browser for a certificate
// and trusts only the configured CA bundle, checking validity and revocation (the configured CRL). The codice fiscale
// is read from the certificate's subject; a CNS gives the rights of a PIN dispositivo, like SPID level 2 or 3 and CIE.
import { readFileSync } from 'node:fs';
import type { ServerOptions } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { Client } from '@temporalio/client';
import express, { type Request, type Response } from 'express';
import { releaseWaitingApplications } from '../../core/pin-dispositivo-processes';
import { contactCenterInShort } from '../../domain/contact-center';
import type { Config } from '../../infra/config';
import type { Db } from '../../infra/db';
import { logger } from '../../infra/logger';
import { openCitizenSession } from '../../repositories/citizen-sessions';
import { personByFiscalCode } from '../../repositories/registry';
import { sayIn, type Lang } from '../shared/i18n';
import { accessLog, securityHeaders } from '../shared/middleware';
import { newSessionToken, tokenHash } from '../shared/session-token';
import { citizenCookieOptions, newSessionEnd } from './account';
import { CITIZEN_COOKIE } from './session';

export const CNS_SIGN_IN_PATH = '/login/cns';

/** What the sign-in page needs of the configuration: the lockout rule it states, and where CNS sign-in is. */
export const signInPageSettings = (config: Config) => ({
  maxFailures: config.SIGN_IN_MAX_FAILURES,
  cnsSignInUrl: `${config.cnsPublicUrl}${CNS_SIGN_IN_PATH}`,
});

/** Where the certificates and keys of the endpoint are, as configuration names them. */
export interface CnsFiles {
  caFile: string;
  crlFile: string;
  serverCertFile: string;
  serverKeyFile: string;
}

/** The TLS side: ask every client for a certificate, check it against the CA bundle and the CRL, decide in the app. */
export function cnsTlsOptions(files: CnsFiles): ServerOptions {
  return {
    key: readFileSync(files.serverKeyFile),
    cert: readFileSync(files.serverCertFile),
    ca: readFileSync(files.caFile),
    crl: readFileSync(files.crlFile),
    requestCert: true,
    // A refused certificate still gets a page that says why, rather than a dropped connection.
    rejectUnauthorized: false,
  };
}

/**
 * The codice fiscale of a CNS certificate: in the subject's serialNumber ("IT:" followed by it, as on CNS and CIE
 * certificates), or else at the start of the common name ("<codice fiscale>/<card number>.<hash>").
 */
export function cnsFiscalCode(subject: Record<string, string | string[] | undefined>): string | undefined {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const fromSerial = /^(?:IT:|TINIT-)?([A-Z0-9]{16})$/.exec(first(subject.serialNumber) ?? '')?.[1];
  return fromSerial ?? /^([A-Z0-9]{16})\//.exec(first(subject.CN) ?? '')?.[1];
}

export const CNS_REFUSALS = ['no_certificate', 'expired', 'revoked', 'not_a_cns', 'not_in_registry'] as const;
type Refusal = (typeof CNS_REFUSALS)[number];

/** What the sign-in page says of a refused CNS sign-in (it is sent there, `/login?cns=<why>`). */
export const CNS_REFUSAL_TEXT: Record<Refusal, (lang: Lang) => string> = {
  no_certificate: (lang) =>
    sayIn(lang)(
      'Il browser non ha presentato alcun certificato. Inserisca la CNS nel lettore, verifichi che il software della carta sia installato e riprovi.',
      'Your browser presented no certificate. Insert your CNS in the reader, check that the card software is installed, and try again.',
    ),
  expired: (lang) =>
    sayIn(lang)(
      'Il certificato della Sua CNS è scaduto. Chieda il rinnovo della carta a chi l’ha rilasciata, oppure acceda con SPID o CIE.',
      'The certificate on your CNS has expired. Ask the issuer of your card to renew it, or sign in with SPID or CIE.',
    ),
  revoked: (lang) =>
    sayIn(lang)(
      'Il certificato della Sua CNS è stato revocato e non può essere usato. Acceda con SPID o CIE, o chieda una nuova carta.',
      'The certificate on your CNS has been revoked and cannot be used. Sign in with SPID or CIE, or ask for a new card.',
    ),
  not_a_cns: (lang) =>
    sayIn(lang)(
      'Questo certificato non è di una Carta Nazionale dei Servizi riconosciuta. Usi la Sua CNS, oppure acceda con SPID o CIE.',
      'This certificate is not from a recognised Carta Nazionale dei Servizi. Use your CNS, or sign in with SPID or CIE.',
    ),
  not_in_registry: (lang) =>
    sayIn(lang)(
      `La Sua identità è confermata, ma l’INPS non ha il Suo codice fiscale in archivio. Chiami il contact center: ${contactCenterInShort().it}.`,
      `Your identity is confirmed, but INPS has no record of your codice fiscale. Call the contact center: ${contactCenterInShort().en}.`,
    ),
};

/** Why OpenSSL refused the certificate, in the citizen's terms. */
function refusalOf(authorizationError: Error | string | null | undefined): Refusal {
  const code = String(authorizationError ?? '');
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return 'expired';
  if (code === 'CERT_REVOKED') return 'revoked';
  return 'not_a_cns';
}

export function createCnsApp(deps: { db: Db; temporal: Client; config: Config }) {
  const { db, temporal, config } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(accessLog, securityHeaders(config.cnsPublicUrl));

  // A browser goes back to the sign-in page, which says why (its styles and links live on the citizen service).
  const refuse = (req: Request, res: Response, why: Refusal) => {
    logger.warn({ why }, 'CNS sign-in refused');
    if (req.accepts(['html', 'json']) === 'json')
      return res
        .status(why === 'not_in_registry' ? 403 : 401)
        .json({ error: { code: `cns_${why}`, message: CNS_REFUSAL_TEXT[why]('en') } });
    res.redirect(303, `${config.citizenPublicUrl}/login?cns=${why}`);
  };

  app.get(CNS_SIGN_IN_PATH, async (req, res) => {
    const socket = req.socket as TLSSocket;
    const certificate = socket.getPeerCertificate();
    if (!certificate || Object.keys(certificate).length === 0) return refuse(req, res, 'no_certificate');
    if (!socket.authorized) return refuse(req, res, refusalOf(socket.authorizationError));
    const fiscalCode = cnsFiscalCode(certificate.subject as unknown as Record<string, string>);
    if (!fiscalCode) return refuse(req, res, 'not_a_cns');
    const person = await personByFiscalCode(db, fiscalCode);
    if (!person) return refuse(req, res, 'not_in_registry');

    const token = newSessionToken();
    const expiresAt = newSessionEnd(config);
    await db.transaction().execute((trx) =>
      openCitizenSession(trx, {
        method: 'cns',
        level: 3,
        tokenHash: tokenHash(token),
        personId: person.id,
        stage: 'signed_in',
        expiresAt,
      }),
    );
    await releaseWaitingApplications(temporal, db, person.id);
    // The session cookie belongs to the citizen service: same host, so the browser sends it there too.
    res.cookie(CITIZEN_COOKIE, token, citizenCookieOptions(config));
    if (req.accepts(['html', 'json']) === 'json')
      return res.json({ token, expiresAt: expiresAt.toISOString(), next: `${config.citizenPublicUrl}/home` });
    res.redirect(303, `${config.citizenPublicUrl}/home`);
  });
  return app;
}
