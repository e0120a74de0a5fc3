// The citizen's screens for a new PIN: the request form (a plain form post, re-shown with every error beside its
// field) and the page that shows where a request stands and what happens next.
import { LIVE_PIN_REQUEST_STATUSES, type PinRequestStatus } from '../../../domain/pin-request';
import { contactCenterInShort } from '../../../domain/contact-center';
import { callLink, escapeHtml, formField } from '../../shared/html';
import { fiscalCodeAndContactForm, type FiscalCodeAndContactValues } from './account';
import { fieldMessagesIn, sayIn, timeIn, type Lang, type Say } from '../../shared/i18n';
import type { pinRequestView } from '../routes/pin-requests';
import { citizenPage, errorSummary, signInWithIdentityButtons, type LabelledField } from './layout';
import { describeStatus, letterFromJson } from '../../shared/status-text';

/** What was typed, by the form's own (flat) field names, so a refused form comes back as it was. */
export type RequestFormValues = Partial<Record<string, string>>;

/** The API names residence fields by path (`residence.postalCode`); the form's fields are flat. */
export const formFieldName = (path: string) => path.replace(/^residence\./, '');

/** The SPID era's first question, before any field: only minors and non-EU citizens may still get a PIN. */
export function whoAsksPage(lang: Lang, switchOffDay: string): string {
  const say = sayIn(lang);
  const option = (value: string, label: string) =>
    `<div class="form-check"><input type="radio" id="who-${value}" name="who" value="${value}" required><label for="who-${value}">${label}</label></div>`;
  return citizenPage(lang, {
    title: say('Richiesta PIN', 'Request a PIN'),
    heading: say('Chi può ancora richiedere il PIN', 'Who can still request a PIN'),
    intro: say(
      `Dal ${switchOffDay} l’INPS rilascia nuovi PIN solo a chi non può ottenere SPID. Prima di compilare la richiesta, ci dica se è il Suo caso.`,
      `Since ${switchOffDay} INPS issues new PINs only to people who cannot get SPID. Before you fill in the request, tell us whether that is you.`,
    ),
    nav: 'public',
    body: `<form method="get" action="/" class="card"><fieldset><legend>${say('Lei…', 'You…')}</legend>
${option('minor', say('Ho meno di 18 anni', 'I am under 18'))}
${option('non_eu_citizen', say('Sono cittadino di un Paese non appartenente all’Unione europea', 'I am a citizen of a country outside the European Union'))}
${option('neither', say('Nessuno dei due', 'Neither'))}
</fieldset><p><button type="submit">${say('Continua', 'Continue')}</button></p></form>`,
  });
}

/** An adult EU citizen in the SPID era: no PIN; the ways in that open the same services. */
export function useSpidPage(lang: Lang, switchOffDay: string, cnsSignInUrl: string): string {
  const say = sayIn(lang);
  return citizenPage(lang, {
    title: say('Acceda con SPID, CIE o CNS', 'Sign in with SPID, CIE or CNS'),
    heading: say('Acceda con SPID, CIE o CNS', 'Sign in with SPID, CIE or CNS'),
    intro: say(
      `Dal ${switchOffDay} non serve più un PIN: SPID, la carta d’identità elettronica (CIE) e la carta nazionale dei servizi (CNS) aprono gli stessi servizi dell’INPS.`,
      `Since ${switchOffDay} you no longer need a PIN: SPID, the electronic identity card (CIE) and the national service card (CNS) open the same INPS services.`,
    ),
    nav: 'public',
    body: `<section class="card">${signInWithIdentityButtons(lang, cnsSignInUrl)}<p>${say(
      'Non ha ancora SPID? Può richiederlo gratuitamente a uno dei gestori di identità digitale, anche con la CIE o di persona. Se possiede già un PIN INPS, continua a funzionare: <a href="/login">acceda con il PIN</a>.',
      'No SPID yet? You can get one free of charge from one of the digital identity providers, also with your CIE or in person. If you already hold an INPS PIN, it keeps working: <a href="/login">sign in with the PIN</a>.',
    )}</p><p><a href="/">${say('Torna alla domanda precedente', 'Back to the previous question')}</a></p></section>`,
  });
}

