// The contact-center console: one page that signs staff in and shows what their roles allow. The task queue
// (filters, "next task", claim), each kind of task (a verification call with click-to-call, a document review with
// the documents side by side, an unreadable fax to attach), callers who ring the contact center (803 164,
// 06 164 164), and live supervision. Its script is browser/console.ts; both speak Italian, or English for those who
// choose it.
import { FAX_DISCARD_REASONS } from '../../../domain/agent-task';
import { CONTACT_CENTER } from '../../../domain/contact-center';
import { CONVERSION_REJECTION_REASONS } from '../../../domain/conversion';
import { formField, page, sessionWarning, type SessionKeeping } from '../../shared/html';
import { sayIn, type Lang, type Say } from '../../shared/i18n';
import { FAX_DISCARD_WORDS, REJECTION_REASON_WORDS, type Words } from '../words';

/** Callers reach the agents on either number: 803 164 from landlines, 06 164 164 from mobiles. */
const BOTH_NUMBERS = `${CONTACT_CENTER.landline.shown} · ${CONTACT_CENTER.mobile.shown}`;

/** The console's script, served as a file (services/agent-console/app.ts): the policy runs no inline script. */
export const CONSOLE_SCRIPT_PATH = '/assets/console.js';
/** A staff screen's session: looked at by the page while open; signed in again on the console's sign-in. */
export const STAFF_SESSION: SessionKeeping = { lookUrl: '/api/agent/session', signInUrl: '/' };

/** The caller's data, field for field the web form's, named by the API's field paths so errors land beside them. */
const REGISTRATION_FIELDS: [path: string, label: Words, attrs: string][] = [
  [
    'fiscalCode',
    ['Codice fiscale', 'Codice fiscale'],
    'maxlength="16" autocomplete="off" style="text-transform:uppercase" required',
  ],
  ['firstName', ['Nome', 'First name'], 'autocomplete="off" required'],
  ['lastName', ['Cognome', 'Last name'], 'autocomplete="off" required'],
  ['birthDate', ['Data di nascita', 'Date of birth'], 'type="date" required'],
  [
    'birthPlace',
    ['Comune di nascita (o Stato, se all’estero)', 'Comune of birth (or state, if abroad)'],
    'autocomplete="off" required',
  ],
  [
    'birthProvince',
    ['Provincia di nascita (EE se all’estero)', 'Province of birth (EE if abroad)'],
    'maxlength="2" style="text-transform:uppercase" required',
  ],
  [
    'residence.street',
    ['Residenza: via e numero civico', 'Residence: street and number'],
    'autocomplete="off" required',
  ],
  ['residence.city', ['Comune di residenza', 'Comune of residence'], 'autocomplete="off" required'],
  ['residence.province', ['Provincia', 'Province'], 'maxlength="2" style="text-transform:uppercase" required'],
  ['residence.postalCode', ['CAP', 'Postal code'], 'inputmode="numeric" maxlength="5" required'],
  ['phone', ['Cellulare', 'Mobile phone'], 'type="tel" autocomplete="off" required'],
  ['email', ['Email', 'Email'], 'type="email" autocomplete="off" required'],
];

const options = (say: Say, choices: readonly (readonly [value: string, words: Words])[]) =>
  choices.map(([value, words]) => `<option value="${value}">${say(...words)}</option>`).join('');

function registrationForm(say: Say): string {
  const field = ([path, label, attrs]: (typeof REGISTRATION_FIELDS)[number]) =>
    formField({ name: `reg.${path}`, label: say(...label), attrs });
  const choice = (path: string, label: string, choices: [string, Words][]) =>
    `<div><label for="reg.${path}">${label}</label><select id="reg.${path}" aria-describedby="reg.${path}-error">${options(say, choices)}</select><p class="field-error" id="reg.${path}-error" role="alert"></p></div>`;
  return `<form id="register-form" novalidate><div class="grid">
${REGISTRATION_FIELDS.slice(0, 4).map(field).join('')}
${choice('sex', say('Sesso', 'Sex'), [
  ['', ['—', '—']],
  ['F', ['F', 'F']],
  ['M', ['M', 'M']],
])}
${REGISTRATION_FIELDS.slice(4).map(field).join('')}
${choice('deliveryChannel', say('Primi 8 caratteri inviati anche per', 'First 8 characters also sent by'), [
  ['sms', ['SMS', 'SMS']],
  ['email', ['Email', 'Email']],
])}
</div>
<p><button type="button" class="secondary" id="reg-check">${say('Verifica con l’anagrafe', 'Check with the registry')}</button></p>
<div id="reg-check-result" role="status" hidden></div>
<p><label><input type="checkbox" id="reg.callerConfirmed" aria-describedby="reg.callerConfirmed-error" style="width:auto"> ${say(
    'Ho riletto ogni campo al chiamante e lo ha confermato',
    'I read every field back to the caller and they confirmed it',
  )}</label></p>
<p class="field-error" id="reg.callerConfirmed-error" role="alert"></p>
<p><button type="submit">${say('Registra e rilascia il PIN', 'Register and issue the PIN')}</button></p>
</form>`;
}

