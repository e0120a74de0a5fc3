// The office desk's screens for the in-person procedures: one form (the applicant, the identity document, the
// corrections the document calls for, the in-person confirmation) with three outcomes: a PIN dispositivo issued from
// form MV35, shown once on a printable handover sheet; an existing PIN converted; or the registry corrected alone,
// before and after side by side. And an intermediary's PIN. Plain forms, no script.
import { writtenDay } from '../../../domain/written-dates';
import { INITIAL_PIN_LENGTH } from '../../../domain/pin';
import type { RegistryChange } from '../../../repositories/registry';
import { escapeHtml, formField, page } from '../../shared/html';
import type { PersonRow } from '../../../infra/db/schema';
import type { InPersonOutcome } from '../in-person';

const FIELD_LABELS: Record<RegistryChange['field'], string> = {
  first_name: 'First name',
  last_name: 'Last name',
  birth_date: 'Birth date',
  sex: 'Sex',
  birth_place: 'Birthplace',
  birth_province: 'Birth province',
  street: 'Street',
  city: 'Comune',
  province: 'Province',
  postal_code: 'Postal code',
  email: 'Email',
};

const officeNav = `<nav class="top" aria-label="Office"><a href="/office">New procedure</a><a href="/office/intermediaries">Intermediaries</a><a href="/">Console</a></nav>`;

/** What the registry holds now for the applicant: compared with the document before anything is corrected. */
export function registryRecordCard(person: PersonRow): string {
  const rows: [string, string | null][] = [
    ['First name', person.first_name],
    ['Last name', person.last_name],
    ['Birth date', person.birth_date],
    ['Sex', person.sex],
    ['Birthplace', `${person.birth_place} (${person.birth_province})`],
    ['Residence', `${person.street}, ${person.postal_code} ${person.city} (${person.province})`],
    ['Email', person.email],
  ];
  return `<section class="card" id="registry-record"><h2>The registry now</h2>
<p class="meta">Compare it with the document. Type below only what the document shows differently.</p>
<table>${rows.map(([label, value]) => `<tr><th scope="row">${label}</th><td>${escapeHtml(value ?? '—')}</td></tr>`).join('')}</table></section>`;
}

