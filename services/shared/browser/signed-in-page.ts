// The session keeper on a server-rendered signed-in page (the office desk, ops, the citizen's personal area): when the
// session has ended the page's work is hidden behind a notice with the way to sign in again; when its holder is back
// (signed in again in another tab), the page shows again as it was, typed values and all; anyone else gets the page
// afresh, as a new request under their own session.
import { keepSession } from './session-keeper';

const lookUrl = document.body.dataset.sessionLook;
const notice = document.getElementById('session-ended');
if (lookUrl && notice) {
  let holder: string | undefined;
  let hidden: HTMLElement[] = [];
  keepSession({
    lookUrl,
    working: () => true,
    live: (look) => void (holder ??= look.holder),
    ended: () => {
      hidden = [...notice.parentElement!.children].filter(
        (e): e is HTMLElement => e instanceof HTMLElement && e !== notice && !e.hidden,
      );
      for (const e of hidden) e.hidden = true;
      notice.hidden = false;
      notice.focus();
    },
    back: (look) => {
      // The same address fetched again, never a form sent again: what answered a form is not shown to another session.
      // Without its #fragment, which would only scroll the page.
      if (holder === undefined || look.holder !== holder) return location.assign(location.href.split('#')[0]!);
      for (const e of hidden) e.hidden = false;
      notice.hidden = true;
    },
  });
}
