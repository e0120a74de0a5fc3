// The office desk's screens for the in-person procedures: one form (the applicant, the identity document, the
// corrections the document calls for, the in-person confirmation) with three outcomes: a PIN dispositivo issued from
// form MV35, shown once on a printable handover sheet; an existing PIN converted; or the registry corrected alone,
// before and after side by side. And an intermediary's PIN. Plain forms, no script.
import { writtenDay } from '../../../domain/written-dates';
import { contactCenterInFull } from '../../../domain/contact-center';
import { INITIAL_PIN_LENGTH } from '../../../domain/pin';
import type { RegistryChange } from '../../../repositories/registry';
import { escapeHtml, formField, page } from '../../shared/html';
import { STAFF_SESSION } from './console';
import { fieldMessagesIn, sayIn, type Lang, type Say } from '../../shared/i18n';
import type { Words } from '../words';
import type { PersonRow } from '../../../infra/db/schema';
import type { InPersonOutcome } from '../in-person';

const FIELD_WORDS: Record<RegistryChange['field'], Words> = {
  first_name: ['Nome', 'First name'],
  last_name: ['Cognome', 'Last name'],
  birth_date: ['Data di nascita', 'Birth date'],
  sex: ['Sesso', 'Sex'],
  birth_place: ['Luogo di nascita', 'Birthplace'],
  birth_province: ['Provincia di nascita', 'Birth province'],
  street: ['Via e numero civico', 'Street'],
  city: ['Comune', 'Comune'],
  province: ['Provincia', 'Province'],
  postal_code: ['CAP', 'Postal code'],
  email: ['Email', 'Email'],
};

const officeNav = (say: Say) =>
  [
    ['/office', say('Nuova pratica', 'New procedure')],
    ['/office/intermediaries', say('Intermediari', 'Intermediaries')],
    ['/', 'Console'],
  ] as const;

/** What the registry holds now for the applicant: compared with the document before anything is corrected. */
export function registryRecordCard(lang: Lang, person: PersonRow): string {
  const say = sayIn(lang);
  const rows: [string, string | null][] = [
    [say('Nome', 'First name'), person.first_name],
    [say('Cognome', 'Last name'), person.last_name],
    [say('Data di nascita', 'Birth date'), person.birth_date],
    [say('Sesso', 'Sex'), person.sex],
    [say('Luogo di nascita', 'Birthplace'), `${person.birth_place} (${person.birth_province})`],
    [say('Residenza', 'Residence'), `${person.street}, ${person.postal_code} ${person.city} (${person.province})`],
    ['Email', person.email],
  ];
  return `<section class="card" id="registry-record"><h2>${say('L’anagrafe oggi', 'The registry now')}</h2>
<p class="meta">${say('La confronti con il documento. Scriva qui sotto solo ciò che il documento riporta diversamente.', 'Compare it with the document. Type below only what the document shows differently.')}</p>
<table>${rows.map(([label, value]) => `<tr><th scope="row">${label}</th><td>${escapeHtml(value ?? '—')}</td></tr>`).join('')}</table></section>`;
}

/**
 * The operator, where a session is open; none where it ran out while a form was being filled in, and the form came back
 * as typed with the way to go on (`sessionEnded`).
 */
type Operator = { operator: string; sessionEnded?: never } | { operator?: never; sessionEnded: true };
const signedInAs = (say: Say, who: Operator) =>
  who.operator
    ? say(`Ha effettuato l’accesso come ${escapeHtml(who.operator)}. `, `Signed in as ${escapeHtml(who.operator)}. `)
    : '';
const sessionEndedBanner = (say: Say, who: Operator) =>
  who.sessionEnded
    ? `<div class="banner notice" role="alert">${say('La Sua sessione è terminata e non è stato registrato nulla. ', 'Your session has ended, and nothing was recorded. ')}<a href="/" target="_blank" rel="noopener">${say('Acceda di nuovo in una nuova scheda', 'Sign in again in a new tab')}</a>${say(', poi torni qui e prema di nuovo il pulsante: quello che ha scritto è rimasto qui sotto.', ', then come back here and press the button again: what you typed is still below.')}</div>`
    : '';

