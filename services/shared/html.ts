// The page frame every server-rendered screen shares: one stylesheet, accessible markup, no external assets.
import type { PhoneNumber } from '../../domain/contact-center';
import { sayIn, type Lang, type Say } from './i18n';

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** A message at the top of a form: an error (read out at once by screen readers) or a confirmation. */
export const banner = (message?: string, kind: 'error' | 'ok' = 'error', links = '') =>
  message ? `<div class="banner ${kind}" role="alert">${escapeHtml(message)}${links}</div>` : '';

/**
 * A labelled input with its error slot, tied together for screen readers; an error marks the input invalid and is
 * announced next to it.
 */
export function formField(opts: {
  name: string;
  label: string;
  attrs?: string;
  hint?: string;
  value?: string;
  error?: string;
}): string {
  const { name, error } = opts;
  return `
  <div><label for="${name}">${opts.label}${opts.hint ? ` <small>${opts.hint}</small>` : ''}</label>
  <input id="${name}" name="${name}" ${opts.attrs ?? ''}${opts.value ? ` value="${escapeHtml(opts.value)}"` : ''}${error ? ' aria-invalid="true"' : ''} aria-describedby="${name}-error">
  <p class="field-error" id="${name}-error" role="alert">${error ? escapeHtml(error) : ''}</p></div>`;
}

