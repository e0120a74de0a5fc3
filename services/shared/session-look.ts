// What a signed-in page and its service tell each other about the session (the page's side:
// services/shared/browser/session-keeper.ts): words shared by the server and the bundled browser script.

/**
 * Marks a request the page made by itself (a refresh, a look at the session with nobody at the screen): it is answered,
 * but it keeps no session alive. Leaving it out only keeps a session longer, within its absolute end, so nothing is
 * gained by forging or dropping it.
 */
export const BACKGROUND_REFRESH_HEADER = 'background-refresh';

/** A look at the session answers at least when it ends if nothing more is done with it. */
export interface SessionLook {
  expiresAt: string;
  /** Who holds it, where a page may show its work again to the same person only (a staff member's username). */
  holder?: string;
}
