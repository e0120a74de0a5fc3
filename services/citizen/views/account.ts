// The citizen's screens around the PIN: sign in, the guided step that assigns the 8-character PIN, the page that
// shows it once, the home with the services, and the lost-PIN form. Plain forms: no JavaScript needed.
import { HALF_LENGTH, INITIAL_PIN_LENGTH } from '../../../domain/pin';
import { contactCenterInShort } from '../../../domain/contact-center';
import { banner, callLink, escapeHtml, formField } from '../../shared/html';
import type { AccountView, HomePageNoticeView } from '../account';
import { dayIn, fieldMessagesIn, sayIn, type Lang } from '../../shared/i18n';
import type { ApplicationView, ConversionView } from '../pin-dispositivo';
import { citizenPage, errorSummary, signInWithIdentityButtons } from './layout';
import { applicationsTable, pinDispositivoBox } from './pin-dispositivo';

export function signInPage(
  lang: Lang,
  opts: {
    /** The configured number of wrong PINs before a suspension, said once so people know the rule. */
    maxFailures: number;
    /** The CNS sign-in endpoint (its own HTTPS address: it asks the browser for the card's certificate). */
    cnsSignInUrl: string;
    fiscalCode?: string;
    error?: string;
    fields?: Record<string, string>;
    notice?: string;
  },
): string {
  const say = sayIn(lang);
  const fields = fieldMessagesIn(lang, opts.fields);
  return citizenPage(lang, {
    title: say('Accedi', 'Sign in'),
    heading: say('Accedi ai servizi online INPS', 'Sign in to INPS online services'),
    intro: say(
      `Con SPID, la carta d’identità elettronica (CIE) o la carta nazionale dei servizi (CNS); oppure con il codice fiscale e il PIN INPS di ${HALF_LENGTH} caratteri (la prima volta quello di ${INITIAL_PIN_LENGTH}: gli ${HALF_LENGTH} ricevuti via SMS o email seguiti dagli ${HALF_LENGTH} della lettera).`,
      `With SPID, your electronic identity card (CIE) or national service card (CNS); or with your codice fiscale and ${HALF_LENGTH}-character INPS PIN (the first time, the ${INITIAL_PIN_LENGTH}-character one: the ${HALF_LENGTH} characters you received by SMS or email followed by the ${HALF_LENGTH} of the letter).`,
    ),
    nav: 'public',
    body: `${errorSummary(lang, {
      message: opts.error,
      fields: [
        { name: 'fiscalCode', label: 'Codice fiscale' },
        { name: 'pin', label: 'PIN' },
      ],
      errors: fields,
    })}${banner(opts.notice, 'ok')}
<section class="card" id="spid"><h2>${say('Entri con SPID, CIE o CNS', 'Sign in with SPID, CIE or CNS')}</h2>
${signInWithIdentityButtons(lang, opts.cnsSignInUrl)}
<p class="meta">${say(
      'SPID di livello 2 (password e codice temporaneo o app), o di <a href="/login/spid?with=spid3">livello 3</a>, e la CIE aprono ciò che apre un PIN dispositivo. Il livello 1, la sola password, non basta per i servizi INPS.',
      'SPID level 2 (a password and a one-time code or the app), or <a href="/login/spid?with=spid3">level 3</a>, and CIE open what a PIN dispositivo opens. Level 1, a password alone, is not enough for INPS services.',
    )}</p></section>
<form method="post" action="/login" novalidate class="card">
<h2>${say('Oppure con il PIN INPS', 'Or with your INPS PIN')}</h2>
<div class="grid">
${formField({ name: 'fiscalCode', label: 'Codice fiscale', attrs: 'autocomplete="username" maxlength="16" required style="text-transform:uppercase"', value: opts.fiscalCode, error: fields?.fiscalCode })}
${formField({ name: 'pin', label: 'PIN', attrs: 'type="password" autocomplete="current-password" maxlength="24" required', hint: say(`${HALF_LENGTH} caratteri, o ${INITIAL_PIN_LENGTH} la prima volta`, `${HALF_LENGTH} characters, or ${INITIAL_PIN_LENGTH} the first time`), error: fields?.pin })}
</div>
<p><button type="submit">${say('Accedi', 'Sign in')}</button></p>
<p class="meta">${say(
      `Dopo ${opts.maxFailures} PIN errati di seguito l’accesso è sospeso per un po’. Ha smarrito il PIN? <a href="/lost-pin">Ne chieda uno nuovo</a>. Non ha ancora un PIN? <a href="/">Lo richieda</a>.`,
      `After ${opts.maxFailures} wrong PINs in a row, sign-in is suspended for a while. Lost your PIN? <a href="/lost-pin">Ask for a new one</a>. No PIN yet? <a href="/">Request one</a>.`,
    )}</p>
</form>`,
  });
}

