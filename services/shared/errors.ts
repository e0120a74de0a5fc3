// The one error shape of every API: { error: { code, message, fields? } }, and the middleware that produces it.
import { ServiceError } from '@temporalio/client';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { fieldErrors } from '../../domain/field-errors';
import { Refusal, type RefusalKind } from '../../domain/refusal';
import { logger } from '../../infra/logger';

const STATUS_OF_REFUSAL: Record<RefusalKind, number> = {
  invalid: 400,
  not_allowed: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  unprocessable: 422,
  locked: 423,
  too_many: 429,
};

/** A refusal the HTTP layer makes itself, with its status said outright. */
export class ApiError extends Refusal {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    fields?: Record<string, string>,
    links?: Record<string, string>,
  ) {
    const kind = (Object.keys(STATUS_OF_REFUSAL) as RefusalKind[]).find((k) => STATUS_OF_REFUSAL[k] === status);
    super(kind ?? 'invalid', code, message, fields, links);
  }
}

export const httpStatusOf = (refusal: Refusal): number =>
  refusal instanceof ApiError ? refusal.status : STATUS_OF_REFUSAL[refusal.kind];

/** Parses a request body with its schema, or throws the 400 that names every bad field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, code: string, message: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError(400, code, message, fieldErrors(parsed.error));
  return parsed.data;
}

export const notFound: RequestHandler = (_req, _res, next) => next(new ApiError(404, 'not_found', 'No such resource'));

/** Postgres' connection-exception and shutdown codes, and the socket errors of a server that is not there. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
]);
/** gRPC's UNAVAILABLE and DEADLINE_EXCEEDED, as Temporal's client reports them. */
const GRPC_UNAVAILABLE = new Set([14, 4]);

/** Is this a dependency (Postgres, Temporal) that is down or unreachable, rather than a fault of ours? */
export function isDependencyUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  if (!e) return false;
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  if (err instanceof ServiceError) return GRPC_UNAVAILABLE.has((e.cause as { code?: number } | undefined)?.code ?? -1);
  if (typeof e.message === 'string' && /Connection terminated|timeout exceeded when trying to connect/.test(e.message))
    return true;
  return e.cause !== undefined && e.cause !== err && isDependencyUnavailable(e.cause);
}

/** What busboy (under multer) says of a multipart body it cannot parse. */
const MALFORMED_MULTIPART =
  /^(Multipart: Boundary not found|Unexpected end of (form|file)|Malformed (part header|content type)|Missing Content-Type|Unsupported content type)/;

/**
 * Postgres' codes for a value its column cannot hold: invalid text representation (a malformed UUID), an invalid
 * byte sequence (NUL), an untranslatable character (`\u0000` in jsonb), a string too long, a number out of range.
 */
const INVALID_VALUE_CODES = new Set(['22P02', '22021', '22P05', '22001', '22003', '22007', '22008']);

/** How long a client should wait before trying again when a dependency is down. */
export const RETRY_AFTER_SECONDS = 30;

/** The one error shape: what every API answers, and what a page for a person is made from. */
export interface ErrorAnswer {
  status: number;
  error: { code: string; message: string; fields?: Record<string, string>; links?: Record<string, string> };
  retryAfterSeconds?: number;
}

/** What an error means for the client, logged once when it is ours or a dependency's. */
export function errorAnswer(err: unknown, req: Request): ErrorAnswer {
  // What the libraries below (multer, body-parser, pg) put on their errors.
  const e = (err ?? {}) as {
    name?: string;
    code?: unknown;
    message?: string;
    field?: string;
    status?: unknown;
    stack?: string;
  };
  if (err instanceof Refusal)
    return {
      status: httpStatusOf(err),
      error: {
        code: err.code,
        message: err.message,
        ...(err.fields ? { fields: err.fields } : {}),
        ...(err.links ? { links: err.links } : {}),
      },
    };
  // Upload limits (multer): a file too large, too many files, an unexpected field.
  if (e.name === 'MulterError') {
    const tooLarge = e.code === 'LIMIT_FILE_SIZE';
    return {
      status: tooLarge ? 413 : 400,
      error: {
        code: tooLarge ? 'file_too_large' : 'invalid_upload',
        message: tooLarge ? 'The file is larger than allowed' : `The upload is not valid (${String(e.message)})`,
        ...(e.field ? { fields: { [e.field]: tooLarge ? 'file too large' : 'not expected' } } : {}),
      },
    };
  }
  // A multipart body the parser cannot read (no boundary, a wrong one, cut short): the client's fault, as any upload.
  if (err instanceof Error && MALFORMED_MULTIPART.test(err.message))
    return {
      status: 400,
      error: { code: 'invalid_upload', message: 'The upload is not a well-formed multipart form; nothing was kept' },
    };
  // A value Postgres cannot take as its column's type (an id that is not a UUID, a NUL byte, a lone surrogate in
  // JSON): the statement failed, so nothing was written. Inputs are parsed at the edge; this is the net under them.
  if (typeof e.code === 'string' && INVALID_VALUE_CODES.has(e.code)) {
    logger.warn({ code: e.code, path: req.path }, 'a value reached Postgres that the edge should have refused');
    return { status: 400, error: { code: 'invalid_input', message: 'A value in the request is not valid' } };
  }
  // Postgres or Temporal down: nothing was done that will not be done again; the client is told when to come back.
  if (isDependencyUnavailable(err)) {
    logger.warn({ err: { message: e.message, code: e.code }, path: req.path }, 'a dependency is unavailable');
    return {
      status: 503,
      retryAfterSeconds: RETRY_AFTER_SECONDS,
      error: {
        code: 'service_unavailable',
        message: 'The service is briefly unavailable. Nothing you sent was lost; please try again in a minute.',
      },
    };
  }
  // Body-parser failures (malformed JSON, too large) carry a status: they are the client's fault.
  const status = typeof e.status === 'number' && e.status >= 400 && e.status < 500 ? e.status : 500;
  // Message, code and stack only: a database error's `detail` quotes the values of the row (personal data).
  if (status === 500)
    logger.error({ err: { message: e.message, code: e.code, stack: e.stack }, path: req.path }, 'unhandled error');
  return {
    status,
    error:
      status === 500
        ? { code: 'internal', message: 'Something went wrong on our side. Nothing was changed; please try again.' }
        : { code: 'bad_request', message: 'The request body is not valid JSON' },
  };
}

/**
 * The last handler of every service: the error as `{ error }` JSON, or, given `page`, as the page a person's browser
 * gets for a request that is not the API's (`/api/…`) and that asked for HTML.
 */
export function errorHandlerWith(
  page?: (answer: ErrorAnswer, req: Request, res: Response) => string,
): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const answer = errorAnswer(err, req);
    res.status(answer.status);
    if (answer.retryAfterSeconds) res.set('Retry-After', String(answer.retryAfterSeconds));
    if (page && !req.path.startsWith('/api/') && req.accepts(['json', 'html']) === 'html')
      res.type('html').send(page(answer, req, res));
    else res.json({ error: answer.error });
  };
}

export const errorHandler: ErrorRequestHandler = errorHandlerWith();
