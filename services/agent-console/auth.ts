// Staff authentication: username and password (argon2id) open a session whose token is kept only as a SHA-256
// hash; every request carries it as an HttpOnly cookie or a Bearer header; routes require a role.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Db } from '../../infra/db';
import type { StaffRole, StaffRow } from '../../infra/db/schema';
import { verifySecret } from '../../domain/pin';
import { ApiError } from '../shared/errors';
import { newSessionToken, sessionToken as tokenFrom, tokenHash } from '../shared/session-token';

export const SESSION_COOKIE = 'pin_staff_session';
export type StaffMember = Pick<StaffRow, 'id' | 'username' | 'display_name' | 'role'>;

declare module 'express-serve-static-core' {
  interface Request {
    staff?: StaffMember;
  }
}

export async function logIn(db: Db, username: string, password: string, hours: number) {
  const staff = await db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
  const ok = await verifySecret(staff?.password_hash, password);
  if (!staff || !ok) return undefined;
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + hours * 3_600_000);
  await db
    .insertInto('staff_sessions')
    .values({ token_hash: tokenHash(token), staff_id: staff.id, expires_at: expiresAt })
    .execute();
  return {
    token,
    expiresAt,
    staff: { id: staff.id, username: staff.username, display_name: staff.display_name, role: staff.role },
  };
}

export async function logOut(db: Db, token: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash(token)).execute();
}

export const sessionToken = (req: Request) => tokenFrom(req, SESSION_COOKIE);

/** Loads the signed-in staff member, if any, onto `req.staff`. */
export function loadSession(db: Db): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = sessionToken(req);
    if (token) {
      req.staff = await db
        .selectFrom('staff_sessions')
        .innerJoin('staff', 'staff.id', 'staff_sessions.staff_id')
        .select(['staff.id', 'staff.username', 'staff.display_name', 'staff.role'])
        .where('staff_sessions.token_hash', '=', tokenHash(token))
        .where('staff_sessions.expires_at', '>', new Date())
        .executeTakeFirst();
    }
    next();
  };
}

export function requireRole(...roles: StaffRole[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.staff) throw new ApiError(401, 'unauthenticated', 'Sign in first');
    if (!roles.includes(req.staff.role)) throw new ApiError(403, 'forbidden', 'Your role does not allow this');
    next();
  };
}