export function newPinStepPage(lang: Lang, stage: 'first_access' | 'renewal'): string {
  const say = sayIn(lang);
  const title =
    stage === 'first_access' ? say('Primo accesso', 'First access') : say('Rinnovi il Suo PIN', 'Renew your PIN');
  return citizenPage(lang, {
    title,
    heading: title,
    intro:
      stage === 'first_access'
        ? say(
            `Benvenuto. Il PIN di ${INITIAL_PIN_LENGTH} caratteri ha fatto il suo lavoro: ora lo sostituisce un PIN personale di ${HALF_LENGTH} caratteri, che userà d’ora in poi.`,
            `Welcome. Your ${INITIAL_PIN_LENGTH}-character PIN has done its job: it is now replaced by a personal ${HALF_LENGTH}-character PIN, which you will use from now on.`,
          )
        : say(
            `Il Suo PIN è scaduto. Riceverà un nuovo PIN di ${HALF_LENGTH} caratteri con esattamente gli stessi servizi; per il resto non cambia nulla.`,
            `Your PIN has expired. You will get a new ${HALF_LENGTH}-character PIN with exactly the same services; nothing else about your account changes.`,
          ),
    nav: 'signedIn',
    body: `<form method="post" action="${stage === 'first_access' ? '/first-access' : '/renewal'}" class="card">
<p>${say('Il nuovo PIN viene mostrato <strong>una sola volta</strong>, nella pagina seguente. Tenga pronta una penna, o una stampante.', 'The new PIN is shown <strong>once</strong>, on the next page. Have a pen ready, or a printer.')}</p>
<button type="submit">${say('Dammi il nuovo PIN', 'Give me my new PIN')}</button>
</form>`,
  });
}

export function newPinPage(lang: Lang, pin: string, stage: 'first_access' | 'renewal'): string {
  const say = sayIn(lang);
  return citizenPage(lang, {
    title: say('Il Suo nuovo PIN', 'Your new PIN'),
    heading: say('Il Suo nuovo PIN', 'Your new PIN'),
    nav: 'signedIn',
    body: `<section class="card" aria-live="polite">
<p>${
      stage === 'first_access'
        ? say('D’ora in poi acceda con questo PIN.', 'From now on, sign in with this PIN.')
        : say(
            'Il Suo PIN è rinnovato. D’ora in poi acceda con questo PIN.',
            'Your PIN is renewed. From now on, sign in with this PIN.',
          )
    }</p>
<p class="pin" id="new-pin">${escapeHtml(pin)}</p>
<p><strong>${say('Stampi questa pagina o annoti il PIN adesso: non verrà mostrato di nuovo</strong>, e l’INPS non lo conserva in forma leggibile. Lo custodisca e non lo comunichi a nessuno; l’INPS non Glielo chiederà mai per telefono o per email.', 'Print this page or write the PIN down now: it will not be shown again</strong>, and INPS does not keep it in a readable form. Keep it somewhere safe and never give it to anyone; INPS will never ask you for it by phone or email.')}</p>
<p class="no-print"><button type="button" data-print>${say('Stampa questa pagina', 'Print this page')}</button> <a class="button secondary" href="/home">${say('L’ho annotato: continua', 'I have noted it: continue')}</a></p>
</section>`,
  });
}

/**
 * A service's own page, where its card on the home leads: what it is, what it needs, and the way in. Consultation
 * pages say plainly that this demonstration does not connect them to the archives that hold the data.
 */
