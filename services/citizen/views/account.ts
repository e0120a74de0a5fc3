// The citizen's screens around the PIN: sign in, the guided step that assigns the 8-character PIN, the page that
// shows it once, the home with the services, and the lost-PIN form. Plain forms: no JavaScript needed.
import { HALF_LENGTH, INITIAL_PIN_LENGTH } from '../../../domain/pin';
import { escapeHtml, formField, page } from '../../shared/html';
import type { AccountView } from '../credentials';
import type { ApplicationView, ConversionView } from '../pin-dispositivo';
import { applicationsTable, pinDispositivoBox } from './pin-dispositivo';
import { publicNav, signedInNav } from './nav';

const banner = (message?: string, kind: 'error' | 'ok' = 'error') =>
  message ? `<div class="banner ${kind}" role="alert">${escapeHtml(message)}</div>` : '';

export function signInPage(opts: {
  /** The configured number of wrong PINs before a suspension, said once so people know the rule. */
  maxFailures: number;
  fiscalCode?: string;
  error?: string;
  fields?: Record<string, string>;
  notice?: string;
}): string {
  return page({
    title: 'Sign in',
    heading: 'Sign in to INPS online services',
    intro: `Your codice fiscale and your ${HALF_LENGTH}-character PIN. The first time, use the ${INITIAL_PIN_LENGTH}-character PIN: the ${HALF_LENGTH} characters you received by SMS or email followed by the ${HALF_LENGTH} of the letter.`,
    nav: publicNav,
    body: `${banner(opts.error)}${banner(opts.notice, 'ok')}
<form method="post" action="/login" novalidate class="card">
<div class="grid">
${formField({ name: 'fiscalCode', label: 'Codice fiscale', attrs: 'autocomplete="username" maxlength="16" required style="text-transform:uppercase"', value: opts.fiscalCode, error: opts.fields?.fiscalCode })}
${formField({ name: 'pin', label: 'PIN', attrs: 'type="password" autocomplete="current-password" maxlength="24" required', hint: `${HALF_LENGTH} characters, or ${INITIAL_PIN_LENGTH} the first time`, error: opts.fields?.pin })}
</div>
<p><button type="submit">Sign in</button></p>
<section class="card" id="spid"><h2>Or sign in with SPID or CIE</h2>
<p><a class="button" href="/login/spid?with=spid2">Entra con SPID</a> <a class="button secondary" href="/login/spid?with=cie">Entra con CIE</a></p>
<p class="meta">SPID level 2 by default. <a href="/login/spid?with=spid1">Level 1</a> opens what a PIN ordinario opens; <a href="/login/spid?with=spid3">level 3</a> and CIE what a PIN dispositivo opens.</p></section>
<p class="meta">After ${opts.maxFailures} wrong PINs in a row, sign-in is suspended for a while. Lost your PIN? <a href="/lost-pin">Ask for a new one</a>. No PIN yet? <a href="/">Request one</a>.</p>
</form>`,
  });
}

const STEP_TEXT = {
  first_access: {
    title: 'First access',
    intro: `Welcome. Your ${INITIAL_PIN_LENGTH}-character PIN has done its job: it is now replaced by a personal ${HALF_LENGTH}-character PIN, which you will use from now on.`,
  },
  renewal: {
    title: 'Renew your PIN',
    intro: `Your PIN has expired. You will get a new ${HALF_LENGTH}-character PIN with exactly the same services; nothing else about your account changes.`,
  },
} as const;

export function newPinStepPage(stage: 'first_access' | 'renewal'): string {
  const text = STEP_TEXT[stage];
  return page({
    title: text.title,
    heading: text.title,
    intro: text.intro,
    nav: signedInNav,
    body: `<form method="post" action="${stage === 'first_access' ? '/first-access' : '/renewal'}" class="card">
<p>The new PIN is shown <strong>once</strong>, on the next page. Have a pen ready, or a printer.</p>
<button type="submit">Give me my new PIN</button>
</form>`,
  });
}

export function newPinPage(pin: string, stage: 'first_access' | 'renewal'): string {
  return page({
    title: 'Your new PIN',
    heading: 'Your new PIN',
    nav: signedInNav,
    body: `<section class="card" aria-live="polite">
<p>${stage === 'first_access' ? 'From now on, sign in with this PIN.' : 'Your PIN is renewed. From now on, sign in with this PIN.'}</p>
<p class="pin" id="new-pin">${escapeHtml(pin)}</p>
<p><strong>Print this page or write the PIN down now: it will not be shown again</strong>, and INPS does not keep it in a readable form. Keep it somewhere safe and never give it to anyone; INPS will never ask you for it by phone or email.</p>
<p class="no-print"><button type="button" onclick="window.print()">Print this page</button> <a class="button secondary" href="/home">I have noted it: continue</a></p>
</section>`,
  });
}