export function officePage(
  opts: Operator & {
    lang: Lang;
    values?: Record<string, string>;
    fields?: Record<string, string>;
    error?: string;
    /** The applicant's registry record, once looked up. */
    registryRecord?: string;
    /** Set while PIN issuance at offices is suspended: what the desk may still do. */
    suspended?: string;
  },
): string {
  const v = opts.values ?? {};
  const say = sayIn(opts.lang);
  const fields = fieldMessagesIn(opts.lang, opts.fields);
  const field = (name: string, label: string, attrs = '', hint?: string) =>
    formField({ name, label, attrs, hint, value: v[name], error: fields?.[name] });
  return page({
    lang: opts.lang,
    title: say('Sportello', 'Office desk'),
    heading: say('In presenza allo sportello', 'In person at the office'),
    session: opts.operator ? STAFF_SESSION : undefined,
    intro:
      signedInAs(say, opts) +
      say(
        'Il richiedente deve essere presente di persona con un documento d’identità valido: nessun delegato può chiedere per un altro.',
        'The applicant must be here in person with a valid identity document: no delegate may apply for someone else.',
      ),
    nav: officeNav(say),
    body: `${sessionEndedBanner(say, opts)}${opts.suspended ? `<div class="banner" role="status">${escapeHtml(opts.suspended)}</div>` : ''}${opts.error ? `<div class="banner error" role="alert">${escapeHtml(opts.error)}</div>` : ''}
<form method="get" action="/office" class="filters" novalidate>
<div><label for="lookup-fiscalCode">${say('Cerca in anagrafe per codice fiscale', 'Look up the registry by codice fiscale')}</label><input id="lookup-fiscalCode" name="fiscalCode" maxlength="16" autocomplete="off" style="text-transform:uppercase" value="${escapeHtml(v.fiscalCode ?? '')}"></div>
<div class="actions"><button type="submit" class="secondary">${say('Mostra la scheda anagrafica', 'Show the registry record')}</button></div>
</form>
${opts.registryRecord ?? ''}
<form method="post" novalidate>
<fieldset><legend>${say('Richiedente e documento d’identità', 'Applicant and identity document')}</legend><div class="grid">
${field('fiscalCode', 'Codice fiscale', 'required maxlength="16" autocomplete="off" style="text-transform:uppercase"')}
<div><label for="documentType">${say('Documento', 'Document')}</label><select id="documentType" name="documentType">
${[
  ['carta_identita', "Carta d'identità"],
  ['passaporto', 'Passaporto'],
  ['patente', 'Patente di guida'],
]
  .map(([value, label]) => `<option value="${value}"${v.documentType === value ? ' selected' : ''}>${label}</option>`)
  .join('')}
</select></div>
${field('documentNumber', say('Numero del documento', 'Document number'), 'required autocomplete="off"')}
${field('documentIssuedBy', say('Rilasciato da', 'Issued by'), 'required')}
${field('documentExpiresOn', say('Valido fino al', 'Valid until'), 'type="date" required')}
</div></fieldset>
<fieldset><legend>${say('Correzioni anagrafiche', 'Registry corrections')} <small>${say('(solo ciò che il documento riporta diversamente; lasci vuoto il resto)', '(only what the document shows differently; leave the rest empty)')}</small></legend><div class="grid">
${field('firstName', say('Nome', 'First name'))}
${field('lastName', say('Cognome', 'Last name'))}
${field('birthDate', say('Data di nascita', 'Birth date'), 'type="date"')}
${field('street', say('Via e numero civico', 'Street and number'), '', say('residenza: tutti e quattro i campi o nessuno', 'residence: all four or none'))}
${field('city', say('Comune di residenza', 'Comune of residence'))}
${field('province', say('Provincia', 'Province'), 'maxlength="2" style="text-transform:uppercase"')}
${field('postalCode', say('CAP', 'Postal code (CAP)'), 'inputmode="numeric" maxlength="5"')}
${field('email', say('Email per l’esito', 'Email for the outcome'), 'type="email"')}
</div></fieldset>
<fieldset><legend>${say('In presenza', 'In person')}</legend>
<label><input type="checkbox" name="appliedInPerson" value="true" style="width:auto"${v.appliedInPerson === 'true' ? ' checked' : ''} aria-describedby="appliedInPerson-error"> ${say('Il richiedente è allo sportello di persona e ho confrontato il documento con lui', 'The applicant is at the desk in person, and I checked the document against them')}</label>
<p class="field-error" id="appliedInPerson-error" role="alert">${escapeHtml(fields?.appliedInPerson ?? '')}</p>
</fieldset>
<p><button type="submit" formaction="/office/issuances">${say('Rilascia un PIN dispositivo (modulo MV35)', 'Issue a PIN dispositivo (form MV35)')}</button>
<button type="submit" formaction="/office/conversions" class="secondary">${say('Converti il PIN che il richiedente ha già', 'Convert the applicant’s existing PIN')}</button>
<button type="submit" formaction="/office/registry-corrections" class="secondary">${say('Correggi solo l’anagrafe', 'Correct the registry only')}</button></p>
</form>`,
  });
}