export function servicePage(lang: Lang, s: AccountView['services'][number]): string {
  const say = sayIn(lang);
  const what =
    s.needs === 'pin_dispositivo'
      ? say(
          'È un servizio per presentare una domanda: serve un PIN dispositivo, o SPID di livello 2 o 3, la CIE o la CNS.',
          'It is a service to file an application: it needs a PIN dispositivo, or SPID level 2 or 3, CIE or CNS.',
        )
      : say(
          'È un servizio di consultazione: basta un PIN ordinario. In questa versione dimostrativa del servizio PIN i dati non sono collegati agli archivi che li conservano.',
          'It is a consultation service: a PIN ordinario is enough. In this demonstration of the PIN service the data are not connected to the archives that hold them.',
        );
  return citizenPage(lang, {
    title: s.name,
    heading: s.name,
    intro: escapeHtml(s.description[lang]),
    nav: 'signedIn',
    body: `<section class="card"><p>${what}</p>${
      s.access === 'needs_pin_dispositivo'
        ? `<p><span class="tag">${say('richiede un PIN dispositivo', 'needs a PIN dispositivo')}</span> <a href="/home#pin-dispositivo">${say('Converta il Suo PIN', 'Convert your PIN')}</a></p>`
        : ''
    }${s.needs === 'pin_dispositivo' ? applyButton(lang, s) : ''}
<p><a href="/home">${say('Torna ai Suoi servizi', 'Back to your services')}</a></p></section>`,
  });
}

/** Filing works with any PIN: with a PIN ordinario the application waits, its filing date kept. */
function applyButton(lang: Lang, s: AccountView['services'][number]) {
  const say = sayIn(lang);
  const waits = s.access === 'needs_pin_dispositivo';
  return `<form method="post" action="/applications"><input type="hidden" name="serviceId" value="${escapeHtml(s.id)}"><button type="submit" class="secondary">${say('Presenta la domanda', 'Apply')}${waits ? say(' (attenderà il PIN dispositivo)', ' (it waits for your PIN dispositivo)') : ''}</button></form>`;
}

/** "Retire my PIN", asked once more: it cannot be undone. Works without JavaScript (the form carries the yes). */
export function retirePinConfirmPage(lang: Lang): string {
  const say = sayIn(lang);
  return citizenPage(lang, {
    title: say('Dismetti il PIN', 'Retire your PIN'),
    heading: say('Vuole dismettere il Suo PIN INPS?', 'Retire your INPS PIN?'),
    nav: 'signedIn',
    body: `<section class="card"><p>${say(
      'Dopo la conferma il PIN smette subito di funzionare e non può essere riattivato. Continuerà ad accedere con SPID, CIE o CNS.',
      'Once you confirm, the PIN stops working at once and cannot be brought back. You will go on signing in with SPID, CIE or CNS.',
    )}</p>
<form method="post" action="/pin/retirement"><input type="hidden" name="confirm" value="yes"><p><button type="submit" class="danger">${say('Sì, dismetti il mio PIN', 'Yes, retire my PIN')}</button> <a class="button secondary" href="/home">${say('No, lo tengo', 'No, keep it')}</a></p></form></section>`,
  });
}

/** Signed in with SPID or CIE: the temporary phone PIN, and the offer to retire a PIN still held. */
function spidBox(lang: Lang, view: AccountView): string {
  const say = sayIn(lang);
  const retire = view.pinToRetire
    ? `<section class="card" id="retire-pin"><h2>${say('Possiede ancora un PIN INPS', 'You still hold an INPS PIN')}</h2><p>${say('Ora che usa SPID o CIE non Le serve più. Dismetterlo vuol dire che nessuno potrà più usarlo; non si può annullare.', 'Now that you use SPID or CIE you do not need it any more. Retiring it means nobody can use it again; this cannot be undone.')}</p>
<form method="post" action="/pin/retirement"><button type="submit" class="danger">${say('Dismetti il mio PIN', 'Retire my PIN')}</button></form></section>`
    : '';
  return `${retire}<section class="card" id="phone-pin"><h2>${say('PIN telefonico', 'Phone PIN')}</h2><p>${say(`Un PIN temporaneo che La identifica quando chiama il contact center: ${contactCenterInShort(callLink).it}.`, `A temporary PIN that identifies you when you call the contact center: ${contactCenterInShort(callLink).en}.`)}</p><p><a class="button" href="/phone-pins">${say('Gestisci i PIN telefonici', 'Manage phone PINs')}</a></p></section>`;
}

const KIND_TEXT = { ordinario: 'PIN ordinario', dispositivo: 'PIN dispositivo' } as const;

