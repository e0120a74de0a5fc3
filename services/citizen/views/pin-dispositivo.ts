// The citizen's screens for the PIN dispositivo: the conversion request (download the form, return it signed, where
// it stands) and benefit applications (filed, waiting for the PIN dispositivo, processed). Plain forms, no script.
import { REJECTION_REASONS } from '../../../domain/conversion';
import { escapeHtml, page } from '../../shared/html';
import type { ApplicationView, ConversionView } from '../pin-dispositivo';
import { signedInNav } from './nav';

const day = (iso: string) =>
  new Date(iso).toLocaleDateString('it-IT', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Rome',
  });
const dayAndTime = (iso: string) =>
  new Date(iso).toLocaleString('it-IT', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Rome',
  });
const banner = (message?: string, kind: 'error' | 'ok' = 'error') =>
  message ? `<div class="banner ${kind}" role="alert">${escapeHtml(message)}</div>` : '';

/** Where a conversion stands and what happens next, in plain words. */
function conversionStatusText(c: ConversionView): string {
  switch (c.status) {
    case 'awaiting_documents':
      return 'Waiting for your signed form and a copy of your identity document.';
    case 'in_review':
      return `Your documents arrived${c.returnedBy ? ` by ${c.returnedBy}` : ''} on ${day(c.updatedAt)}. A contact-center operator is checking them; you will get an email with the outcome.`;
    case 'approved':
      return `Approved on ${day(c.decidedAt ?? c.updatedAt)}: your PIN is now a PIN dispositivo. Applications you filed while waiting are being processed, with their original filing date.`;
    case 'rejected':
      return `Cancelled on ${day(c.decidedAt ?? c.updatedAt)}: ${c.rejectionReason ? REJECTION_REASONS[c.rejectionReason].toLowerCase() : 'the documents were not accepted'}. Your PIN is still a PIN ordinario and keeps working. You can ask for a new form.`;
    case 'expired':
      return 'The form was not returned in time, so this request lapsed. You can ask for a new form.';
  }
}

export function conversionPage(
  c: ConversionView,
  opts: { faxNumber: string; maxMegabytes: number; error?: string; fields?: Record<string, string>; notice?: string },
): string {
  const fileField = (name: 'signedForm' | 'identityDocument', label: string) => {
    const error = opts.fields?.[name];
    return `<div><label for="${name}">${label}</label>
<input id="${name}" name="${name}" type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" required aria-describedby="${name}-hint ${name}-error"${error ? ' aria-invalid="true"' : ''}>
<p class="meta" id="${name}-hint">PDF, JPEG or PNG, at most ${opts.maxMegabytes} MB.</p>
<p class="field-error" id="${name}-error" role="alert">${error ? escapeHtml(error) : ''}</p></div>`;
  };
  const waiting = c.status === 'awaiting_documents' && !c.returnedBy;
  const steps = waiting
    ? `<section class="card">
<h2>1. Download, print and sign the form</h2>
<p>It is filled in with your data and carries the code <strong>${escapeHtml(c.requestCode)}</strong>. <a class="button" href="${escapeHtml(c.formUrl)}" download>Download the form (PDF)</a></p>
<h2>2. Send it back with a copy of your identity document</h2>
<form method="post" action="/conversions/${escapeHtml(c.conversionId)}/documents" enctype="multipart/form-data" novalidate>
<div class="grid">
${fileField('signedForm', 'The signed form')}
${fileField('identityDocument', 'Your identity document (both sides)')}
</div>
<p><button type="submit">Send the documents</button></p>
</form>
<p class="meta">Or fax both to <strong>${escapeHtml(opts.faxNumber)}</strong> (free), with the form as the first page: its QR code tells us which request it is. Or hand them in at an INPS office.</p>
</section>`
    : '';
  return page({
    title: 'Converti PIN',
    heading: 'Convert your PIN to a PIN dispositivo',
    intro:
      'A PIN dispositivo lets you file applications for benefits (pension, NASpI, family allowance). Your PIN stays the same; only what it can do changes.',
    nav: signedInNav,
    body: `${banner(opts.error)}${banner(opts.notice, 'ok')}
<section class="card" aria-live="polite">
<p class="meta">Request ${escapeHtml(c.requestCode)} · asked on ${day(c.requestedAt)}</p>
<p id="conversion-status" data-status="${c.status}"><strong>${escapeHtml(conversionStatusText(c))}</strong></p>
${c.status === 'rejected' || c.status === 'expired' ? '<form method="post" action="/conversions"><button type="submit">Ask for a new form</button></form>' : ''}
</section>
${steps}
<p><a href="/home">Back to your services</a></p>`,
  });
}

