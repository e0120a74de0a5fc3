// Session tokens for staff and citizens alike: random, sent as an HttpOnly cookie or a Bearer header, and kept by
// the server only as a SHA-256 hash, so a database leak yields no usable session.
import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'express';

export const newSessionToken = () => randomBytes(32).toString('base64url');
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export function sessionToken(req: Request, cookieName: string): string | undefined {
  const bearer = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
  if (bearer) return bearer;
  const cookie = req.headers.cookie?.split(/;\s*/).find((c) => c.startsWith(`${cookieName}=`));
  return cookie ? decodeURIComponent(cookie.slice(cookieName.length + 1)) : undefined;
}

/** Cookies are sent over TLS only whenever the service's public URL is https (behind its proxy, in production). */
export const cookiesSecureFor = (publicUrl: string) => publicUrl.startsWith('https:');

/** Cookie options for a session cookie: unreadable by scripts, never sent from another site, over TLS when served so. */
export const sessionCookieOptions = (expires: Date, publicUrl: string) =>
  ({ httpOnly: true, sameSite: 'strict', secure: cookiesSecureFor(publicUrl), expires, path: '/' }) as const;