export function requestFormPage(
  lang: Lang,
  opts: {
    /** Where "Entra con CNS" leads: the card's sign-in has an HTTPS address of its own. */
    cnsSignInUrl: string;
    values?: RequestFormValues;
    fields?: Record<string, string>;
    error?: string;
    links?: string;
    /** In the SPID era: who the person said they are, which is why the form is offered. */
    issuedTo?: 'minor' | 'non_eu_citizen';
  },
): string {
  const say = sayIn(lang);
  const errors = fieldMessagesIn(lang, opts.fields) ?? {};
  const labels: LabelledField[] = [];
  const field = (name: string, label: string, attrs = '', hint = '') => {
    labels.push({ name, label });
    return formField({ name, label, attrs, hint, value: opts.values?.[name], error: errors[name] });
  };
  const select = (name: string, label: string, options: [string, string][]) => {
    labels.push({ name, label });
    const error = errors[name];
    return `<div><label for="${name}">${label}</label><select id="${name}" name="${name}" aria-describedby="${name}-error"${error ? ' aria-invalid="true"' : ''}>${options
      .map(
        ([value, text]) =>
          `<option value="${value}"${opts.values?.[name] === value ? ' selected' : ''}>${escapeHtml(text)}</option>`,
      )
      .join(
        '',
      )}</select><p class="field-error" id="${name}-error" role="alert">${error ? escapeHtml(error) : ''}</p></div>`;
  };
  const form = requestForm(say, field, select);
  return citizenPage(lang, {
    title: say('Richiesta PIN', 'Request a PIN'),
    heading: say('Richieda il Suo PIN INPS', 'Request your INPS PIN'),
    intro: say(
      'Il PIN arriva in due parti: i primi 8 caratteri via SMS o email, gli altri 8 per lettera al Suo indirizzo di residenza. Tutti i campi sono obbligatori.',
      'The PIN arrives in two halves: the first 8 characters by SMS or email, the other 8 by letter to your residence address. All fields are required.',
    ),
    nav: 'public',
    body: `${errorSummary(lang, { message: opts.error, links: opts.links, fields: labels, errors })}
${
  opts.issuedTo
    ? `<p class="banner ok">${
        opts.issuedTo === 'minor'
          ? say(
              'Il PIN è rilasciato ai minori di 18 anni, che non possono avere SPID. Indichi i Suoi dati: l’INPS li confronta con quelli in archivio.',
              'The PIN is issued to minors under 18, who cannot get SPID. Give your details: INPS compares them with its records.',
            )
          : say(
              'Il PIN è rilasciato ai cittadini di Paesi non appartenenti all’Unione europea. Indichi i Suoi dati: l’INPS li confronta con quelli in archivio.',
              'The PIN is issued to citizens of countries outside the European Union. Give your details: INPS compares them with its records.',
            )
      }</p>`
    : ''
}
<section class="card" id="use-spid"><h2>${say('Userà SPID, CIE o CNS?', 'Will you use SPID, CIE or CNS?')}</h2>
<p>${say('Allora non Le serve un PIN: aprono gli stessi servizi, subito.', 'Then you need no PIN: they open the same services, at once.')}</p>
${signInWithIdentityButtons(lang, opts.cnsSignInUrl)}</section>
${form}`,
  });
}