/** The components every screen shares: cards, banners, grids of fields, tables, the PIN box. */
export const STYLE = `
:root { --blue: #0b4a8b; --ink: #1b1f24; --muted: #5a6472; --line: #d7dde4; --bg: #f5f7fa; --ok: #146c2e; --bad: #a4161a; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header.top { background: var(--blue); color: #fff; padding: .8rem 1.5rem; display: flex; gap: 1rem; align-items: baseline; }
header.top strong { font-size: 1.3rem; letter-spacing: .05em; }
main { max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
.intro { color: var(--muted); margin-top: 0; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.25rem; margin: 0 0 1rem; }
fieldset { border: 1px solid var(--line); border-radius: 6px; background: #fff; margin: 0 0 1rem; padding: 1rem 1.25rem; }
legend { font-weight: 600; padding: 0 .3rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: .75rem 1rem; }
label { display: block; font-weight: 500; }
label small { font-weight: 400; color: var(--muted); }
input, select, textarea { width: 100%; font: inherit; padding: .45rem .55rem; border: 1px solid #9aa5b1; border-radius: 4px; margin-top: .2rem; }
input[aria-invalid="true"], select[aria-invalid="true"] { border-color: var(--bad); background: #fff5f5; }
.field-error { color: var(--bad); font-size: .9rem; min-height: 1.2em; margin: .15rem 0 0; }
button, .button { font: inherit; background: var(--blue); color: #fff; border: 0; border-radius: 4px; padding: .55rem 1.1rem; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary { background: #fff; color: var(--blue); border: 1px solid var(--blue); }
button.danger { background: var(--bad); }
button:disabled { opacity: .6; cursor: wait; }
.banner { padding: .75rem 1rem; border-radius: 6px; margin: 0 0 1rem; }
.banner.error { background: #fde8e8; color: var(--bad); border: 1px solid #f5b5b5; }
.banner.ok { background: #e6f4ea; color: var(--ok); border: 1px solid #a8d5b5; }
.banner.notice { background: #e8f0fa; color: var(--ink); border: 1px solid #b6cbe6; }
.notices { background: #fff8e1; border: 1px solid #f0d48a; border-radius: 6px; padding: .5rem 1rem; margin: 0 0 1rem; }
.notices h2 { margin-top: .25rem; }
.meta { color: var(--muted); margin: 0 0 .4rem; }
.tag { display: inline-block; font-size: .8rem; font-weight: 600; padding: .05rem .45rem; border-radius: 3px; background: #e3e8ef; color: var(--ink); }
.tag-sms { background: #dbeafe; } .tag-email { background: #fef3c7; } .tag-letter { background: #e0e7ff; }
pre { white-space: pre-wrap; font: inherit; margin: .3rem 0; }
table { width: 100%; border-collapse: collapse; background: #fff; }
th, td { text-align: left; padding: .5rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
ol.steps { padding-left: 1.2rem; } ol.steps li.done { color: var(--ok); } ol.steps li.current { font-weight: 600; }
.empty { color: var(--muted); font-style: italic; }
.pin { font: 600 2rem/1.2 ui-monospace, "Courier New", monospace; letter-spacing: .35em; background: #fff; border: 2px dashed var(--blue); padding: .6rem 1rem; display: inline-block; }
.pin .group + .group { margin-left: .8em; }
kbd { border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 3px; padding: 0 .3em; font: .85em ui-monospace, monospace; background: #fff; }
/* The console's queue beside the task it opened, on a desk's wide screen: no scrolling between them. */
main:has(.split) { max-width: 96rem; }
.check { display: flex; gap: .5rem; align-items: center; align-self: end; } .check label { margin: 0; font-weight: normal; }
.check input { width: auto; flex: none; margin: 0; } .filters > .check { min-width: 0; }
.split { display: grid; gap: 1rem; align-items: start; } .split-queue { overflow-x: auto; } .split #detail > h2:first-child { margin-top: 0; }
/* Beside an open task the queue is set tighter, so that on a laptop its state and its buttons stay in view. */
@media (min-width: 1100px) { .split:has(#detail:not([hidden])) { grid-template-columns: minmax(0, 5fr) minmax(0, 4fr); } .split #detail { position: sticky; top: .5rem; max-height: calc(100vh - 1rem); overflow: auto; }
.split:has(#detail:not([hidden])) .queue { font-size: .875rem; } .split:has(#detail:not([hidden])) .queue :is(th, td) { padding: .5rem .35rem; } .split:has(#detail:not([hidden])) .queue button { padding: .35rem .6rem; } }
.spelled { font-size: 1.1rem; margin: .5rem 0; } .spelled li { margin: .2rem 0; }
ul.services { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: .75rem; }
ul.services li { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; }
nav.top { margin-left: auto; display: flex; gap: 1rem; } nav.top a, nav.top button { color: #fff; background: none; border: 0; padding: 0; font: inherit; text-decoration: underline; cursor: pointer; }
.documents { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; margin-top: 1rem; }
.documents figure { margin: 0; } .documents iframe, .documents img { width: 100%; height: 32rem; border: 1px solid var(--line); object-fit: contain; background: #fff; }
.tag.escalated { background: #fde8e8; color: var(--bad); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
nav.tabs { display: flex; gap: .25rem; border-bottom: 2px solid var(--blue); margin: .5rem 0 1rem; }
.tab-row { display: flex; flex-wrap: wrap; align-items: end; gap: .25rem 1rem; border-bottom: 2px solid var(--blue); margin: .5rem 0 1rem; }
.tab-row nav.tabs { border-bottom: 0; margin: 0; } .tab-row .signed-in { margin: 0 0 .25rem auto; } .signed-in button { padding: .25rem .75rem; }
nav.tabs button { background: #fff; color: var(--blue); border: 1px solid var(--line); border-bottom: 0; border-radius: 4px 4px 0 0; }
nav.tabs button[aria-selected="true"] { background: var(--blue); color: #fff; }
.filters { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: end; margin: 0 0 1rem; }
.filters > div { min-width: 12rem; } .filters .actions { min-width: 0; }
tr.differs { background: #fff5e6; } td.overdue { color: var(--bad); font-weight: 600; }
:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
code { font: .9rem ui-monospace, monospace; }
@media print { header.top, nav, form, .no-print, main > h1, main > .intro { display: none !important; } body { background: #fff; } .sheet { box-shadow: none; border: 0; } }
.sheet-head { border-bottom: 2px solid var(--blue); padding-bottom: .4rem; color: var(--blue); }
.receipt { margin-top: 2rem; border-top: 1px dashed var(--line); padding-top: 1rem; }
`;

/**
 * The warning a signed-in page shows before its session ends for want of use, with the one action that puts it off
 * (services/shared/browser/session-keeper.ts fills in the time and shows it).
 */
export const sessionWarning = (say: Say) =>
  `<div id="session-warning" class="banner notice" role="alertdialog" aria-labelledby="session-warning-text" hidden><p id="session-warning-text">${say('Da qualche minuto la pagina non viene usata: per sicurezza, la sessione terminerà alle <span data-session-end></span>.', 'This page has not been used for a while: for your security, the session will end at <span data-session-end></span>.')}</p><button type="button" id="session-continue">${say('Resta collegato', 'Stay signed in')}</button></div>`;

/** Where a signed-in page's session is looked at, and where its holder signs in again once it has ended. */
export interface SessionKeeping {
  lookUrl: string;
  signInUrl: string;
}
/** Where the script of a server-rendered signed-in page is served (services/shared/browser/signed-in-page.ts). */
export const SIGNED_IN_PAGE_SCRIPT_PATH = '/assets/signed-in-page.js';

/**
 * What a server-rendered signed-in page adds to keep its session: the warning before it ends for want of use, the
 * notice that hides the work once it has, and the script that does both (nothing without a session to keep).
 */
