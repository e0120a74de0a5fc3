// The phone PIN screens: the ones made so far, with their validity and state; a new one, shown once; revocation.
import { MAX_ACTIVE_PHONE_PINS, type PhonePinValidity } from '../../../domain/phone-pin';
import { contactCenterInShort } from '../../../domain/contact-center';
import { callLink, escapeHtml } from '../../shared/html';
import { sayIn, type Lang } from '../../shared/i18n';
import type { phonePinsOf } from '../phone-pins';
import { citizenPage, stackingTable } from './layout';

type PhonePinView = Awaited<ReturnType<typeof phonePinsOf>>[number];
const when = (lang: Lang, iso: string) =>
  new Date(iso).toLocaleString(lang === 'it' ? 'it-IT' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Rome',
  });

const VALIDITY: Record<PhonePinValidity, readonly [it: string, en: string]> = {
  '1_day': ['un giorno', 'one day'],
  '1_week': ['una settimana', 'one week'],
  '1_month': ['un mese', 'one month'],
  '3_months': ['tre mesi', 'three months'],
};

/** Why no new phone PIN was made, in the citizen's language. */
export const tooManyPhonePins = (lang: Lang) =>
  sayIn(lang)(
    `Ha già ${MAX_ACTIVE_PHONE_PINS} PIN telefonici attivi: ne revochi uno che non Le serve più, qui sotto, e poi ne crei uno nuovo.`,
    `You already have ${MAX_ACTIVE_PHONE_PINS} active phone PINs: revoke one you no longer need, below, then make a new one.`,
  );

export function phonePinsPage(
  lang: Lang,
  pins: PhonePinView[],
  opts: { created?: { pin: string; expiresAt: string }; error?: string } = {},
) {
  const say = sayIn(lang);
  const error = opts.error
    ? `<section class="card error" role="alert" tabindex="-1"><p>${escapeHtml(opts.error)}</p></section>`
    : '';
  const status = {
    active: say('Attivo', 'Active'),
    expired: say('Scaduto', 'Expired'),
    revoked: say('Revocato', 'Revoked'),
  };
  const created = opts.created
    ? `<section class="card" aria-live="polite"><p>${say('Il Suo PIN telefonico, valido fino al', 'Your phone PIN, valid until')} ${when(lang, opts.created.expiresAt)}:</p>
<p class="pin" id="phone-pin">${escapeHtml(opts.created.pin)}</p>
<p><strong>${say('Lo annoti ora: viene mostrato solo questa volta.', 'Note it now: it is shown only this once.')}</strong> ${say(`Quando chiama il contact center, ${contactCenterInShort(callLink).it}, l’operatore Le chiede il codice fiscale e questo PIN.`, `When you call the contact center, ${contactCenterInShort(callLink).en}, the operator asks for your codice fiscale and this PIN.`)}</p></section>`
    : '';
  const rows = pins.length
    ? stackingTable({
        id: 'phone-pins',
        columns: [
          say('Creato il', 'Made on'),
          say('Validità', 'Valid'),
          say('Fino al', 'Until'),
          say('Stato', 'State'),
          '',
        ],
        rows: pins.map((p) => ({
          attrs: `data-phone-pin="${escapeHtml(p.phonePinId)}" data-status="${p.status}"`,
          cells: [
            when(lang, p.createdAt),
            say(...VALIDITY[p.validity as PhonePinValidity]),
            when(lang, p.expiresAt),
            status[p.status],
            p.status === 'active'
              ? `<form method="post" action="/phone-pins/${escapeHtml(p.phonePinId)}/revocation"><button class="secondary" type="submit">${say('Revoca', 'Revoke')}</button></form>`
              : '',
          ],
        })),
      })
    : `<p class="empty">${say('Non ha ancora un PIN telefonico.', 'You have no phone PIN yet.')}</p>`;
  return citizenPage(lang, {
    title: say('PIN telefonico', 'Phone PIN'),
    heading: say('PIN telefonico', 'Phone PIN'),
    intro: say(
      'Un PIN temporaneo che La identifica quando chiama il contact center INPS. Funziona solo al telefono.',
      'A temporary PIN that identifies you when you call the INPS contact center. It works only on the phone.',
    ),
    nav: 'signedIn',
    body: `${error}${created}
<form method="post" action="/phone-pins" class="card">
<div class="grid"><div><label for="validity">${say('Valido per', 'Valid for')}</label><select id="validity" name="validity">${(
      Object.keys(VALIDITY) as PhonePinValidity[]
    )
      .map((value) => `<option value="${value}">${say(...VALIDITY[value])}</option>`)
      .join('')}</select></div></div>
<p><button type="submit">${say('Crea un PIN telefonico', 'Make a phone PIN')}</button></p>
</form>
<h2>${say('I Suoi PIN telefonici', 'Your phone PINs')}</h2>${rows}
<p><a href="/home">${say('Torna ai Suoi servizi', 'Back to your services')}</a></p>`,
  });
}