function changesTable(say: Say, changes: RegistryChange[]): string {
  if (!changes.length)
    return `<p>${say('L’anagrafe corrispondeva al documento: non è stato corretto nulla.', 'The registry matched the document: nothing was corrected.')}</p>`;
  return `<table id="registry-changes"><thead><tr><th>${say('Campo anagrafico', 'Registry field')}</th><th>${say('Prima', 'Before')}</th><th>${say('Ora', 'Now')}</th></tr></thead><tbody>
${changes.map((c) => `<tr><td>${say(...FIELD_WORDS[c.field])}</td><td>${escapeHtml(c.before ?? '—')}</td><td>${escapeHtml(c.after ?? '—')}</td></tr>`).join('')}
</tbody></table>`;
}

/** Today and now, as the sheet writes them: "1° dicembre 2026, ore 10:05" (Rome). */
const nowWritten = (at = new Date()) =>
  `${writtenDay(at, 'it')}, ore ${at.toLocaleTimeString('it-IT', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Rome' })}`;

/** A PIN as it is read and copied: groups of four characters. */
const inGroups = (pin: string) =>
  (pin.match(/.{1,4}/g) ?? []).map((group) => `<span class="group">${escapeHtml(group)}</span>`).join('');

/**
 * The handover sheet: the PIN, once, to print and give to the applicant. What is printed is an INPS document in
 * Italian (the citizen's); what only the operator sees stays in the console's language.
 */
export function handoverPage(
  lang: Lang,
  outcome: InPersonOutcome & { pin: string },
  operator: string,
  holder: 'citizen' | 'intermediary' = 'citizen',
): string {
  const term =
    holder === 'intermediary'
      ? 'Come intermediario istituzionale, il PIN scade ogni 3 mesi: si rinnova accedendo.'
      : 'Il PIN ha una scadenza: prima glielo ricordiamo per email, e si rinnova semplicemente accedendo.';
  const say = sayIn(lang);
  return page({
    lang,
    languageSwitch: false,
    title: say('Consegna del PIN dispositivo', 'PIN dispositivo: handover'),
    session: STAFF_SESSION,
    heading: say('PIN dispositivo rilasciato', 'PIN dispositivo issued'),
    nav: officeNav(say),
    body: `<section class="card sheet" aria-live="polite" lang="it" id="handover-sheet">
<p class="sheet-head"><strong>INPS</strong> · Istituto Nazionale della Previdenza Sociale<br>Sportello PIN · modulo MV35</p>
<h2>Consegna del PIN dispositivo</h2>
<p>Consegnato a <strong>${escapeHtml(outcome.holderName)}</strong>, codice fiscale ${escapeHtml(outcome.fiscalCode)}, il ${nowWritten()}, dall’operatore ${escapeHtml(operator)}.</p>
<p>Il Suo PIN dispositivo di ${INITIAL_PIN_LENGTH} caratteri:</p>
<p class="pin" id="handover-pin">${inGroups(outcome.pin)}</p>
<h3>Cosa fare</h3>
<ol><li>Vada su www.inps.it, scelga «Entra in MyINPS» e l’accesso con PIN: scriva il Suo codice fiscale e questi ${INITIAL_PIN_LENGTH} caratteri, senza spazi.</li>
<li>Al primo accesso Le sarà assegnato un nuovo PIN personale di 8 caratteri: lo annoti, vale da quel momento.</li></ol>
<p>${term} Non comunichi il PIN a nessuno: l’INPS non Le chiederà mai il PIN, né al telefono né per email. Per aiuto: ${contactCenterInFull().it}.</p>
<p class="receipt">Dichiaro di aver ricevuto il PIN dispositivo sopra indicato.<br><br>Firma del titolare ______________________________ &nbsp; Data ______________</p>
</section>
<section class="card no-print">
<p><strong>${say('Stampi questo foglio e lo consegni ora: il PIN non è conservato e non si può mostrare di nuovo.', 'Print this sheet and hand it over now: the PIN is not kept and cannot be shown again.')}</strong> ${say('L’esito è inviato anche per email al richiedente.', 'The outcome is also emailed to the applicant.')}</p>
<p><button type="button" data-print>${say('Stampa il foglio di consegna', 'Print the handover sheet')}</button> <a class="button secondary" href="/office">${say('Fatto: prossimo richiedente', 'Done: next applicant')}</a></p>
</section>
<section class="card no-print"><h2>${say('Anagrafe', 'Registry')}</h2>${changesTable(say, outcome.registryChanges)}</section>`,
  });
}

