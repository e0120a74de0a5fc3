// The edge's first look at every input, before any route's schema: text that is not plain text is refused whatever
// field it sits in (so no route has to remember it), every string is normalised to NFC (so "è" typed two ways is one
// value), a form field sent twice is refused, and an id in a path is a UUID before it reaches a query.
import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { ApiError } from './errors';

// C0 controls but tab, line feed and carriage return (a note may have lines), DEL and the C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// Direction overrides, embeddings and isolates, and zero-width characters: they make an address or a note read
// differently on screen from what is stored (a street that displays reversed, a codice fiscale with a hidden letter).
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
// In a Unicode-aware pattern a proper pair is one code point: only a lone half of one matches.
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a piece of text is not plain text, or undefined when it is. */
export function textProblem(text: string): string | undefined {
  if (LONE_SURROGATE.test(text)) return 'contains a broken character';
  if (CONTROL.test(text)) return 'contains a control character';
  if (INVISIBLE.test(text))
    return 'contains an invisible or direction-changing character: retype it without copying and pasting';
  return undefined;
}

type Problems = Record<string, string>;

/**
 * The value with every string (and key) checked and normalised to NFC, problems noted by field path. A form's fields
 * are single values: one sent twice (`fiscalCode=a&fiscalCode=b`) would leave the route to guess which one counts.
 */
function cleaned(value: unknown, path: string, problems: Problems, form: boolean): unknown {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) problems[path || 'body'] = problem;
    return value.normalize('NFC');
  }
  if (Array.isArray(value)) {
    if (form) {
      problems[path] = 'was sent more than once';
      return value;
    }
    return value.map((v, i) => cleaned(v, `${path}[${i}]`, problems, form));
  }
  if (value !== null && typeof value === 'object') {
    // fromEntries defines each key as data, so a key "__proto__" stays a key and never becomes a prototype.
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => {
        const at = path ? `${path}.${key}` : key;
        const keyProblem = textProblem(key);
        if (keyProblem) problems[at] = `the field's name ${keyProblem}`;
        return [key.normalize('NFC'), cleaned(v, at, problems, form)];
      }),
    );
  }
  return value;
}

function refuseProblems(problems: Problems, where: string): void {
  if (Object.keys(problems).length > 0)
    throw new ApiError(
      400,
      'invalid_input',
      `Some values in the ${where} are not plain text, or are repeated`,
      problems,
    );
}

/** A parsed body with its strings in NFC, or the 400 that names each field that is not plain text or is repeated. */
export function cleanedBody(body: unknown, form: boolean): unknown {
  if (body === undefined) return body;
  const problems: Problems = {};
  const clean = cleaned(body, '', problems, form);
  refuseProblems(problems, 'request');
  return clean;
}

const cleanBody =
  (form: boolean): RequestHandler =>
  (req, _res, next) => {
    req.body = cleanedBody(req.body, form);
    next();
  };

/** Form fields (application/x-www-form-urlencoded), checked. */
export const formBody = (limit: string): RequestHandler[] => [
  express.urlencoded({ extended: false, limit, parameterLimit: 100 }),
  cleanBody(true),
];

/** A JSON body, checked. */
export const jsonBody = (limit: string): RequestHandler[] => [express.json({ limit }), cleanBody(false)];

/** The query string: every parameter once, as plain text. (Express 5 parses it anew on each read: checked, not kept.) */
export const cleanQuery: RequestHandler = (req, _res, next) => {
  const problems: Problems = {};
  for (const [key, value] of Object.entries(req.query)) {
    if (typeof value !== 'string') problems[key] = 'was sent more than once';
    else {
      const problem = textProblem(value) ?? textProblem(key);
      if (problem) problems[key] = problem;
    }
  }
  refuseProblems(problems, 'address');
  next();
};

const uuid = z.uuid();
/** The path parameters that name a row: each is a UUID, or the request ends here with a 400 that names it. */
const ID_PARAMS = ['id', 'documentId'] as const;

/** Makes every id parameter of an app's or router's paths a checked UUID. */
export function idsAreUuids<T extends Pick<Router, 'param'>>(routes: T): T {
  for (const name of ID_PARAMS)
    routes.param(name, (_req, _res, next, value) => {
      if (!uuid.safeParse(value).success)
        return next(new ApiError(400, 'invalid_input', 'The address names no valid id', { [name]: 'not a valid id' }));
      next();
    });
  return routes;
}

/** A router whose id parameters are checked UUIDs: every service's routes start here. */
export const routes = (): Router => idsAreUuids(Router());
