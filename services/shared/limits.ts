// The one way a service limits how often something may be done: a window, a ceiling, and a key (the client's address
// as the deployment's proxy reports it, unless the limit is per account or per codice fiscale). The standard
// RateLimit headers tell a client where it stands; what a refusal says is the caller's.
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';

/** The client as Express sees it behind the configured proxies (`TRUST_PROXY`); IPv6 counted per /56. */
export const clientKey = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');

export function limitOf(opts: {
  windowMs: number;
  max: number;
  /** Whose attempts are counted together; by default the client's address. */
  key?: (req: Request) => string;
  /** Requests not to count at all. */
  skip?: (req: Request) => boolean;
  /** Count only failed requests (4xx, 5xx): a ceiling on guessing that never stops a legitimate user. */
  onlyFailures?: boolean;
  /** Tells limits with the same window apart in the shared store (each limit has its own counters anyway). */
  name?: string;
  /** The answer past the ceiling: throw a refusal, or send a page. */
  refuse: (req: Request, res: Response) => void;
}): RequestHandler {
  return rateLimit({
    windowMs: opts.windowMs,
    limit: opts.max,
    skipSuccessfulRequests: opts.onlyFailures ?? false,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: opts.key ?? clientKey,
    ...(opts.skip ? { skip: opts.skip } : {}),
    ...(opts.name ? { identifier: opts.name } : {}),
    handler: (req, res) => opts.refuse(req, res),
  });
}

/** The codice fiscale a request names, as the limiter counts it (trimmed, upper case), when it could be one. */
export function typedFiscalCode(body: unknown): string | undefined {
  const typed = (body as { fiscalCode?: unknown } | undefined)?.fiscalCode;
  if (typeof typed !== 'string') return undefined;
  const fiscalCode = typed.trim().toUpperCase();
  return /^[A-Z0-9]{16}$/.test(fiscalCode) ? fiscalCode : undefined;
}