const APPLICATION_STATUS: Record<ApplicationView['status'], (a: ApplicationView) => string> = {
  waiting_for_pin_dispositivo: () =>
    'Waiting for your PIN dispositivo. It is filed: the filing date is kept, and it will be processed as soon as your PIN is converted.',
  processing: () => 'Being handed to the office that processes it.',
  processed: (a) => `Processed on ${day(a.processedAt!)}: handed to the office that decides on it.`,
};
const APPLICATION_STATUS_LABEL: Record<ApplicationView['status'], string> = {
  waiting_for_pin_dispositivo: 'Waiting for PIN dispositivo',
  processing: 'Processing',
  processed: 'Processed',
};

export function applicationsTable(applications: ApplicationView[]): string {
  if (!applications.length) return '<p class="empty">You have not filed any application.</p>';
  return `<table id="applications"><thead><tr><th>Protocol</th><th>Service</th><th>Filed on</th><th>Where it stands</th></tr></thead><tbody>
${applications
  .map(
    (a) =>
      `<tr data-application="${escapeHtml(a.applicationId)}" data-status="${a.status}"><td>${escapeHtml(a.protocolNumber)}</td><td>${escapeHtml(a.serviceName)}</td><td class="filed-at">${dayAndTime(a.filedAt)}</td><td><span class="tag">${APPLICATION_STATUS_LABEL[a.status]}</span><br>${escapeHtml(APPLICATION_STATUS[a.status](a))}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`;
}

export function applicationFiledPage(a: ApplicationView): string {
  return page({
    title: 'Application filed',
    heading: 'Application filed',
    nav: signedInNav,
    body: `<section class="card" aria-live="polite">
<p><strong>${escapeHtml(a.serviceName)}</strong>: protocol number <strong>${escapeHtml(a.protocolNumber)}</strong>, filed on ${dayAndTime(a.filedAt)}. Keep the protocol number.</p>
<p>${escapeHtml(APPLICATION_STATUS[a.status](a))}</p>
${a.status === 'waiting_for_pin_dispositivo' ? '<p><a href="/home#pin-dispositivo">Convert your PIN now</a></p>' : ''}
<p><a href="/home#applications">See all your applications</a></p>
</section>`,
  });
}

/** The home's PIN dispositivo box: get the form, or follow the request already made. */
export function pinDispositivoBox(kind: 'ordinario' | 'dispositivo', conversions: ConversionView[]): string {
  if (kind === 'dispositivo') return '';
  const live = conversions.find((c) => c.status === 'awaiting_documents' || c.status === 'in_review');
  const last = conversions[0];
  return `<section class="card" id="pin-dispositivo">
<h2>Converti PIN</h2>
${
  live
    ? `<p>Request ${escapeHtml(live.requestCode)}: ${escapeHtml(conversionStatusText(live))}</p><p><a class="button" href="/conversions/${escapeHtml(live.conversionId)}">Continue the conversion</a></p>`
    : `${last ? `<p class="meta">Last request ${escapeHtml(last.requestCode)}: ${escapeHtml(conversionStatusText(last))}</p>` : ''}<p>To file applications for benefits you need a PIN dispositivo. Get a form filled in with your data, sign it, and send it back with a copy of your identity document.</p>
<form method="post" action="/conversions"><button type="submit">Get the conversion form</button></form>`
}
</section>`;
}
