// The citizen site's page frame, in the Italian public administration's design system (Bootstrap Italia, served
// from the npm package): the slim institutional bar with the language switch, the header with the service's name and
// navigation, the footer with the contact center's numbers. Plain server-rendered HTML that works without JavaScript.
import { callLink, escapeHtml, htmlDocument, sessionKeeping, STYLE } from '../../shared/html';
import { sayIn, type Lang } from '../../shared/i18n';
import { contactCenterInFull } from '../../../domain/contact-center';

export const BOOTSTRAP_ITALIA_PATH = '/assets/bootstrap-italia';

/** Titillium Web, the design system's typeface, from the package's own font files (its CSS leaves loading to JS). */
const FONTS = [300, 400, 600, 700]
  .map(
    (weight) =>
      `@font-face{font-family:"Titillium Web";font-style:normal;font-weight:${weight};font-display:swap;src:url(${BOOTSTRAP_ITALIA_PATH}/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-${weight === 400 ? 'regular' : weight}.woff2) format("woff2")}`,
  )
  .join('');

/** Our components, tuned to the design system's colours and type, on top of its stylesheet. */
const CITIZEN_STYLE = `${FONTS}
:root { --blue: #0066cc; --ink: #1a1a1a; --muted: #5d7083; --line: #d9dadb; --bg: #fff; }
body { font-family: "Titillium Web", Geneva, Tahoma, sans-serif; font-size: 18px; background: #fff; }
main { max-width: 60rem; }
h1 { font-size: 2.2rem; font-weight: 700; margin-bottom: .75rem; }
h2 { font-size: 1.5rem; font-weight: 600; }
.card { display: block; border-radius: 4px; box-shadow: 0 2px 20px rgba(0,0,0,.08); border: 0; }
/* Bootstrap Italia puts a 48 px spacer under every card's last line; ours have their own padding. */
.card::after { display: none; }
fieldset { box-shadow: 0 2px 20px rgba(0,0,0,.05); border: 0; }
legend { float: none; width: auto; font-size: 1.1rem; color: var(--blue); }
label { font-weight: 600; font-size: 1rem; color: #17324d; }
input, select, textarea { border: 0; border-bottom: 1px solid #5d7083; border-radius: 0; height: auto; }
input:focus, select:focus, textarea:focus { border-bottom-color: var(--blue); }
button, .button { font-weight: 600; padding: .6rem 1.5rem; }
button:hover, .button:hover { background: #0052a3; color: #fff; }
button.secondary:hover, .button.secondary:hover { background: #e6f0fa; color: var(--blue); }
.button.secondary { background: #fff; color: var(--blue); box-shadow: inset 0 0 0 2px var(--blue); }
.it-header-slim-wrapper .lang a { color: #fff; text-decoration: none; padding: 0 .4rem; font-weight: 600; }
.it-header-slim-wrapper .lang a[aria-current="true"] { text-decoration: underline; }
.it-header-center-wrapper nav.top a, .it-header-center-wrapper nav.top button { color: #fff; font-weight: 600; font-size: 1rem; }
.it-brand-title { font-size: 1.6rem; } .it-brand-tagline { font-size: .95rem; }
.it-footer-main { padding: 1.5rem 0; } .it-footer-main a { color: #fff; }
.spid-access { display: inline-block; vertical-align: top; margin: 0 .5rem .5rem 0; }
.spid-access summary { list-style: none; cursor: pointer; } .spid-access summary::-webkit-details-marker { display: none; }
.spid-access ul { list-style: none; padding: 0; margin: .5rem 0; border: 1px solid var(--line); border-radius: 4px; max-width: 18rem; }
.spid-access li a { display: block; padding: .4rem .75rem; border-bottom: 1px solid var(--line); }
.footer-links { list-style: none; padding: 0; margin: 1rem 0 0; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; }
#error-summary ul { margin: .5rem 0 0; padding-left: 1.2rem; } #error-summary a { color: var(--bad); font-weight: 600; }
#error-summary:focus { outline: 3px solid #ff9900; outline-offset: 2px; }
/* A phone (AgID's smallest breakpoint): the header's parts stacked, not squeezed over one another; a table's rows
   become cards, each value under its column's name, so that no page scrolls sideways. */
@media (max-width: 575.98px) {
  .it-header-slim-wrapper-content { flex-wrap: wrap; gap: 0 .75rem; }
  .it-header-slim-wrapper .navbar-brand { white-space: normal; font-size: .85rem; }
  .it-header-center-wrapper { height: auto; padding: .75rem 0; }
  .it-header-center-content-wrapper { flex-wrap: wrap; gap: .5rem; }
  .it-brand-title { font-size: 1.3rem; } .it-brand-tagline { display: none; }
  .it-header-center-wrapper .it-right-zone { width: 100%; }
  .it-header-center-wrapper nav.top { display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.stack tr { border: 1px solid var(--line); border-radius: 4px; margin-bottom: .75rem; padding: .5rem .75rem; }
  table.stack td { border: 0; padding: .2rem 0; overflow-wrap: anywhere; }
  table.stack td[data-label]:not([data-label=""])::before { content: attr(data-label); display: block; font-size: .85rem; font-weight: 600; color: var(--muted); }
}
`;

