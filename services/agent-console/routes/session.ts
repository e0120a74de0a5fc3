// Staff sign-in and sign-out. Each is audited; a failed sign-in says nothing about which part was wrong.
import { routes } from '../../shared/input';
import { Router, type Request } from 'express';
import { clientKey, limitOf } from '../../shared/limits';
import { z } from 'zod';
import type { Config } from '../../../infra/config';
import type { Db } from '../../../infra/db';
import { audit } from '../../../repositories/audit';
import { ApiError, parseBody } from '../../shared/errors';
import { sessionCookieOptions } from '../../shared/session-token';
import { logIn, logOut, SESSION_COOKIE, sessionToken, type StaffMember, taskKindsOf } from '../auth';

/** A username as the product knows it: spaces, tabs and case never make a different name (nor fresh attempts). */
const usernameSchema = z.string().trim().toLowerCase().min(1, 'required').max(64);

export const loginSchema = z.object({
  username: usernameSchema,
  password: z.string().min(1, 'required').max(256),
});

const usernameOf = (body: unknown) =>
  usernameSchema.safeParse((body as { username?: unknown } | undefined)?.username).data ?? '';

const staffView = (s: StaffMember) => ({
  username: s.username,
  displayName: s.display_name,
  roles: s.roles,
  taskKinds: taskKindsOf(s),
});

export function sessionRoutes({ db, config }: { db: Db; config: Config }): Router {
  const router = routes();

  // Password guessing: a few failures per username and client, then a pause; and, whatever the clients, an account
  // that keeps failing is paused for everyone (three times the per-client allowance). Successes do not count.
  const throttle = (max: number, key: (req: Request) => string) =>
    limitOf({
      windowMs: 15 * 60_000,
      max,
      onlyFailures: true,
      key,
      refuse: () => {
        throw new ApiError(429, 'too_many_attempts', 'Too many failed sign-ins. Wait 15 minutes and try again.');
      },
    });
  const perClient = throttle(config.STAFF_SIGN_IN_ATTEMPTS, (req) => `${clientKey(req)}|${usernameOf(req.body)}`);
  const perAccount = throttle(config.STAFF_SIGN_IN_ATTEMPTS * 3, (req) => usernameOf(req.body));

  router.post('/api/agent/session', perAccount, perClient, async (req, res) => {
    const body = parseBody(loginSchema, req.body, 'invalid_login', 'Username and password are required');
    const session = await logIn(db, config, body.username, body.password);
    if (!session) throw new ApiError(401, 'invalid_credentials', 'Wrong username or password');
    await audit(db, {
      staffId: session.staff.id,
      action: 'staff.signed_in',
      subjectType: 'staff',
      subjectId: session.staff.id,
    });
    res.cookie(SESSION_COOKIE, session.token, sessionCookieOptions(session.cookieExpiresAt, config.agentPublicUrl));
    res.json({
      token: session.token,
      expiresAt: session.expiresAt.toISOString(),
      staff: staffView(session.staff),
    });
  });

  router.get('/api/agent/session', (req, res) => {
    if (!req.staff) throw new ApiError(401, 'unauthenticated', 'Sign in first');
    // The console's look at its session (services/shared/browser/session-keeper.ts): who, and until when if unused.
    res.json({
      staff: staffView(req.staff),
      expiresAt: req.staffSessionEnds!.toISOString(),
      holder: req.staff.username,
    });
  });

  router.delete('/api/agent/session', async (req, res) => {
    const token = sessionToken(req);
    if (token) await logOut(db, token);
    if (req.staff)
      await audit(db, {
        staffId: req.staff.id,
        action: 'staff.signed_out',
        subjectType: 'staff',
        subjectId: req.staff.id,
      });
    res.clearCookie(SESSION_COOKIE, { path: '/' }).status(204).end();
  });

  return router;
}
