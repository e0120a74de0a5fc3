// The citizen's session on the citizen service: loaded from the cookie or Bearer token onto `req.citizen`, and the
// guard that lets each route open only at the stage it belongs to (first access, renewal, signed in).
import type { RequestHandler } from 'express';
import type { Config } from '../../infra/config';
import type { Db } from '../../infra/db';
import type { CitizenSessionStage } from '../../domain/citizen-session';
import { ApiError } from '../shared/errors';
import { sessionToken } from '../shared/session-token';
import { BACKGROUND_REFRESH_HEADER } from '../shared/session-look';
import { findSession, type CitizenSession } from './account';

export const CITIZEN_COOKIE = 'pin_citizen_session';

declare module 'express-serve-static-core' {
  interface Request {
    citizen?: CitizenSession;
  }
}

export function loadCitizenSession(db: Db, config: Config): RequestHandler {
  return async (req, _res, next) => {
    const token = sessionToken(req, CITIZEN_COOKIE);
    if (token) req.citizen = await findSession(db, config, token, !req.get(BACKGROUND_REFRESH_HEADER));
    next();
  };
}

const STAGE_HOME: Record<CitizenSessionStage, string> = {
  first_access: '/first-access',
  renewal: '/renewal',
  signed_in: '/home',
};
export const stageHome = (stage: CitizenSessionStage) => STAGE_HOME[stage];

/** API guard: 401 without a session, 403 (naming the step still due) at another stage. */
export function requireStage(...stages: CitizenSessionStage[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.citizen) throw new ApiError(401, 'unauthenticated', 'Sign in with your codice fiscale and PIN first');
    if (!stages.includes(req.citizen.stage))
      throw new ApiError(403, 'step_pending', 'Complete the guided step first', undefined, {
        next: stageHome(req.citizen.stage),
      });
    next();
  };
}

/** Page guard: the same rule, answered with a redirect to where the citizen should be. */
export function requireStagePage(...stages: CitizenSessionStage[]): RequestHandler {
  return (req, res, next) => {
    if (!req.citizen) return res.redirect(303, '/login');
    if (!stages.includes(req.citizen.stage)) return res.redirect(303, stageHome(req.citizen.stage));
    next();
  };
}