/** What INPS had to tell the citizen and could send nowhere else: at the top, newest first. */
function noticesBox(lang: Lang, notices: HomePageNoticeView[]): string {
  if (!notices.length) return '';
  const say = sayIn(lang);
  return `<section class="notices" aria-labelledby="notices-heading"><h2 id="notices-heading">${say(
    'Comunicazioni per Lei',
    'Messages for you',
  )}</h2><ul>${notices
    .map((n) => `<li><time datetime="${n.at}">${dayIn(lang, n.at)}</time>: ${escapeHtml(n.text[lang])}</li>`)
    .join('')}</ul></section>`;
}

export function homePage(
  lang: Lang,
  view: AccountView,
  extra: {
    conversions: ConversionView[];
    applications: ApplicationView[];
    notices: HomePageNoticeView[];
    error?: string;
  },
): string {
  const say = sayIn(lang);
  const credential = view.credential;
  const expires = !credential
    ? ''
    : credential.expiresAt
      ? say(
          `Scade il ${dayIn(lang, credential.expiresAt)}; glielo ricorderemo per email prima, e lo rinnova semplicemente accedendo.`,
          `It expires on ${dayIn(lang, credential.expiresAt)}; we will remind you by email beforehand, and you renew it simply by signing in.`,
        )
      : say('La data di scadenza è in corso di definizione.', 'Its expiry date is being set.');
  const signedInWith =
    view.signedInWith === 'cie' || view.signedInWith === 'cns'
      ? view.signedInWith.toUpperCase()
      : `SPID ${say('livello', 'level')} ${view.spidLevel}`;
  const how = credential
    ? `${KIND_TEXT[credential.kind]}${credential.holder === 'intermediary' ? say(' (intermediario istituzionale)', ' (institutional intermediary)') : ''}`
    : say(
        `accesso con ${signedInWith}, con i diritti di un ${KIND_TEXT[view.rights]}`,
        `signed in with ${signedInWith}, with the rights of a ${KIND_TEXT[view.rights]}`,
      );
  const services = view.services.length
    ? `<ul class="services">${view.services
        .map(
          (s) =>
            `<li data-service="${escapeHtml(s.id)}"><strong><a href="/services/${escapeHtml(s.id)}">${escapeHtml(s.name)}</a></strong><br>${escapeHtml(s.description[lang])}${
              s.access === 'needs_pin_dispositivo'
                ? `<br><span class="tag">${say('richiede un PIN dispositivo', 'needs a PIN dispositivo')}</span>`
                : ''
            }${s.needs === 'pin_dispositivo' ? applyButton(lang, s) : ''}</li>`,
        )
        .join('')}</ul>`
    : `<p class="empty">${say('Ancora nessun servizio online per il Suo profilo.', 'No online services for your profile yet.')}</p>`;
  return citizenPage(lang, {
    title: say('I Suoi servizi', 'Your services'),
    heading: `${say('Benvenuto', 'Welcome')}, ${view.firstName} ${view.lastName}`,
    intro: `Codice fiscale ${escapeHtml(view.fiscalCode)} · ${how}. ${expires}`,
    nav: 'signedIn',
    body: `${banner(extra.error)}${noticesBox(lang, extra.notices)}${credential ? pinDispositivoBox(lang, credential.kind, extra.conversions) : spidBox(lang, view)}<h2>${say('I Suoi servizi', 'Your services')}</h2>${services}
<h2 id="applications-heading">${say('Le Sue domande', 'Your applications')}</h2>${applicationsTable(lang, extra.applications)}`,
  });
}

export function lostPinPage(
  lang: Lang,
  opts: {
    error?: string;
    fiscalCode?: string;
    contactType?: string;
    contact?: string;
    fields?: Record<string, string>;
  },
): string {
  const say = sayIn(lang);
  return citizenPage(lang, {
    title: say('PIN smarrito', 'Lost PIN'),
    heading: say('Ha smarrito il PIN?', 'Lost your PIN?'),
    intro: say(
      'Le inviamo un nuovo PIN come il primo: i primi 8 caratteri al cellulare o all’email che ha comunicato all’INPS, gli altri 8 per lettera al Suo indirizzo di residenza. Il PIN attuale continua a funzionare finché non usa il nuovo.',
      'We send a new PIN the same way as the first one: the first 8 characters to the phone or email you gave INPS, the other 8 by letter to your residence address. Your current PIN keeps working until you first use the new one.',
    ),
    nav: 'public',
    body: `${fiscalCodeAndContactForm(lang, opts, {
      action: '/lost-pin',
      typeLabel: say('Invia i primi 8 caratteri al mio', 'Send the first 8 characters to my'),
      contactLabel: say('Cellulare o email comunicati all’INPS', 'Phone number or email you gave INPS'),
      button: say('Inviami un nuovo PIN', 'Send me a new PIN'),
    })}${letterNeverCameBox(lang)}`,
  });
}