export function sessionKeeping(say: Say, keeping: SessionKeeping | undefined) {
  if (!keeping) return { bodyAttributes: '', top: '', scripts: [] };
  const notice = `<div id="session-ended" class="banner notice" role="alert" tabindex="-1" hidden>${say('La Sua sessione è terminata, perché per un po’ la pagina non è stata usata. ', 'Your session has ended, as the page was not used for a while. ')}<a href="${escapeHtml(keeping.signInUrl)}" target="_blank" rel="noopener">${say('Acceda di nuovo in una nuova scheda', 'Sign in again in a new tab')}</a>${say(': tornando qui, ritroverà la pagina.', ': back here, you will find the page again.')}</div>`;
  return {
    bodyAttributes: ` data-session-look="${escapeHtml(keeping.lookUrl)}"`,
    top: `${sessionWarning(say)}${notice}`,
    scripts: [SIGNED_IN_PAGE_SCRIPT_PATH],
  };
}

/** Where the scripts every page may use are served: the Content-Security-Policy runs no inline script. */
export const PRINT_SCRIPT_PATH = '/assets/print.js';
/** Any button marked `data-print` prints the page (the handover sheet, the new PIN). */
export const PRINT_SCRIPT = `document.querySelectorAll('[data-print]').forEach(function (b) {
  b.addEventListener('click', function () { window.print(); });
});
`;

/**
 * The document around a screen: language, viewport, title, and a refresh for the developer's outbox. Citizen pages
 * never refresh themselves (a screen reader would lose its place, WCAG 2.2.1): they offer a refresh button.
 */
export function htmlDocument(opts: {
  lang: string;
  title: string;
  head: string;
  body: string;
  refreshSeconds?: number;
  /** Same-origin scripts the page runs, after it is parsed. */
  scripts?: readonly string[];
  /** Attributes of `<body>`, already escaped. */
  bodyAttributes?: string;
}): string {
  return `<!doctype html>
<html lang="${opts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${opts.refreshSeconds ? `<meta http-equiv="refresh" content="${opts.refreshSeconds}">` : ''}
<title>${escapeHtml(opts.title)}</title>
${opts.head}
${[PRINT_SCRIPT_PATH, ...(opts.scripts ?? [])].map((src) => `<script src="${src}" defer></script>`).join('\n')}
</head>
<body${opts.bodyAttributes ?? ''}>
${opts.body}
</body>
</html>`;
}

/**
 * A staff screen (the consoles, the office desk): in Italian, or in English for those who choose it (the same switch as
 * the citizen site's, services/shared/i18n.ts). A screen showing something once, such as a PIN to hand over, has no
 * switch: following it would lose what is shown.
 */
export function page(opts: {
  lang?: Lang;
  title: string;
  heading: string;
  intro?: string;
  body: string;
  refreshSeconds?: number;
  scripts?: readonly string[];
  /** The header's links, besides the language switch. */
  nav?: readonly (readonly [href: string, label: string])[];
  languageSwitch?: boolean;
  /** A signed-in page's session, kept while the page is open. */
  session?: SessionKeeping;
}): string {
  const lang = opts.lang ?? 'en';
  const say = sayIn(lang);
  const keeping = sessionKeeping(say, opts.session);
  const links = (opts.nav ?? []).map(([href, label]) => `<a href="${href}">${escapeHtml(label)}</a>`);
  if (opts.lang && opts.languageSwitch !== false)
    links.push(
      lang === 'it'
        ? '<a href="?lang=en" lang="en" hreflang="en">English</a>'
        : '<a href="?lang=it" lang="it" hreflang="it">Italiano</a>',
    );
  const nav = links.length ? `<nav class="top" aria-label="${say('Menu', 'Menu')}">${links.join('')}</nav>` : '';
  return htmlDocument({
    lang,
    title: `${opts.title} · INPS PIN`,
    refreshSeconds: opts.refreshSeconds,
    scripts: [...(opts.scripts ?? []), ...keeping.scripts],
    bodyAttributes: keeping.bodyAttributes,
    head: `<style>${STYLE}</style>`,
    body: `<header class="top"><strong>INPS</strong><span>${say('Servizio PIN', 'PIN credential service')}</span>${nav}</header>
<main>
${keeping.top}
<h1>${escapeHtml(opts.heading)}</h1>
${opts.intro ? `<p class="intro">${opts.intro}</p>` : ''}
${opts.body}
</main>`,
  });
}

/** A phone number a page gives: one tap calls it on a phone. */
export const callLink = (number: PhoneNumber) => `<a href="tel:${number.dialled}">${number.shown}</a>`;
