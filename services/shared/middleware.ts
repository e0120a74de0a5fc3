// What every HTTP service puts in front of its routes: security headers, one access-log line per request, and the
// refusal of state-changing requests made from another origin.
import type { RequestHandler } from 'express';
import { logger } from '../../infra/logger';
import { ApiError } from './errors';

/**
 * Scripts only from the service's own files, never inline (an injected `<script>` or `onclick` does not run); inline
 * styles stay, since a style attribute cannot run code. Framing is refused, but for what a page frames itself (the
 * documents a reviewer compares side by side).
 */
export const contentSecurityPolicy = (frameAncestors: "'none'" | "'self'" = "'none'") =>
  `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors ${frameAncestors}`;

const SECURITY_HEADERS = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  // Nothing a service answers is kept by a browser or a proxy: pages and answers carry personal data and secrets
  // (a phone PIN, a codice fiscale echoed in a refused form). Static assets are the one opt-out (express.static).
  'Cache-Control': 'no-store',
};

/**
 * The headers every answer carries; with an https public URL, also HSTS, so a browser never again asks over plain
 * http (where a session cookie or a PIN could be read on the way).
 */
export function securityHeaders(publicUrl: string): RequestHandler {
  const headers = publicUrl.startsWith('https:')
    ? { ...SECURITY_HEADERS, 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' }
    : SECURITY_HEADERS;
  return (_req, res, next) => {
    res.set(headers);
    next();
  };
}

/** A script of the service's own, served as a file (the policy runs no inline script). */
export const serveScript =
  (source: string): RequestHandler =>
  (_req, res) => {
    res.type('text/javascript').send(source);
  };

/** Method, path, status and duration only: bodies, query strings and headers may carry personal data. */
export const accessLog: RequestHandler = (req, res, next) => {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    logger.info({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms) }, 'http');
  });
  next();
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF: a state-changing request is refused when the browser says it comes from another origin. Browsers state it on
 * every such request, in `Sec-Fetch-Site` (and `Origin`), which no page can forge; a page on the same site (another
 * port, a sibling host) is another origin, so SameSite cookies alone would let it through. Requests without either
 * header come from no browser (API clients, providers' webhooks, which are signed): there is no session to ride on.
 * `exempt` paths take cross-origin calls by design and guard themselves (the codec server: CORS and a session role).
 */
export function sameOriginOnly(publicUrl: string, exempt: readonly string[] = []): RequestHandler {
  const publicOrigin = new URL(publicUrl).origin;
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || exempt.some((p) => req.path.startsWith(p))) return next();
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    const ownOrigin = `${req.protocol}://${req.get('host')}`;
    // Sec-Fetch-Site decides when the browser sends it; `Origin` only for browsers that do not (it is "null" on our
    // own forms, under Referrer-Policy: no-referrer, so it cannot decide for them).
    const foreign =
      site !== undefined
        ? site !== 'same-origin' && site !== 'none'
        : origin !== undefined && origin !== publicOrigin && origin !== ownOrigin;
    if (!foreign) return next();
    logger.warn({ method: req.method, path: req.path, site, origin }, 'cross-origin request refused');
    next(new ApiError(403, 'cross_origin_request', "This request did not come from this service's own pages"));
  };
}