export function conversionDonePage(lang: Lang, outcome: InPersonOutcome): string {
  const say = sayIn(lang);
  const who = `<strong>${escapeHtml(outcome.holderName)}</strong> (${escapeHtml(outcome.fiscalCode)})`;
  return page({
    lang,
    title: say('PIN convertito', 'PIN converted'),
    session: STAFF_SESSION,
    heading: say('PIN convertito in dispositivo', 'PIN converted to dispositivo'),
    nav: officeNav(say),
    body: `<section class="card" aria-live="polite">
<p>${say(
      `Il PIN di ${who} ora è un PIN dispositivo. Le sue domande in attesa sono sbloccate, e riceve l’esito per email.`,
      `The PIN of ${who} is now a PIN dispositivo. Their applications waiting for it are released, and they are told by email.`,
    )}</p>
<p><a class="button" href="/office">${say('Prossimo richiedente', 'Next applicant')}</a></p>
</section>
<section class="card"><h2>${say('Anagrafe', 'Registry')}</h2>${changesTable(say, outcome.registryChanges)}</section>`,
  });
}

export function registryCorrectedPage(lang: Lang, outcome: Omit<InPersonOutcome, 'credentialId'>): string {
  const say = sayIn(lang);
  const who = `<strong>${escapeHtml(outcome.holderName)}</strong> (${escapeHtml(outcome.fiscalCode)})`;
  return page({
    lang,
    title: say('Anagrafe corretta', 'Registry corrected'),
    session: STAFF_SESSION,
    heading: say('Anagrafe corretta', 'Registry corrected'),
    nav: officeNav(say),
    body: `<section class="card" aria-live="polite">
<p>${say(
      `La scheda anagrafica di ${who}, dal documento d’identità visto allo sportello. Ogni modifica è nella traccia di controllo, con chi l’ha fatta e da quale documento.`,
      `The registry record of ${who}, from the identity document seen at the desk. Each change is in the audit trail with who made it and from which document.`,
    )}</p>
${changesTable(say, outcome.registryChanges)}
<p><a class="button" href="/office">${say('Prossimo richiedente', 'Next applicant')}</a></p>
</section>`,
  });
}

/** An institutional intermediary (patronato, labour consultant) at the desk for their PIN. */
export function intermediaryPage(
  opts: Operator & {
    lang: Lang;
    fiscalCode?: string;
    /** Kept when the form comes back, as typed. */
    identityDocumentChecked?: boolean;
    error?: string;
    fields?: Record<string, string>;
  },
): string {
  const say = sayIn(opts.lang);
  const fields = fieldMessagesIn(opts.lang, opts.fields);
  return page({
    lang: opts.lang,
    title: say('PIN per intermediari', 'Intermediary PIN'),
    session: opts.operator ? STAFF_SESSION : undefined,
    heading: say('PIN per un intermediario istituzionale', 'PIN for an institutional intermediary'),
    intro:
      signedInAs(say, opts) +
      say(
        'Per patronati, consulenti del lavoro e intermediari simili iscritti in anagrafe: un PIN dispositivo che scade ogni 3 mesi. L’intermediario lo ritira di persona.',
        'For patronati, labour consultants and similar intermediaries listed in the registry: a PIN dispositivo that expires every 3 months. The intermediary collects it in person.',
      ),
    nav: officeNav(say),
    body: `${sessionEndedBanner(say, opts)}${opts.error ? `<div class="banner error" role="alert">${escapeHtml(opts.error)}</div>` : ''}
<form method="post" action="/office/intermediaries" class="card" novalidate>
<div class="grid">${formField({ name: 'fiscalCode', label: say('Codice fiscale dell’intermediario', 'Codice fiscale of the intermediary'), attrs: 'required maxlength="16" autocomplete="off" style="text-transform:uppercase"', value: opts.fiscalCode, error: fields?.fiscalCode })}</div>
<p><label><input type="checkbox" name="identityDocumentChecked" value="true" style="width:auto"${opts.identityDocumentChecked ? ' checked' : ''} aria-describedby="identityDocumentChecked-error"> ${say('L’intermediario è qui di persona e ho controllato il suo documento d’identità', 'The intermediary is here in person, and I checked their identity document')}</label></p>
<p class="field-error" id="identityDocumentChecked-error" role="alert">${escapeHtml(fields?.identityDocumentChecked ?? '')}</p>
<p><button type="submit">${say('Rilascia il PIN dell’intermediario', 'Issue the intermediary’s PIN')}</button></p>
</form>`,
  });
}
