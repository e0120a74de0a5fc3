// Staff authentication: username and password (argon2id) open a session whose token is kept only as a SHA-256
// hash; every request carries it as an HttpOnly cookie or a Bearer header; routes require one of the staff's roles,
// and each kind of task needs the role that works it. A session lasts while its person uses it, within the shift.
import {
  endStaffSession,
  extendStaffSession,
  openStaffSession,
  staffBySession,
  staffByUsername,
  staffSignInFailed,
} from '../../repositories/staff';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Db } from '../../infra/db';
import type { StaffRow } from '../../infra/db/schema';
import type { AgentTaskKind } from '../../domain/agent-task';
import type { StaffRole } from '../../domain/staff';
import { verifySecret } from '../../domain/pin';
import { sessionEnd, sessionEndMoves, sessionLatestEnd, type SessionLimits } from '../../domain/session-limits';
import type { Config } from '../../infra/config';
import { ApiError } from '../shared/errors';
import { newSessionToken, sessionToken as tokenFrom, tokenHash } from '../shared/session-token';
import { BACKGROUND_REFRESH_HEADER } from '../shared/session-look';

export const SESSION_COOKIE = 'pin_staff_session';
export type StaffMember = Pick<StaffRow, 'id' | 'username' | 'display_name' | 'roles'>;

/** Who works each kind of task. An unreadable fax is part of the documents' work. */
export const ROLE_FOR_TASK_KIND: Record<AgentTaskKind, StaffRole> = {
  outbound_verification: 'outbound_verification',
  document_review: 'document_review',
  fax_attachment: 'document_review',
};

/** The kinds of task this person may work. */
export const taskKindsOf = (staff: StaffMember): AgentTaskKind[] =>
  (Object.keys(ROLE_FOR_TASK_KIND) as AgentTaskKind[]).filter((k) => staff.roles.includes(ROLE_FOR_TASK_KIND[k]));

export const hasRole = (staff: StaffMember, ...roles: StaffRole[]) => roles.some((r) => staff.roles.includes(r));

declare module 'express-serve-static-core' {
  interface Request {
    staff?: StaffMember;
    /** When the session `staff` came with ends, if nothing more is done with it. */
    staffSessionEnds?: Date;
  }
}

/** A shift's session: AGENT_SESSION_HOURS at most, AGENT_SESSION_IDLE_MINUTES after its person last did something. */
export const staffSessionLimits = (config: Config): SessionLimits => ({
  idleMinutes: config.AGENT_SESSION_IDLE_MINUTES,
  maxHours: config.AGENT_SESSION_HOURS,
});

export async function logIn(db: Db, config: Config, username: string, password: string) {
  const staff = await staffByUsername(db, username);
  const ok = await verifySecret(staff?.password_hash, password);
  // A wrong password for a real account is on that account's trail (a name nobody holds has no trail to be on).
  if (staff && !ok) await staffSignInFailed(db, staff.id);
  if (!staff || !ok) return undefined;
  const token = newSessionToken();
  const now = new Date();
  const expiresAt = sessionEnd(now, now, staffSessionLimits(config));
  await openStaffSession(db, { tokenHash: tokenHash(token), staffId: staff.id, expiresAt });
  return {
    token,
    expiresAt,
    /** The browser keeps the cookie for the whole shift; the service ends the session sooner when it is left. */
    cookieExpiresAt: sessionLatestEnd(now, staffSessionLimits(config)),
    staff: { id: staff.id, username: staff.username, display_name: staff.display_name, roles: staff.roles },
  };
}

export async function logOut(db: Db, token: string): Promise<void> {
  await endStaffSession(db, tokenHash(token));
}

export const sessionToken = (req: Request) => tokenFrom(req, SESSION_COOKIE);

/** The staff member whose live session the request carries, if any, read from the database now. */
async function staffOf(db: Db, req: Request) {
  const token = sessionToken(req);
  return token ? staffBySession(db, tokenHash(token)) : undefined;
}

/**
 * Loads the signed-in staff member, if any, onto `req.staff`; a request its person made (not the page's own refresh)
 * moves the session's end on.
 */
export function loadSession(db: Db, config: Config): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const found = await staffOf(db, req);
    if (!found) return next();
    const { opened_at: openedAt, expires_at: endsAt, ...staff } = found;
    req.staffSessionEnds = endsAt;
    // A request the page made by itself is no sign of a person at the screen (services/shared/session-look.ts).
    if (!req.get(BACKGROUND_REFRESH_HEADER)) {
      const until = sessionEnd(openedAt, new Date(), staffSessionLimits(config));
      if (sessionEndMoves(endsAt, until)) {
        await extendStaffSession(db, tokenHash(sessionToken(req)!), until);
        req.staffSessionEnds = until;
      }
    }
    req.staff = staff;
    next();
  };
}

/**
 * Whether the session a long answer (a stream) was opened with still holds one of these roles: a session that ends, by
 * signing out elsewhere or by running out, ends what it opened.
 */
export async function sessionStillAllows(db: Db, req: Request, ...roles: StaffRole[]): Promise<boolean> {
  const staff = await staffOf(db, req);
  return staff !== undefined && hasRole(staff, ...roles);
}

export function requireRole(...roles: StaffRole[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.staff) throw new ApiError(401, 'unauthenticated', 'Sign in first');
    if (!hasRole(req.staff, ...roles)) throw new ApiError(403, 'forbidden', 'Your role does not allow this');
    next();
  };
}
