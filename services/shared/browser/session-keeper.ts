// A signed-in screen and its session, the same on every page that has one (the console, the office desk, the
// citizen's personal area). A session ends after a spell with nobody using it (AGENT_SESSION_IDLE_MINUTES,
// CITIZEN_SESSION_MINUTES), and WCAG 2.2.1 asks that such a limit be announced before it falls and be put off with one
// action: the page looks at its session once a minute, a look that keeps the session alive only if its person pressed
// a key or the pointer since the last one; about two minutes before the end of a session nobody is using, it says so,
// with a button to go on; when the session has ended, the page hides its work.
import { BACKGROUND_REFRESH_HEADER, type SessionLook } from '../session-look';

const LOOK_EVERY_MS = 60_000;
/** Shown this long before the end at the latest, so the warning stands at least 90 s (WCAG 2.2.1 asks for 20). */
const WARN_BEFORE_MS = 150_000;

export interface SessionKeeping {
  /** GET: 200 with a `SessionLook` while the session lives, 401 when it has ended. */
  lookUrl: string;
  /** Whether the page shows signed-in work now (a screen already asking for the password has nothing to keep). */
  working: () => boolean;
  /** Each look that finds the session alive. */
  live?: (look: SessionLook) => void;
  /** The session has ended: hide the work. */
  ended: () => void;
  /** A session is there again after `ended` (signed in in another tab, or on this page). */
  back: (look: SessionLook) => void;
}

export function keepSession(keeping: SessionKeeping): void {
  const warning = document.getElementById('session-warning');
  const stay = document.getElementById('session-continue');
  let used = false;
  let over = false;
  let focusBefore: Element | null = null;
  const mark = () => (used = true);
  document.addEventListener('keydown', mark, true);
  document.addEventListener('pointerdown', mark, true);

  const hideWarning = () => {
    if (!warning || warning.hidden) return;
    warning.hidden = true;
    if (focusBefore instanceof HTMLElement && focusBefore.isConnected) focusBefore.focus();
  };
  const warn = (end: Date) => {
    if (!warning) return;
    const at = end.toLocaleTimeString(document.documentElement.lang || undefined, {
      hour: '2-digit',
      minute: '2-digit',
    });
    for (const slot of warning.querySelectorAll('[data-session-end]')) slot.textContent = at;
    if (!warning.hidden) return;
    focusBefore = document.activeElement;
    warning.hidden = false;
    stay?.focus();
  };

  async function look(byThePerson: boolean) {
    used = false;
    let res: Response;
    try {
      res = await fetch(keeping.lookUrl, { headers: byThePerson ? {} : { [BACKGROUND_REFRESH_HEADER]: '1' } });
    } catch {
      return; // the network, not the session: the next look will tell
    }
    if (res.status === 401) {
      hideWarning();
      if (!over) keeping.ended();
      over = true;
      return;
    }
    if (!res.ok) return;
    const session = (await res.json()) as SessionLook;
    keeping.live?.(session);
    if (over) {
      over = false;
      keeping.back(session);
    }
    // Counted on the server's clock (its Date header), since this computer's may be minutes off.
    const left = Date.parse(session.expiresAt) - Date.parse(res.headers.get('date') ?? new Date().toUTCString());
    if (left < WARN_BEFORE_MS) warn(new Date(Date.now() + left));
    else hideWarning();
  }

  stay?.addEventListener('click', () => void look(true));
  setInterval(() => {
    if (keeping.working()) void look(used);
  }, LOOK_EVERY_MS);
}
