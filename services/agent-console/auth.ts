// Staff authentication: username and password (argon2id) open a session whose token is kept only as a SHA-256
// hash; every request carries it as an HttpOnly cookie or a Bearer header; routes require one of the staff's roles,
// and each kind of task needs the role that works it.
import {
  endStaffSession,
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
import { ApiError } from '../shared/errors';
import { newSessionToken, sessionToken as tokenFrom, tokenHash } from '../shared/session-token';

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
  }
}

export async function logIn(db: Db, username: string, password: string, hours: number) {
  const staff = await staffByUsername(db, username);
  const ok = await verifySecret(staff?.password_hash, password);
  // A wrong password for a real account is on that account's trail (a name nobody holds has no trail to be on).
  if (staff && !ok) await staffSignInFailed(db, staff.id);
  if (!staff || !ok) return undefined;
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + hours * 3_600_000);
  await openStaffSession(db, { tokenHash: tokenHash(token), staffId: staff.id, expiresAt });
  return {
    token,
    expiresAt,
    staff: { id: staff.id, username: staff.username, display_name: staff.display_name, roles: staff.roles },
  };
}

export async function logOut(db: Db, token: string): Promise<void> {
  await endStaffSession(db, tokenHash(token));
}

export const sessionToken = (req: Request) => tokenFrom(req, SESSION_COOKIE);

/** The staff member whose live session the request carries, if any, read from the database now. */
async function staffOf(db: Db, req: Request): Promise<StaffMember | undefined> {
  const token = sessionToken(req);
  return token ? staffBySession(db, tokenHash(token)) : undefined;
}

/** Loads the signed-in staff member, if any, onto `req.staff`. */
export function loadSession(db: Db): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    req.staff = await staffOf(db, req);
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