export function officePage(opts: {
  operator: string;
  values?: Record<string, string>;
  fields?: Record<string, string>;
  error?: string;
  /** The applicant's registry record, once looked up. */
  registryRecord?: string;
  /** Set while PIN issuance at offices is suspended: what the desk may still do. */
  suspended?: string;
}): string {
  const v = opts.values ?? {};
  const field = (name: string, label: string, attrs = '', hint?: string) =>
    formField({ name, label, attrs, hint, value: v[name], error: opts.fields?.[name] });
  return page({
    title: 'Office desk',
    heading: 'In person at the office',
    intro: `Signed in as ${escapeHtml(opts.operator)}. The applicant must be here in person with a valid identity document: no delegate may apply for someone else.`,
    nav: officeNav,
    body: `${opts.suspended ? `<div class="banner" role="status">${escapeHtml(opts.suspended)}</div>` : ''}${opts.error ? `<div class="banner error" role="alert">${escapeHtml(opts.error)}</div>` : ''}
<form method="get" action="/office" class="filters" novalidate>
<div><label for="lookup-fiscalCode">Look up the registry by codice fiscale</label><input id="lookup-fiscalCode" name="fiscalCode" maxlength="16" autocomplete="off" style="text-transform:uppercase" value="${escapeHtml(v.fiscalCode ?? '')}"></div>
<div class="actions"><button type="submit" class="secondary">Show the registry record</button></div>
</form>
${opts.registryRecord ?? ''}
<form method="post" novalidate>
<fieldset><legend>Applicant and identity document</legend><div class="grid">
${field('fiscalCode', 'Codice fiscale', 'required maxlength="16" autocomplete="off" style="text-transform:uppercase"')}
<div><label for="documentType">Document</label><select id="documentType" name="documentType">
${[
  ['carta_identita', "Carta d'identità"],
  ['passaporto', 'Passaporto'],
  ['patente', 'Patente di guida'],
]
  .map(([value, label]) => `<option value="${value}"${v.documentType === value ? ' selected' : ''}>${label}</option>`)
  .join('')}
</select></div>
${field('documentNumber', 'Document number', 'required autocomplete="off"')}
${field('documentIssuedBy', 'Issued by', 'required')}
${field('documentExpiresOn', 'Valid until', 'type="date" required')}
</div></fieldset>
<fieldset><legend>Registry corrections <small>(only what the document shows differently; leave the rest empty)</small></legend><div class="grid">
${field('firstName', 'First name')}
${field('lastName', 'Last name')}
${field('birthDate', 'Birth date', 'type="date"')}
${field('street', 'Street and number', '', 'residence: all four or none')}
${field('city', 'Comune of residence')}
${field('province', 'Province', 'maxlength="2" style="text-transform:uppercase"')}
${field('postalCode', 'Postal code (CAP)', 'inputmode="numeric" maxlength="5"')}
${field('email', 'Email for the outcome', 'type="email"')}
</div></fieldset>
<fieldset><legend>In person</legend>
<label><input type="checkbox" name="appliedInPerson" value="true" style="width:auto"${v.appliedInPerson === 'true' ? ' checked' : ''} aria-describedby="appliedInPerson-error"> The applicant is at the desk in person, and I checked the document against them</label>
<p class="field-error" id="appliedInPerson-error" role="alert">${escapeHtml(opts.fields?.appliedInPerson ?? '')}</p>
</fieldset>
<p><button type="submit" formaction="/office/issuances">Issue a PIN dispositivo (form MV35)</button>
<button type="submit" formaction="/office/conversions" class="secondary">Convert the applicant's existing PIN</button>
<button type="submit" formaction="/office/registry-corrections" class="secondary">Correct the registry only</button></p>
</form>`,
  });
}