/**
 * The lost-PIN page's way to "my letter never came": a PIN whose letter is still on its way is not lost, and its new
 * letter is asked for on its request's page, where the one in the post is cancelled with it.
 */
function letterNeverCameBox(lang: Lang): string {
  const say = sayIn(lang);
  return `<section class="card" aria-labelledby="letter-never-came"><h2 id="letter-never-came">${say(
    'La lettera con gli altri 8 caratteri non Le è mai arrivata?',
    'The letter with the other 8 characters never reached you?',
  )}</h2><p>${say(
    'Non serve chiedere un PIN smarrito. Passato il giorno di consegna previsto, dalla pagina della Sua richiesta può chiedere una nuova lettera: il PIN in viaggio viene annullato e ne riceve uno nuovo, allo stesso indirizzo di residenza.',
    'There is no need to report a lost PIN. Once the expected delivery day has passed, you can ask for a new letter on your request’s page: the PIN in the post is cancelled and you receive a new one, at the same residence address.',
  )}</p><p>${say(
    'Non ha più il link alla Sua richiesta? <a href="/find-request">Ritrovi la Sua richiesta</a>: Le inviamo il link al cellulare o all’email che ha indicato nella richiesta.',
    'No longer have the link to your request? <a href="/find-request">Find your request again</a>: we send the link to the phone or email you gave in the request.',
  )}</p></section>`;
}

/** What was typed in a codice fiscale + contact form, and what was wrong with it. */
export interface FiscalCodeAndContactValues {
  error?: string;
  fiscalCode?: string;
  contactType?: string;
  contact?: string;
  fields?: Record<string, string>;
}

/** The codice fiscale and a phone or an email: the form of "Lost PIN" and of "Find my request". */
export function fiscalCodeAndContactForm(
  lang: Lang,
  opts: FiscalCodeAndContactValues,
  words: { action: string; typeLabel: string; contactLabel: string; button: string },
): string {
  const say = sayIn(lang);
  const email = opts.contactType === 'email';
  const fields = fieldMessagesIn(lang, opts.fields);
  const contactError = fields?.phone ?? fields?.email ?? fields?.contact;
  return `${errorSummary(lang, {
    message: opts.error,
    fields: [
      { name: 'fiscalCode', label: 'Codice fiscale' },
      { name: 'contact', label: words.contactLabel },
    ],
    errors: { ...fields, ...(contactError ? { contact: contactError } : {}) },
  })}
<form method="post" action="${words.action}" novalidate class="card">
<div class="grid">
${formField({ name: 'fiscalCode', label: 'Codice fiscale', attrs: 'autocomplete="username" maxlength="16" required style="text-transform:uppercase"', value: opts.fiscalCode, error: fields?.fiscalCode })}
<div><label for="contactType">${words.typeLabel}</label><select id="contactType" name="contactType"><option value="phone"${email ? '' : ' selected'}>${say('cellulare', 'mobile phone')}</option><option value="email"${email ? ' selected' : ''}>email</option></select></div>
${formField({ name: 'contact', label: words.contactLabel, attrs: 'required autocomplete="off"', value: opts.contact, error: contactError })}
</div>
<p><button type="submit">${words.button}</button></p>
</form>`;
}

export function lostPinSentPage(lang: Lang): string {
  const say = sayIn(lang);
  return citizenPage(lang, {
    title: say('PIN smarrito', 'Lost PIN'),
    heading: say('Richiesta ricevuta', 'Request received'),
    nav: 'public',
    body: `<section class="card"><p>${say(
      'Se il codice fiscale appartiene a un titolare di PIN e il recapito è quello registrato, i primi 8 caratteri di un nuovo PIN sono in arrivo lì, e gli altri 8 per lettera all’indirizzo di residenza. Il PIN attuale continua a funzionare finché non usa il nuovo.',
      'If the codice fiscale belongs to a PIN holder and the contact is the one on record, the first 8 characters of a new PIN are on their way there, and the other 8 by letter to the residence address. Your current PIN keeps working until you first use the new one.',
    )}</p><p><a href="/login">${say('Torna all’accesso', 'Back to sign-in')}</a></p></section>`,
  });
}
