// The phone PIN screens: the ones made so far, with their validity and state; a new one, shown once; revocation.
import { PHONE_PIN_VALIDITIES } from '../../../domain/phone-pin';
import { escapeHtml, page } from '../../shared/html';
import type { phonePinsOf } from '../phone-pins';
import { signedInNav } from './nav';

type PhonePinView = Awaited<ReturnType<typeof phonePinsOf>>[number];
const when = (iso: string) =>
  new Date(iso).toLocaleString('it-IT', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Rome' });
const STATUS = { active: 'Active', expired: 'Expired', revoked: 'Revoked' } as const;

export function phonePinsPage(pins: PhonePinView[], opts: { created?: { pin: string; expiresAt: string } } = {}) {
  const created = opts.created
    ? `<section class="card" aria-live="polite"><p>Your phone PIN, valid until ${when(opts.created.expiresAt)}:</p>
<p class="pin" id="phone-pin">${escapeHtml(opts.created.pin)}</p>
<p><strong>Note it now: it is shown only this once.</strong> When you call 803 164 the operator asks for your codice fiscale and this PIN.</p></section>`
    : '';
  const rows = pins.length
    ? `<table id="phone-pins"><thead><tr><th>Made on</th><th>Valid</th><th>Until</th><th>State</th><th></th></tr></thead><tbody>${pins
        .map(
          (p) =>
            `<tr data-phone-pin="${escapeHtml(p.phonePinId)}" data-status="${p.status}"><td>${when(p.createdAt)}</td><td>${escapeHtml(p.validityLabel)}</td><td>${when(p.expiresAt)}</td><td>${STATUS[p.status]}</td><td>${
              p.status === 'active'
                ? `<form method="post" action="/phone-pins/${escapeHtml(p.phonePinId)}/revocation"><button class="secondary" type="submit">Revoke</button></form>`
                : ''
            }</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="empty">You have no phone PIN yet.</p>';
  return page({
    title: 'PIN telefonico',
    heading: 'Phone PIN',
    intro: 'A temporary PIN that identifies you when you call the INPS contact center. It works only on the phone.',
    nav: signedInNav,
    body: `${created}
<form method="post" action="/phone-pins" class="card">
<div class="grid"><div><label for="validity">Valid for</label><select id="validity" name="validity">${Object.entries(
      PHONE_PIN_VALIDITIES,
    )
      .map(([value, v]) => `<option value="${value}">${v.label}</option>`)
      .join('')}</select></div></div>
<p><button type="submit">Make a phone PIN</button></p>
</form>
<h2>Your phone PINs</h2>${rows}
<p><a href="/home">Back to your services</a></p>`,
  });
}