/** Filing works with any PIN: with a PIN ordinario the application waits, its filing date kept. */
const applyButton = (s: AccountView['services'][number]) =>
  `<form method="post" action="/applications"><input type="hidden" name="serviceId" value="${escapeHtml(s.id)}"><button type="submit" class="secondary">Apply${s.access === 'needs_pin_dispositivo' ? ' (it waits for your PIN dispositivo)' : ''}</button></form>`;

/** Signed in with SPID or CIE: the temporary phone PIN, and the offer to retire a PIN still held. */
function spidBox(view: AccountView): string {
  const retire = view.pinToRetire
    ? `<section class="card" id="retire-pin"><h2>You still hold an INPS PIN</h2><p>Now that you use SPID or CIE you do not need it any more. Retiring it means nobody can use it again; this cannot be undone.</p>
<form method="post" action="/pin/retirement"><button type="submit" class="danger">Retire my PIN</button></form></section>`
    : '';
  return `${retire}<section class="card" id="phone-pin"><h2>PIN telefonico</h2><p>A temporary PIN that identifies you when you call the contact center (803 164).</p><p><a class="button" href="/phone-pins">Manage phone PINs</a></p></section>`;
}

const KIND_TEXT = { ordinario: 'PIN ordinario', dispositivo: 'PIN dispositivo' } as const;

export function homePage(
  view: AccountView,
  extra: { conversions: ConversionView[]; applications: ApplicationView[]; error?: string },
): string {
  const credential = view.credential;
  const expires = !credential
    ? ''
    : credential.expiresAt
      ? `It expires on ${new Date(credential.expiresAt).toLocaleDateString('it-IT', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Rome' })}; we will remind you by email beforehand, and you renew it simply by signing in.`
      : 'Its expiry date is being set.';
  const how = credential
    ? `${KIND_TEXT[credential.kind]}${credential.holder === 'intermediary' ? ' (institutional intermediary)' : ''}`
    : `signed in with ${view.signedInWith === 'cie' ? 'CIE' : `SPID level ${view.spidLevel}`}, with the rights of a ${KIND_TEXT[view.rights]}`;
  const services = view.services.length
    ? `<ul class="services">${view.services
        .map(
          (s) =>
            `<li data-service="${escapeHtml(s.id)}"><strong>${escapeHtml(s.name)}</strong><br>${escapeHtml(s.description)}${
              s.access === 'needs_pin_dispositivo' ? '<br><span class="tag">needs a PIN dispositivo</span>' : ''
            }${s.needs === 'pin_dispositivo' ? applyButton(s) : ''}</li>`,
        )
        .join('')}</ul>`
    : '<p class="empty">No online services for your profile yet.</p>';
  return page({
    title: 'Your services',
    heading: `Welcome, ${escapeHtml(view.firstName)} ${escapeHtml(view.lastName)}`,
    intro: `Codice fiscale ${escapeHtml(view.fiscalCode)} · ${how}. ${expires}`,
    nav: signedInNav,
    body: `${banner(extra.error)}${credential ? pinDispositivoBox(credential.kind, extra.conversions) : spidBox(view)}<h2>Your services</h2>${services}
<h2 id="applications-heading">Your applications</h2>${applicationsTable(extra.applications)}`,
  });
}

export function lostPinPage(opts: {
  error?: string;
  fiscalCode?: string;
  contactType?: string;
  contact?: string;
  fields?: Record<string, string>;
}): string {
  const email = opts.contactType === 'email';
  const contactError = opts.fields?.phone ?? opts.fields?.email ?? opts.fields?.contact;
  return page({
    title: 'Lost PIN',
    heading: 'Lost your PIN?',
    intro:
      'We send a new PIN the same way as the first one: the first 8 characters to the phone or email you gave INPS, the other 8 by letter to your residence address. Your current PIN keeps working until you first use the new one.',
    nav: publicNav,
    body: `${banner(opts.error)}
<form method="post" action="/lost-pin" novalidate class="card">
<div class="grid">
${formField({ name: 'fiscalCode', label: 'Codice fiscale', attrs: 'autocomplete="username" maxlength="16" required style="text-transform:uppercase"', value: opts.fiscalCode, error: opts.fields?.fiscalCode })}
<div><label for="contactType">Send the first 8 characters to my</label><select id="contactType" name="contactType"><option value="phone"${email ? '' : ' selected'}>mobile phone</option><option value="email"${email ? ' selected' : ''}>email</option></select></div>
${formField({ name: 'contact', label: 'Phone number or email you gave INPS', attrs: 'required autocomplete="off"', value: opts.contact, error: contactError })}
</div>
<p><button type="submit">Send me a new PIN</button></p>
</form>`,
  });
}

export function lostPinSentPage(message: string): string {
  return page({
    title: 'Lost PIN',
    heading: 'Request received',
    nav: publicNav,
    body: `<section class="card"><p>${escapeHtml(message)}</p><p><a href="/login">Back to sign-in</a></p></section>`,
  });
}