/** The request form's fields, in the order a person fills them in. */
function requestForm(
  say: Say,
  field: (name: string, label: string, attrs?: string, hint?: string) => string,
  select: (name: string, label: string, options: [string, string][]) => string,
): string {
  return `<form id="pin-request" method="post" action="/" novalidate>
<fieldset><legend>${say('Chi è', 'Who you are')}</legend><div class="grid">
${field('fiscalCode', 'Codice fiscale', 'autocomplete="off" maxlength="16" style="text-transform:uppercase"', say('16 caratteri', '16 characters'))}
${field('firstName', say('Nome', 'First name'), 'autocomplete="given-name"')}
${field('lastName', say('Cognome', 'Last name'), 'autocomplete="family-name"')}
${field('birthDate', say('Data di nascita', 'Birth date'), 'type="date" autocomplete="bday"')}
${select('sex', say('Sesso', 'Sex'), [
  ['', say('Scegli…', 'Choose…')],
  ['F', 'F'],
  ['M', 'M'],
])}
${field('birthPlace', say('Luogo di nascita', 'Birthplace'), '', say('comune, o Stato se nato all’estero', 'comune, or country if born abroad'))}
${field('birthProvince', say('Provincia di nascita', 'Birth province'), 'maxlength="2" style="text-transform:uppercase"', say('es. RM; EE se nato all’estero', 'e.g. RM; EE if born abroad'))}
</div></fieldset>
<fieldset><legend>${say('Indirizzo di residenza', 'Residence address')}</legend><div class="grid">
${field('street', say('Via e numero civico', 'Street and number'), 'autocomplete="street-address"')}
${field('city', say('Comune di residenza', 'Comune of residence'), 'autocomplete="address-level2"')}
${field('province', say('Provincia di residenza', 'Province of residence'), 'maxlength="2" style="text-transform:uppercase"', say('es. MI', 'e.g. MI'))}
${field('postalCode', say('CAP', 'Postal code (CAP)'), 'inputmode="numeric" maxlength="5" autocomplete="postal-code"', say('codice di avviamento postale', ''))}
</div></fieldset>
<fieldset><legend>${say('Come contattarla', 'How we reach you')}</legend><div class="grid">
${field('phone', say('Cellulare', 'Mobile phone'), 'type="tel" autocomplete="tel"', say('es. +39 333 1234567', 'e.g. +39 333 1234567'))}
${field('email', 'Email', 'type="email" autocomplete="email"')}
${select('deliveryChannel', say('Invia i primi 8 caratteri via', 'Send the first 8 characters by'), [
  ['sms', 'SMS'],
  ['email', 'Email'],
])}
</div></fieldset>
<button type="submit">${say('Richiedi il PIN', 'Request the PIN')}</button>
</form>`;
}

const STEPS: Array<{ it: string; en: string; statuses: PinRequestStatus[] }> = [
  { it: 'Richiesta ricevuta', en: 'Request received', statuses: ['received'] },
  {
    it: 'Dati verificati',
    en: 'Data checked',
    statuses: ['validating', 'awaiting_verification_call', 'verification_call_scheduled'],
  },
  { it: 'PIN inviato', en: 'PIN sent', statuses: ['delivering', 'delivered'] },
];

