// The citizen's screens: the online PIN request form and the page that shows where a request stands.
import { LIVE_PIN_REQUEST_STATUSES, type PinRequestStatus } from '../../../infra/db/schema';
import { escapeHtml, formField, page } from '../../shared/html';
import type { pinRequestView } from '../routes/pin-requests';
import { publicNav } from './nav';

const field = (name: string, label: string, attrs = '', hint = '') => formField({ name, label, attrs, hint });

// Posts the form as JSON and marks every field the API names; on success, goes to the status page.
const FORM_SCRIPT = `
const form = document.getElementById('pin-request');
const banner = document.getElementById('banner');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = Object.fromEntries(new FormData(form));
  const body = {
    fiscalCode: data.fiscalCode, firstName: data.firstName, lastName: data.lastName, birthDate: data.birthDate,
    sex: data.sex, birthPlace: data.birthPlace, birthProvince: data.birthProvince,
    residence: { street: data.street, city: data.city, province: data.province, postalCode: data.postalCode },
    phone: data.phone, email: data.email, deliveryChannel: data.deliveryChannel,
  };
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
  banner.hidden = true;
  const button = form.querySelector('button'); button.disabled = true;
  try {
    const res = await fetch('/api/pin-requests', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = await res.json();
    if (res.ok) { location.href = json.statusPage + (json.existing ? '?existing=1' : ''); return; }
    banner.textContent = json.error.message; banner.hidden = false;
    const LINK_TEXT = { lostPin: 'Ask for a new PIN (lost PIN)', signIn: 'Sign in', spid: 'Sign in with SPID or CIE' };
    for (const [key, href] of Object.entries(json.error.links || {})) {
      const a = document.createElement('a'); a.href = href; a.textContent = LINK_TEXT[key] || href;
      banner.append(' ', a);
    }
    for (const [path, message] of Object.entries(json.error.fields || {})) {
      const name = path.replace(/^residence\\./, '');
      const input = form.elements[name];
      const err = document.getElementById(name + '-error');
      if (input && input.setAttribute) input.setAttribute('aria-invalid', 'true');
      if (err) err.textContent = message;
    }
    const first = form.querySelector('[aria-invalid="true"]'); if (first) first.focus();
  } catch (e) {
    banner.textContent = 'The service could not be reached. Please try again.'; banner.hidden = false;
  } finally { button.disabled = false; }
});`;

export function requestFormPage(): string {
  return page({
    title: 'Request a PIN',
    heading: 'Request your INPS PIN',
    intro:
      'The PIN arrives in two halves: the first 8 characters by SMS or email, the other 8 by letter to your residence address. All fields are required.',
    body: `<section class="card" id="use-spid"><h2>Will you use SPID, CIE or CNS?</h2>
<p>Then you need no PIN: they open the same services, at once. <a class="button secondary" href="/login/spid?with=spid2">I will use SPID</a> <a class="button secondary" href="/login/spid?with=cie">I will use CIE</a></p></section>
<div id="banner" class="banner error" role="alert" hidden></div>
<form id="pin-request" novalidate>
<fieldset><legend>Who you are</legend><div class="grid">
${field('fiscalCode', 'Codice fiscale', 'autocomplete="off" maxlength="16" style="text-transform:uppercase"', '16 characters')}
${field('firstName', 'First name', 'autocomplete="given-name"')}
${field('lastName', 'Last name', 'autocomplete="family-name"')}
${field('birthDate', 'Birth date', 'type="date" autocomplete="bday"')}
<div><label for="sex">Sex</label><select id="sex" name="sex" aria-describedby="sex-error"><option value="">Choose…</option><option value="F">F</option><option value="M">M</option></select><p class="field-error" id="sex-error" role="alert"></p></div>
${field('birthPlace', 'Birthplace', '', 'comune, or country if born abroad')}
${field('birthProvince', 'Birth province', 'maxlength="2" style="text-transform:uppercase"', 'e.g. RM; EE if born abroad')}
</div></fieldset>
<fieldset><legend>Residence address</legend><div class="grid">
${field('street', 'Street and number', 'autocomplete="street-address"')}
${field('city', 'Comune of residence', 'autocomplete="address-level2"')}
${field('province', 'Province of residence', 'maxlength="2" style="text-transform:uppercase"', 'e.g. MI')}
${field('postalCode', 'Postal code (CAP)', 'inputmode="numeric" maxlength="5" autocomplete="postal-code"')}
</div></fieldset>
<fieldset><legend>How we reach you</legend><div class="grid">
${field('phone', 'Mobile phone', 'type="tel" autocomplete="tel"', 'e.g. +39 333 1234567')}
${field('email', 'Email', 'type="email" autocomplete="email"')}
<div><label for="deliveryChannel">Send the first 8 characters by</label><select id="deliveryChannel" name="deliveryChannel" aria-describedby="deliveryChannel-error"><option value="sms">SMS</option><option value="email">Email</option></select><p class="field-error" id="deliveryChannel-error" role="alert"></p></div>
</div></fieldset>
<button type="submit">Request the PIN</button>
</form>`,
    script: FORM_SCRIPT,
    nav: publicNav,
  });
}

const STEPS: Array<{ label: string; statuses: PinRequestStatus[] }> = [
  { label: 'Request received', statuses: ['received'] },
  { label: 'Data checked', statuses: ['validating', 'awaiting_verification_call', 'verification_call_scheduled'] },
  { label: 'PIN sent', statuses: ['delivering', 'delivered'] },
];

export function requestStatusPage(view: ReturnType<typeof pinRequestView>, existing: boolean): string {
  const current = STEPS.findIndex((s) => s.statuses.includes(view.status));
  const steps =
    view.status === 'rejected'
      ? ''
      : `<ol class="steps">${STEPS.map(
          (s, i) =>
            `<li class="${i < current || view.status === 'delivered' ? 'done' : i === current ? 'current' : ''}">${s.label}</li>`,
        ).join('')}</ol>`;
  const live = (LIVE_PIN_REQUEST_STATUSES as readonly string[]).includes(view.status);
  return page({
    title: 'Your PIN request',
    heading: 'Your PIN request',
    intro: `Request number <code>${escapeHtml(view.requestId)}</code>. Keep this page's address to come back to it.`,
    refreshSeconds: live ? 5 : undefined,
    nav: publicNav,
    body: `${existing ? '<div class="banner ok">You already had a request in progress: this is it. No second request was made.</div>' : ''}
<section class="card" aria-live="polite">
<p class="meta">Status: <span class="tag" data-status="${escapeHtml(view.status)}">${escapeHtml(view.status.replace(/_/g, ' '))}</span></p>
<h2>${escapeHtml(view.title)}</h2>
<p>${escapeHtml(view.detail)}</p>
${steps}
<p class="meta">Submitted ${escapeHtml(new Date(view.submittedAt).toLocaleString('it-IT'))} · last change ${escapeHtml(new Date(view.updatedAt).toLocaleString('it-IT'))}</p>
</section>
${view.status === 'delivered' ? `<p>Once you have both halves, <a href="/login">sign in with the 16 characters</a>: you will get your personal 8-character PIN straight away.</p>` : ''}
<p><a href="/">Back to the request form</a></p>`,
  });
}