/** The keys an agent works a verification task with, shown on screen as they are announced to screen readers. */
function shortcutsLine(say: Say): string {
  const keys: [key: string, words: Words][] = [
    ['N', ['attività successiva', 'next task']],
    ['C', ['chiama', 'call']],
    ['K', ['verifica le risposte', 'check the answers']],
    ['1', ['identità verificata', 'verified']],
    ['2', ['identità non verificata', 'not verified']],
    ['3', ['nessuna risposta', 'no answer']],
    ['P', ['rimetti in coda', 'put back']],
  ];
  return `<p class="meta" id="shortcuts">${say('Tastiera:', 'Keyboard:')} ${keys
    .map(([key, words]) => `<kbd>${key}</kbd> ${say(...words)}`)
    .join(
      ' · ',
    )}. ${say('In un campo di testo, tenga premuto <kbd>Alt</kbd>.', 'In a text field, hold <kbd>Alt</kbd>.')}</p>`;
}

export function consolePage(lang: Lang): string {
  const say = sayIn(lang);
  return page({
    lang,
    title: say('Console del contact center', 'Agent console'),
    heading: 'Contact center',
    intro: say(
      'Chiamate di verifica per le richieste che l’anagrafe non ha confermato, documenti inviati per rendere dispositivo un PIN, fax il cui codice non si è potuto leggere, e chiamanti. Prima le attività urgenti, poi le più vecchie.',
      'Verification calls for requests the registry could not confirm, documents returned to convert a PIN to dispositivo, faxes whose code could not be read, and callers. Escalated tasks come first, then the oldest.',
    ),
    body: `<div id="banner" class="banner" role="alert" hidden></div>
${sessionWarning(say)}
<section id="login" class="card" hidden>
<h2>${say('Accesso', 'Sign in')}</h2>
<p id="login-note" class="banner notice" hidden>${say('La Sua sessione è terminata: acceda di nuovo per continuare. Quello che ha scritto resta com’è.', 'Your session has ended: sign in again to go on. What you typed is kept.')}</p>
<form id="login-form">
<div class="grid"><div><label for="username">${say('Nome utente', 'Username')}</label><input id="username" name="username" autocomplete="username" required></div>
<div><label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required></div></div>
<p><button type="submit">${say('Accedi', 'Sign in')}</button></p>
</form></section>
<section id="app" hidden>
<div class="tab-row">
<nav class="tabs" role="tablist" aria-label="${say('Sezioni della console', 'Console sections')}">
<button type="button" role="tab" id="tab-queue" aria-controls="panel-queue">${say('Coda delle attività', 'Task queue')}</button>
<button type="button" role="tab" id="tab-callers" aria-controls="panel-callers">${say(`Chiamanti (${BOTH_NUMBERS})`, `Callers (${BOTH_NUMBERS})`)}</button>
<button type="button" role="tab" id="tab-supervision" aria-controls="panel-supervision">${say('Supervisione', 'Supervision')}</button>
</nav>
<p class="meta signed-in">${say('Ha effettuato l’accesso come', 'Signed in as')} <strong id="who"></strong> · <button class="secondary" id="logout">${say('Esci', 'Sign out')}</button></p>
</div>
<section id="panel-queue" role="tabpanel" aria-labelledby="tab-queue" hidden>
<form id="filters" class="filters">
<div><label for="filter-kind">${say('Tipo', 'Kind')}</label><select id="filter-kind"></select></div>
<div><label for="filter-status">${say('Stato', 'State')}</label><select id="filter-status">${options(say, [
      ['any', ['Aperte o in carico', 'Open or claimed']],
      ['open', ['Aperte', 'Open']],
      ['claimed', ['In carico', 'Claimed']],
    ])}</select></div>
<div><label for="filter-assignee">${say('Assegnata a', 'Assignee')}</label><select id="filter-assignee">${options(say, [
      ['any', ['Chiunque', 'Anyone']],
      ['none', ['Nessuno (non in carico)', 'Nobody (unclaimed)']],
      ['me', ['Me', 'Me']],
    ])}</select></div>
<div class="actions"><button type="button" id="next" aria-keyshortcuts="N Alt+N">${say('Attività successiva', 'Next task')}</button> <button type="button" class="secondary" id="refresh">${say('Aggiorna', 'Refresh')}</button> <span class="meta" id="queue-count" aria-live="polite"></span></div>
<div class="check"><input type="checkbox" id="auto-next"><label for="auto-next">${say('Dopo un esito, apri l’attività successiva', 'After an outcome, open the next task')}</label></div>
</form>
${shortcutsLine(say)}
<div class="split"><div class="split-queue"><table class="queue"><caption class="visually-hidden">${say('Attività, prima le urgenti, poi le più vecchie', 'Tasks, most urgent first, then oldest')}</caption>
<thead><tr><th scope="col">${say('Priorità', 'Priority')}</th><th scope="col">${say('Attività', 'Task')}</th><th scope="col">${say('Cittadino', 'Citizen')}</th><th scope="col">${say('Perché è qui', 'Why it is here')}</th><th scope="col">${say('In attesa da', 'Waiting')}</th><th scope="col">${say('Scadenza', 'Due')}</th><th scope="col">${say('Stato', 'State')}</th><th scope="col"><span class="visually-hidden">${say('Azione', 'Action')}</span></th></tr></thead><tbody id="tasks"></tbody></table></div>
<section id="detail" class="card" hidden>
<h2 id="detail-title" tabindex="-1"></h2>
<p class="meta" id="detail-hint"></p>
<p id="call-line" hidden><button type="button" id="dial" aria-keyshortcuts="C Alt+C">${say('Chiama il cittadino', 'Call the citizen')}</button> <span id="call-status" role="status" aria-live="polite"></span></p>
<table id="detail-table"></table>
<div id="history"></div>
<div id="documents" class="documents"></div>
<form id="call-form" hidden style="margin-top:1rem">
<fieldset><legend>${say('Chieda al chiamante, poi verifichi ciò che dice', 'Ask the caller, then check what they say')}</legend>
<div class="grid"><div><label for="ans-birth-place">${say('Dove è nato?', 'Where were you born?')}</label><input id="ans-birth-place" autocomplete="off"></div>
<div><label for="ans-birth-date">${say('Quando è nato? (AAAA-MM-GG)', 'When were you born? (YYYY-MM-DD)')}</label><input id="ans-birth-date" autocomplete="off" inputmode="numeric"></div>
<div><label for="ans-street">${say('Dove abita? Via e numero civico', 'Where do you live? Street and number')}</label><input id="ans-street" autocomplete="off"></div>
<div><label for="ans-postal-code">${say('Qual è il CAP?', 'What is the postal code?')}</label><input id="ans-postal-code" autocomplete="off" inputmode="numeric" maxlength="5"></div>
<div><label for="ans-city">${say('In quale comune?', 'In which comune?')}</label><input id="ans-city" autocomplete="off"></div></div>
<p><button type="button" class="secondary" id="check-answers" aria-keyshortcuts="K Alt+K">${say('Verifica le risposte', 'Check the answers')}</button></p>
<ul id="answer-checks" aria-live="polite"></ul></fieldset>
<label for="note">${say('Nota (obbligatoria per "Identità non verificata": il motivo; resta nel fascicolo)', 'Note (required for "Not verified": why; stays in the case file)')}</label><textarea id="note" rows="2" maxlength="1000" aria-describedby="note-error"></textarea>
<p class="field-error" id="note-error" role="alert"></p>
<p><button name="outcome" value="verified" aria-keyshortcuts="1 Alt+1">${say('Identità verificata', 'Verified')}</button>
<button name="outcome" value="not_verified" class="danger" aria-keyshortcuts="2 Alt+2">${say('Identità non verificata', 'Not verified')}</button>
<button name="outcome" value="no_answer" class="secondary" aria-keyshortcuts="3 Alt+3">${say('Nessuna risposta', 'No answer')}</button></p>
</form>
<form id="review-form" hidden style="margin-top:1rem">
<div class="grid"><div><label for="reason">${say('Se li rifiuta, il motivo', 'If you refuse them, why')}</label>
<select id="reason" aria-describedby="reason-error"><option value="">—</option>${options(
      say,
      CONVERSION_REJECTION_REASONS.map((r) => [r, REJECTION_REASON_WORDS[r]] as const),
    )}</select>
<p class="field-error" id="reason-error" role="alert"></p></div>
<div><label for="review-note">${say('Nota (facoltativa, resta nel fascicolo)', 'Note (optional, stays in the case file)')}</label><textarea id="review-note" rows="2" maxlength="1000"></textarea></div></div>
<p><button name="decision" value="approved">${say('Approva: il PIN diventa dispositivo', 'Approve: make the PIN dispositivo')}</button>
<button name="decision" value="rejected" class="danger">${say('Rifiuta', 'Reject')}</button></p>
</form>
<form id="attach-form" hidden style="margin-top:1rem">
<div class="grid"><div><label for="request-code">${say('Codice della richiesta sul modulo', 'Request code on the form')}</label><input id="request-code" autocomplete="off" placeholder="CNV-XXXX-XXXX" required></div></div>
<p><button type="submit">${say('Abbina a questa richiesta', 'Attach to this request')}</button></p>
</form>
<form id="discard-form" hidden style="margin-top:1rem">
<div class="grid"><div><label for="discard-reason">${say('Oppure lo scarti, perché', 'Or discard it, because')}</label><select id="discard-reason" required aria-describedby="discard-reason-error"><option value="">${say('Scelga…', 'Choose…')}</option>${options(
      say,
      FAX_DISCARD_REASONS.map((r) => [r, FAX_DISCARD_WORDS[r]] as const),
    )}</select>
<p class="field-error" id="discard-reason-error" role="alert"></p></div></div>
<p><button type="submit" class="danger">${say('Scarta il fax', 'Discard the fax')}</button></p>
</form>
<p><button type="button" id="release" class="secondary" aria-keyshortcuts="P Alt+P">${say('Rimetti in coda', 'Put back in the queue')}</button></p>
</section></div>
</section>
<section id="panel-callers" role="tabpanel" aria-labelledby="tab-callers" hidden>
<p><button type="button" id="new-caller" class="secondary">${say('Nuovo chiamante: pulisci lo schermo', 'New caller: clear the screen')}</button></p>
<section class="card" id="identify"><h2>${say('Identifica un chiamante', 'Identify a caller')}</h2>
<p class="meta">${say(
      'Chi usa SPID detta il proprio codice fiscale e il PIN telefonico che ha creato. Troppi PIN errati di seguito sospendono l’identificazione per quel codice fiscale, come all’accesso.',
      'A caller who uses SPID reads out their codice fiscale and the phone PIN they made. Wrong PINs in a row suspend identification for that codice fiscale, as at sign-in.',
    )}</p>
<form id="identify-form"><div class="grid">
<div><label for="caller-cf">${say('Codice fiscale del chiamante', 'Caller’s codice fiscale')}</label><input id="caller-cf" autocomplete="off" maxlength="16" required style="text-transform:uppercase"></div>
<div><label for="caller-pin">${say('PIN telefonico', 'Phone PIN')}</label><input id="caller-pin" autocomplete="off" maxlength="12" required></div>
</div><p><button type="submit">${say('Identifica', 'Identify')}</button></p></form>
<div id="identify-result" role="status" hidden></div></section>
<section class="card" id="register"><h2>${say('Registra un chiamante per il PIN', 'Register a caller for a PIN')}</h2>
<p class="meta">${say(
      'Scriva ciò che dice il chiamante, lo verifichi con l’anagrafe mentre è in linea e glielo rilegga. Il PIN è rilasciato subito: i primi 8 caratteri compaiono qui una sola volta, perché Lei li legga; arrivano anche per SMS o email, e gli altri 8 per lettera alla residenza.',
      'Type what the caller says, check it with the registry while they are on the line, and read it back. The PIN is issued at once: its first 8 characters appear here one time only, for you to read out; they also go by SMS or email, and the other 8 by letter to the residence.',
    )}</p>
${registrationForm(say)}
<div id="readout" class="banner ok" hidden>
<h3 id="readout-title" tabindex="-1">${say('Legga questi 8 caratteri al chiamante', 'Read these 8 characters to the caller')}</h3>
<p class="pin" id="readout-pin"></p>
<ol id="readout-spelled" class="spelled" aria-label="${say('Compitati per telefono', 'Spelled for the phone')}"></ol>
<p>${say(
      'Non saranno mostrati di nuovo. Il chiamante li riceve anche <span id="readout-channel"></span>; gli altri 8 arrivano per lettera. Richiesta <code id="readout-request"></code>.',
      'They will not be shown again. The caller also receives them <span id="readout-channel"></span>; the other 8 come by letter. Request <code id="readout-request"></code>.',
    )}</p>
<p><button type="button" id="readout-done">${say('Fatto: nascondili', 'Done: hide them')}</button></p>
</div></section>
</section>
<section id="panel-supervision" role="tabpanel" aria-labelledby="tab-supervision" hidden>
<p class="meta" id="sup-updated" aria-live="polite">${say('Connessione…', 'Connecting…')}</p>
<h2>${say('Code', 'Queues')}</h2>
<table><thead><tr><th scope="col">${say('Tipo', 'Kind')}</th><th scope="col">${say('Aperte', 'Open')}</th><th scope="col">${say('In carico', 'Claimed')}</th><th scope="col">${say('Urgenti', 'Escalated')}</th><th scope="col">${say('Scadute', 'Past due')}</th><th scope="col">${say('Attesa più lunga', 'Oldest waiting')}</th></tr></thead><tbody id="sup-queues"></tbody></table>
<p class="meta" id="sup-callbacks"></p>
<h2>${say('Operatori oggi', 'Agents today')}</h2>
<table><thead><tr><th scope="col">${say('Operatore', 'Agent')}</th><th scope="col">${say('Attività completate', 'Tasks completed')}</th><th scope="col">${say('Chiamate effettuate', 'Calls placed')}</th><th scope="col">${say('Chiamanti registrati', 'Callers registered')}</th><th scope="col">${say('In carico ora', 'Holding now')}</th></tr></thead><tbody id="sup-agents"></tbody></table>
<h2>${say('Traccia di una richiesta', 'Audit trail of a request')}</h2>
<form id="audit-form" class="filters"><div><label for="audit-id">${say('Codice fiscale, codice del modulo (CNV-…) o id della richiesta', 'Codice fiscale, form code (CNV-…) or request id')}</label><input id="audit-id" required autocomplete="off" aria-describedby="audit-hint"></div>
<div class="actions"><button type="submit">${say('Cerca', 'Search')}</button></div></form>
<p class="meta" id="audit-hint">${say('Con un codice fiscale compaiono tutte le richieste della persona: scelga quella di cui leggere la traccia. Ogni ricerca resta registrata.', 'A codice fiscale lists all of the person’s requests: choose the one whose trail to read. Every search is recorded.')}</p>
<table id="audit-cases" hidden><caption class="visually-hidden">${say('Richieste trovate', 'Requests found')}</caption><thead><tr><th scope="col">${say('Presentata', 'Made')}</th><th scope="col">${say('Richiesta', 'Request')}</th><th scope="col">${say('Canale', 'Channel')}</th><th scope="col">${say('Stato', 'State')}</th><th scope="col"><span class="visually-hidden">${say('Azione', 'Action')}</span></th></tr></thead><tbody id="audit-case-rows"></tbody></table>
<h3 id="audit-title" hidden></h3>
<table><thead><tr><th scope="col">${say('Quando', 'When')}</th><th scope="col">${say('Chi', 'Who')}</th><th scope="col">${say('Cosa', 'What')}</th><th scope="col">${say('Dettagli', 'Details')}</th></tr></thead><tbody id="audit-rows"></tbody></table>
</section>
</section>
`,
    scripts: [CONSOLE_SCRIPT_PATH],
  });
}