export function requestStatusPage(
  lang: Lang,
  view: ReturnType<typeof pinRequestView>,
  query?: Record<string, string>,
): string {
  const say = sayIn(lang);
  const text = describeStatus({ ...view, letter: letterFromJson(view.letter) }, lang);
  const current = STEPS.findIndex((s) => s.statuses.includes(view.status));
  const steps =
    view.status === 'rejected'
      ? ''
      : `<ol class="steps">${STEPS.map((s, i) => {
          const state = i < current || view.status === 'delivered' ? 'done' : i === current ? 'current' : '';
          return `<li class="${state}"${state === 'current' ? ' aria-current="step"' : ''}>${say(s.it, s.en)}</li>`;
        }).join('')}</ol>`;
  const live = (LIVE_PIN_REQUEST_STATUSES as readonly string[]).includes(view.status);
  return citizenPage(lang, {
    title: say('La Sua richiesta di PIN', 'Your PIN request'),
    heading: say('La Sua richiesta di PIN', 'Your PIN request'),
    intro: say(
      `Richiesta numero <code>${escapeHtml(view.requestId)}</code>. Il link che Le abbiamo inviato riapre questa pagina: non lo inoltri a nessuno.`,
      `Request number <code>${escapeHtml(view.requestId)}</code>. The link we sent you opens this page again: do not forward it to anyone.`,
    ),
    nav: 'public',
    query,
    body: `<section class="card" aria-live="polite">
<p class="meta">${say('Stato', 'Status')}: <span class="tag" data-status="${escapeHtml(view.status)}">${escapeHtml(text.title)}</span></p>
<h2>${escapeHtml(text.title)}</h2>
<p>${escapeHtml(text.detail)}</p>
${steps}
<p class="meta">${say('Inviata il', 'Submitted')} ${escapeHtml(timeIn(lang, view.submittedAt))} · ${say('ultimo aggiornamento', 'last change')} ${escapeHtml(timeIn(lang, view.updatedAt))}</p>
${live ? `<p><a class="button secondary" href="${escapeHtml(`?${new URLSearchParams(query ?? {})}`)}">${say('Aggiorna la pagina', 'Refresh this page')}</a></p>` : ''}
</section>
${view.firstHalfMayBeSentAgain && query?.t ? firstHalfAgainForm(lang, query.t) : ''}
${view.newLetterMayBeAskedFor && query?.t ? newLetterForm(lang, query.t) : ''}
${view.status === 'delivered' ? `<p>${say('Quando avrà entrambe le parti, <a href="/login">acceda con i 16 caratteri</a>: riceverà subito il Suo PIN personale di 8 caratteri.', 'Once you have both halves, <a href="/login">sign in with the 16 characters</a>: you will get your personal 8-character PIN straight away.')}</p>` : ''}
<p><a href="/">${say('Torna al modulo di richiesta', 'Back to the request form')}</a></p>`,
  });
}

/** The answer to every accepted request form, whoever it names: what comes next, and where to look for it. */
export function requestReceivedPage(lang: Lang): string {
  const say = sayIn(lang);
  return citizenPage(lang, {
    title: say('Richiesta ricevuta', 'Request received'),
    heading: say('Richiesta ricevuta', 'Request received'),
    nav: 'public',
    body: `<section class="card" aria-live="polite"><p>${say(
      'Grazie. Il link per seguire la Sua richiesta sta arrivando, per SMS o per email, al recapito che ha indicato: lo apra per vedere a che punto è.',
      'Thank you. The link to follow your request is on its way, by SMS or email, to the contact you gave: open it to see where your request stands.',
    )}</p><p>${say(
      'Se ha già una richiesta in corso o è già titolare di un PIN, abbiamo scritto invece al recapito che l’INPS ha in archivio. Se ha smarrito il Suo PIN, usi <a href="/lost-pin">PIN smarrito</a>.',
      'If you already have a request under way or already hold a PIN, we have written instead to the contact INPS has on record. If you lost your PIN, use <a href="/lost-pin">Lost PIN</a>.',
    )}</p><p>${say(
      'Ha perso il messaggio con il link? <a href="/find-request">Ritrovi la Sua richiesta</a>.',
      'Lost the message with the link? <a href="/find-request">Find your request again</a>.',
    )}</p><p><a href="/">${say('Torna al modulo di richiesta', 'Back to the request form')}</a></p></section>`,
  });
}

/** A status link that is wrong or has expired: what to do instead. */
export function statusLinkNotValidPage(lang: Lang): string {
  const say = sayIn(lang);
  return citizenPage(lang, {
    title: say('Link non valido', 'Link not valid'),
    heading: say('Questo link non è valido o è scaduto', 'This link is not valid or has expired'),
    nav: 'public',
    body: `<section class="card"><p>${say(
      'Usi l’ultimo link che l’INPS Le ha inviato per SMS o email. Il link smette di funzionare alcuni giorni dopo la conclusione della richiesta. Se non lo trova, <a href="/find-request">ce ne faccia inviare uno nuovo</a>; può anche <a href="/login">accedere</a> per vedere le Sue richieste.',
      'Use the latest link INPS sent you by SMS or email. A link stops working some days after the request ends. If you cannot find it, <a href="/find-request">have a new one sent to you</a>; you can also <a href="/login">sign in</a> to see your requests.',
    )}</p><p><a href="/">${say('Torna al modulo di richiesta', 'Back to the request form')}</a></p></section>`,
  });
}