/**
 * The SPID identity providers accredited by AgID, in the order of its "Entra con SPID" button. The product has one
 * OpenID Connect relying party (services/citizen/spid.ts) and one provider (the SPID / CIE gateway): the choice goes to
 * it as `idp_hint`, so the citizen is not asked again; in development, to the stand-in, which shows it.
 */
export const SPID_IDENTITY_PROVIDERS = [
  'Aruba ID',
  'Etna ID',
  'InfoCamere ID',
  'InfoCert ID',
  'Intesa ID',
  'Lepida ID',
  'Namirial ID',
  'Poste ID',
  'Sielte ID',
  'SPIDItalia Register.it',
  'TeamSystem ID',
  'TIM ID',
] as const;

/**
 * The way in that replaces the PIN, drawn as AgID's guidelines draw it: "Entra con SPID" opens the list of identity
 * providers with AgID's three links; CIE and CNS beside it. A disclosure, so it works without JavaScript.
 */
export function signInWithIdentityButtons(lang: Lang, cnsSignInUrl: string): string {
  const say = sayIn(lang);
  const providers = SPID_IDENTITY_PROVIDERS.map(
    (name) => `<li><a href="/login/spid?with=spid2&amp;idp=${encodeURIComponent(name)}">${escapeHtml(name)}</a></li>`,
  ).join('');
  return `<div class="identity-buttons"><details class="spid-access"><summary class="button">Entra con SPID</summary>
<ul aria-label="${say('Gestori di identità SPID', 'SPID identity providers')}">${providers}</ul>
<p class="meta"><a href="https://www.spid.gov.it">${say('Maggiori informazioni', 'More information')}</a> · <a href="https://www.spid.gov.it/cos-e-spid/come-attivare-spid/">${say('Non hai SPID?', 'No SPID?')}</a> · <a href="https://www.spid.gov.it/serve-aiuto">${say('Serve aiuto?', 'Need help?')}</a></p></details>
<a class="button secondary" href="/login/spid?with=cie">Entra con CIE</a> <a class="button secondary" href="${escapeHtml(cnsSignInUrl)}">Entra con CNS</a></div>`;
}

/** A form's field as the error summary names it: its id and its label. */
export interface LabelledField {
  name: string;
  label: string;
}

/**
 * What was wrong with a refused form, at its top (the pattern of Designers Italia and GOV.UK): the general message,
 * then each field's own, in the form's order, each a link to its field; focused as the page opens, so a screen reader
 * reads it first and the keyboard starts from it. Nothing when nothing was wrong.
 */
export function errorSummary(
  lang: Lang,
  opts: { message?: string; links?: string; fields: LabelledField[]; errors?: Record<string, string> },
): string {
  const say = sayIn(lang);
  const wrong = opts.fields.filter((f) => opts.errors?.[f.name]);
  if (!opts.message && !wrong.length) return '';
  const count =
    wrong.length === 1
      ? say('Il modulo ha un errore da correggere.', 'The form has one error to correct.')
      : say(`Il modulo ha ${wrong.length} errori da correggere.`, `The form has ${wrong.length} errors to correct.`);
  const list = wrong.length
    ? `<ul>${wrong.map((f) => `<li><a href="#${f.name}">${f.label}: ${escapeHtml(opts.errors![f.name]!)}</a></li>`).join('')}</ul>`
    : '';
  return `<div id="error-summary" class="banner error" role="alert" tabindex="-1" autofocus>
<p><strong>${opts.message ? escapeHtml(opts.message) : count}</strong>${opts.links ?? ''}</p>${opts.message && wrong.length ? `<p>${count}</p>` : ''}${list}</div>`;
}

/**
 * A table of the citizen's things (applications, phone PINs) that a phone shows as cards: each cell carries its
 * column's name, which the narrow layout writes above the value. Cells are HTML already escaped by the caller.
 */