function changesTable(changes: RegistryChange[]): string {
  if (!changes.length) return '<p>The registry matched the document: nothing was corrected.</p>';
  return `<table id="registry-changes"><thead><tr><th>Registry field</th><th>Before</th><th>Now</th></tr></thead><tbody>
${changes.map((c) => `<tr><td>${FIELD_LABELS[c.field]}</td><td>${escapeHtml(c.before ?? '—')}</td><td>${escapeHtml(c.after ?? '—')}</td></tr>`).join('')}
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
  outcome: InPersonOutcome & { pin: string },
  operator: string,
  holder: 'citizen' | 'intermediary' = 'citizen',
): string {
  const term =
    holder === 'intermediary'
      ? 'Come intermediario istituzionale, il PIN scade ogni 3 mesi: si rinnova accedendo.'
      : 'Il PIN ha una scadenza: prima glielo ricordiamo per email, e si rinnova semplicemente accedendo.';
  return page({
    title: 'PIN dispositivo: handover',
    heading: 'PIN dispositivo issued',
    nav: officeNav,
    body: `<section class="card sheet" aria-live="polite" lang="it" id="handover-sheet">
<p class="sheet-head"><strong>INPS</strong> · Istituto Nazionale della Previdenza Sociale<br>Sportello PIN · modulo MV35</p>
<h2>Consegna del PIN dispositivo</h2>
<p>Consegnato a <strong>${escapeHtml(outcome.holderName)}</strong>, codice fiscale ${escapeHtml(outcome.fiscalCode)}, il ${nowWritten()}, dall’operatore ${escapeHtml(operator)}.</p>
<p>Il Suo PIN dispositivo di ${INITIAL_PIN_LENGTH} caratteri:</p>
<p class="pin" id="handover-pin">${inGroups(outcome.pin)}</p>
<h3>Cosa fare</h3>
<ol><li>Vada su www.inps.it, scelga «Entra in MyINPS» e l’accesso con PIN: scriva il Suo codice fiscale e questi ${INITIAL_PIN_LENGTH} caratteri, senza spazi.</li>
<li>Al primo accesso Le sarà assegnato un nuovo PIN personale di 8 caratteri: lo annoti, vale da quel momento.</li></ol>
<p>${term} Non comunichi il PIN a nessuno: l’INPS non Le chiederà mai il PIN, né al telefono né per email. Per aiuto: 803 164, gratuito da rete fissa; 06 164 164 da cellulare.</p>
<p class="receipt">Dichiaro di aver ricevuto il PIN dispositivo sopra indicato.<br><br>Firma del titolare ______________________________ &nbsp; Data ______________</p>
</section>
<section class="card no-print">
<p><strong>Print this sheet and hand it over now: the PIN is not kept and cannot be shown again.</strong> The outcome is also emailed to the applicant.</p>
<p><button type="button" data-print>Print the handover sheet</button> <a class="button secondary" href="/office">Done: next applicant</a></p>
</section>
<section class="card no-print"><h2>Registry</h2>${changesTable(outcome.registryChanges)}</section>`,
  });
}

export function conversionDonePage(outcome: InPersonOutcome): string {
  return page({
    title: 'PIN converted',
    heading: 'PIN converted to dispositivo',
    nav: officeNav,
    body: `<section class="card" aria-live="polite">
<p>The PIN of <strong>${escapeHtml(outcome.holderName)}</strong> (${escapeHtml(outcome.fiscalCode)}) is now a PIN dispositivo. Their applications waiting for it are released, and they are told by email.</p>
<p><a class="button" href="/office">Next applicant</a></p>
</section>
<section class="card"><h2>Registry</h2>${changesTable(outcome.registryChanges)}</section>`,
  });
}

export function registryCorrectedPage(outcome: Omit<InPersonOutcome, 'credentialId'>): string {
  return page({
    title: 'Registry corrected',
    heading: 'Registry corrected',
    nav: officeNav,
    body: `<section class="card" aria-live="polite">
<p>The registry record of <strong>${escapeHtml(outcome.holderName)}</strong> (${escapeHtml(outcome.fiscalCode)}), from the identity document seen at the desk. Each change is in the audit trail with who made it and from which document.</p>
${changesTable(outcome.registryChanges)}
<p><a class="button" href="/office">Next applicant</a></p>
</section>`,
  });
}

/** An institutional intermediary (patronato, labour consultant) at the desk for their PIN. */
export function intermediaryPage(opts: {
  operator: string;
  fiscalCode?: string;
  error?: string;
  fields?: Record<string, string>;
}): string {
  return page({
    title: 'Intermediary PIN',
    heading: 'PIN for an institutional intermediary',
    intro: `Signed in as ${escapeHtml(opts.operator)}. For patronati, labour consultants and similar intermediaries listed in the registry: a PIN dispositivo that expires every 3 months. The intermediary collects it in person.`,
    nav: officeNav,
    body: `${opts.error ? `<div class="banner error" role="alert">${escapeHtml(opts.error)}</div>` : ''}
<form method="post" action="/office/intermediaries" class="card" novalidate>
<div class="grid">${formField({ name: 'fiscalCode', label: 'Codice fiscale of the intermediary', attrs: 'required maxlength="16" autocomplete="off" style="text-transform:uppercase"', value: opts.fiscalCode, error: opts.fields?.fiscalCode })}</div>
<p><label><input type="checkbox" name="identityDocumentChecked" value="true" style="width:auto" aria-describedby="identityDocumentChecked-error"> The intermediary is here in person, and I checked their identity document</label></p>
<p class="field-error" id="identityDocumentChecked-error" role="alert">${escapeHtml(opts.fields?.identityDocumentChecked ?? '')}</p>
<p><button type="submit">Issue the intermediary's PIN</button></p>
</form>`,
  });
}