/** "Find my request": the codice fiscale and the contact the request gave; the link goes there, never on the page. */
export function findRequestPage(lang: Lang, opts: FiscalCodeAndContactValues): string {
  const say = sayIn(lang);
  return citizenPage(lang, {
    title: say('Ritrova la Sua richiesta', 'Find your request'),
    heading: say('Ritrova la Sua richiesta di PIN', 'Find your PIN request again'),
    intro: say(
      'Indichi il codice fiscale e il cellulare o l’email che ha dato nella richiesta: Le invieremo lì un nuovo link per seguirla. Per sicurezza il link non compare su questa pagina.',
      'Give the codice fiscale and the phone or email you gave in the request: we will send a new link to follow it there. For your safety the link is never shown on this page.',
    ),
    nav: 'public',
    body: fiscalCodeAndContactForm(lang, opts, {
      action: '/find-request',
      typeLabel: say('Nella richiesta ho dato il mio', 'In the request I gave my'),
      contactLabel: say('Cellulare o email della richiesta', 'Phone number or email of the request'),
      button: say('Inviami il link', 'Send me the link'),
    }),
  });
}

export function findRequestSentPage(lang: Lang): string {
  const say = sayIn(lang);
  return citizenPage(lang, {
    title: say('Ritrova la Sua richiesta', 'Find your request'),
    heading: say('Richiesta ricevuta', 'Request received'),
    nav: 'public',
    body: `<section class="card" aria-live="polite"><p>${say(
      'Se una richiesta con questo codice fiscale ha indicato questo cellulare o questa email, il link per seguirla sta arrivando lì.',
      'If a request with this codice fiscale gave this phone or email, the link to follow it is on its way there.',
    )}</p><p><a href="/">${say('Torna al modulo di richiesta', 'Back to the request form')}</a></p></section>`,
  });
}

/** "My letter never came": offered on the status page once the letter is overdue or lost. */
function newLetterForm(lang: Lang, token: string): string {
  const say = sayIn(lang);
  return `<section class="card"><h2>${say('La lettera non è arrivata?', 'The letter has not arrived?')}</h2><p>${say(
    'Il giorno previsto per la consegna è passato. Possiamo inviarLe un nuovo PIN: i primi 8 caratteri di nuovo al recapito della richiesta, gli altri 8 con una nuova lettera al Suo indirizzo di residenza. Il PIN precedente smette subito di funzionare, anche se la vecchia lettera arrivasse.',
    'The day it was expected has passed. We can send you a new PIN: the first 8 characters again to the contact of your request, the other 8 in a new letter to your residence address. The previous PIN stops working at once, even if the old letter arrives.',
  )}</p><form method="post" action="/follow/new-letter"><input type="hidden" name="t" value="${escapeHtml(token)}"><button type="submit">${say(
    'Inviatemi un nuovo PIN',
    'Send me a new PIN',
  )}</button></form></section>`;
}