export function stackingTable(table: {
  id: string;
  columns: string[];
  rows: { attrs: string; cells: string[] }[];
}): string {
  const head = table.columns.map((c) => `<th scope="col">${c}</th>`).join('');
  const body = table.rows
    .map(
      (row) =>
        `<tr ${row.attrs}>${row.cells.map((cell, i) => `<td data-label="${escapeHtml(table.columns[i] ?? '')}">${cell}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table id="${table.id}" class="stack"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The pages every PA site links from its footer (views/site-pages.ts): path, and the link's words. */
export const SITE_PAGES = [
  { path: '/accessibilita', it: 'Dichiarazione di accessibilità', en: 'Accessibility statement' },
  { path: '/privacy', it: 'Informativa privacy', en: 'Privacy notice' },
  { path: '/note-legali', it: 'Note legali', en: 'Legal notes' },
  { path: '/aiuto', it: 'Aiuto e contatti', en: 'Help and contacts' },
] as const;

export type CitizenNav = 'public' | 'signedIn';

function navLinks(lang: Lang, nav: CitizenNav): string {
  const say = sayIn(lang);
  return nav === 'public'
    ? `<nav class="top" aria-label="${say('Menu principale', 'Main')}"><a href="/login">${say('Accedi', 'Sign in')}</a><a href="/">${say('Richiedi il PIN', 'Request a PIN')}</a><a href="/lost-pin">${say('PIN smarrito', 'Lost PIN')}</a></nav>`
    : `<nav class="top" aria-label="${say('Il mio profilo', 'Account')}"><a href="/home">${say('I miei servizi', 'Home')}</a><form method="post" action="/logout" style="display:inline"><button type="submit">${say('Esci', 'Sign out')}</button></form></nav>`;
}

export function citizenPage(
  lang: Lang,
  opts: {
    title: string;
    heading: string;
    intro?: string;
    body: string;
    nav: CitizenNav;
    /** What the page's address must keep when the language changes (a status link's token). */
    query?: Record<string, string>;
  },
): string {
  const say = sayIn(lang);
  // The personal area's pages keep their session while open (CITIZEN_SESSION_MINUTES).
  const keeping = sessionKeeping(
    say,
    opts.nav === 'public' ? undefined : { lookUrl: '/api/session', signInUrl: '/login' },
  );
  const inLang = (l: Lang) => escapeHtml(`?${new URLSearchParams({ ...opts.query, lang: l })}`);
  return htmlDocument({
    lang,
    title: `${opts.title} · PIN INPS`,
    scripts: keeping.scripts,
    bodyAttributes: keeping.bodyAttributes,
    head: `<link rel="stylesheet" href="${BOOTSTRAP_ITALIA_PATH}/css/bootstrap-italia.min.css">
<style>${STYLE}${CITIZEN_STYLE}</style>`,
    body: `<a class="visually-hidden-focusable" href="#content">${say('Vai al contenuto', 'Skip to content')}</a>
<header class="it-header-wrapper">
<div class="it-header-slim-wrapper"><div class="container"><div class="it-header-slim-wrapper-content">
<a class="navbar-brand" href="/">INPS · ${say('Istituto Nazionale della Previdenza Sociale', 'Italian Social Security Institute')}</a>
<div class="it-header-slim-right-zone lang"><span class="visually-hidden">${say('Lingua', 'Language')}:</span>
<a href="${inLang('it')}" lang="it" hreflang="it" aria-label="Italiano"${lang === 'it' ? ' aria-current="true"' : ''}>ITA</a>
<a href="${inLang('en')}" lang="en" hreflang="en" aria-label="English"${lang === 'en' ? ' aria-current="true"' : ''}>ENG</a></div>
</div></div></div>
<div class="it-nav-wrapper"><div class="it-header-center-wrapper"><div class="container"><div class="it-header-center-content-wrapper">
<div class="it-brand-wrapper"><a href="/"><div class="it-brand-text"><div class="it-brand-title">${say('PIN INPS', 'INPS PIN')}</div>
<div class="it-brand-tagline">${say('Il codice personale per i servizi online', 'Your personal code for the online services')}</div></div></a></div>
<div class="it-right-zone">${navLinks(lang, opts.nav)}</div>
</div></div></div></div>
</header>
<main id="content" class="container my-4">
${keeping.top}
<h1>${escapeHtml(opts.heading)}</h1>
${opts.intro ? `<p class="intro lead">${opts.intro}</p>` : ''}
${opts.body}
</main>
<footer class="it-footer"><div class="it-footer-main"><div class="container">
<p><strong>INPS</strong> · ${say(`Contact center: ${contactCenterInFull(callLink).it}`, `Contact center: ${contactCenterInFull(callLink).en}`)}</p>
<p>${say('Con SPID, CIE o CNS accede agli stessi servizi senza PIN.', 'With SPID, CIE or CNS you reach the same services without a PIN.')} <a href="/login/spid?with=spid2">${say('Entra con SPID', 'Sign in with SPID')}</a></p>
<nav aria-label="${say('Informazioni sul sito', 'About this site')}"><ul class="footer-links">${SITE_PAGES.map((p) => `<li><a href="${p.path}">${say(p.it, p.en)}</a></li>`).join('')}</ul></nav>
</div></div></footer>`,
  });
}