/** The answer to "my letter never came". */
export function newLetterAnswerPage(
  lang: Lang,
  outcome: 'reissued' | 'not_yet' | 'too_many' | 'pin_already_used' | 'request_under_way',
  token: string,
): string {
  const say = sayIn(lang);
  const text = {
    reissued: say(
      'Un nuovo PIN è in arrivo: i primi 8 caratteri al recapito della Sua richiesta, gli altri 8 per lettera al Suo indirizzo di residenza. Il PIN precedente non funziona più.',
      'A new PIN is on its way: the first 8 characters to the contact of your request, the other 8 by letter to your residence address. The previous PIN no longer works.',
    ),
    not_yet: say(
      'Una nuova lettera si può chiedere solo dopo il giorno previsto per la consegna, se la lettera non è arrivata.',
      'A new letter can be asked for only once the day the letter was expected has passed without it arriving.',
    ),
    too_many: say(
      `Per questa richiesta abbiamo già inviato nuove lettere il numero massimo di volte: chiami l’${contactCenterInShort(callLink).it} o si rechi presso una sede INPS.`,
      `New letters have already been sent for this request as many times as allowed: call ${contactCenterInShort(callLink).en}, or go to an INPS office.`,
    ),
    pin_already_used: say(
      'Questo PIN è già stato usato, quindi la lettera è arrivata: non c’è nulla da inviare di nuovo.',
      'This PIN has already been used, so its letter did arrive: there is nothing to send again.',
    ),
    request_under_way: say(
      'C’è già un’altra Sua richiesta di PIN in corso: segua quella.',
      'Another PIN request of yours is already under way: follow that one.',
    ),
  }[outcome];
  return citizenPage(lang, {
    title: say('Nuova lettera', 'New letter'),
    heading:
      outcome === 'reissued'
        ? say('Nuovo PIN in arrivo', 'New PIN on its way')
        : say('Non possiamo inviarla', 'We cannot send it'),
    nav: 'public',
    body: `<section class="card" aria-live="polite"><p>${text}</p><p><a href="/follow?t=${encodeURIComponent(token)}">${say(
      'Torna alla Sua richiesta',
      'Back to your request',
    )}</a></p></section>`,
  });
}

/** "The SMS never came": offered once, a little while after the first half left, until the PIN is first used. */
function firstHalfAgainForm(lang: Lang, token: string): string {
  const say = sayIn(lang);
  return `<section class="card"><h2>${say('Il messaggio non è arrivato?', 'The message has not arrived?')}</h2><p>${say(
    'Possiamo inviarLe di nuovo, una sola volta, i primi 8 caratteri, gli stessi, al cellulare o all’email che ha indicato nella richiesta.',
    'We can send you the first 8 characters again, once, the same ones, to the phone or email you gave in the request.',
  )}</p><form method="post" action="/follow/first-half-again"><input type="hidden" name="t" value="${escapeHtml(token)}"><button type="submit">${say(
    'Inviatemi di nuovo i primi 8 caratteri',
    'Send me the first 8 characters again',
  )}</button></form></section>`;
}

/** The answer to "the SMS never came". */
export function firstHalfAgainAnswerPage(lang: Lang, outcome: 'sending' | 'not_now' | 'try_later', token: string) {
  const say = sayIn(lang);
  const text = {
    sending: say(
      'I primi 8 caratteri, gli stessi, stanno arrivando di nuovo al recapito della Sua richiesta.',
      'The first 8 characters, the same ones, are on their way again to the contact of your request.',
    ),
    not_now: say(
      'I primi 8 caratteri si possono inviare di nuovo una sola volta, poco dopo il primo invio, e solo finché il PIN non è stato usato.',
      'The first 8 characters can be sent again only once, a little while after they left, and only before the PIN is first used.',
    ),
    try_later: say(
      'Non è stato possibile inviarli ora: riprovi tra qualche minuto.',
      'We could not send them just now: try again in a few minutes.',
    ),
  }[outcome];
  return citizenPage(lang, {
    title: say('Nuovo invio', 'Sent again'),
    heading:
      outcome === 'sending'
        ? say('Nuovo invio in corso', 'On its way again')
        : say('Non possiamo inviarli', 'We cannot send them'),
    nav: 'public',
    body: `<section class="card" aria-live="polite"><p>${text}</p><p><a href="/follow?t=${encodeURIComponent(token)}">${say(
      'Torna alla Sua richiesta',
      'Back to your request',
    )}</a></p></section>`,
  });
}
