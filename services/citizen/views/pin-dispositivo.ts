// The citizen's screens for the PIN dispositivo: the conversion request (download the form, return it signed, where
// it stands) and benefit applications (filed, waiting for the PIN dispositivo, processed). Plain forms, no script.
import type { ConversionRejectionReason } from '../../../domain/conversion';
import { banner, escapeHtml } from '../../shared/html';
import { dayIn, fieldMessagesIn, sayIn, type Lang } from '../../shared/i18n';
import type { ApplicationView, ConversionView } from '../pin-dispositivo';
import { citizenPage, errorSummary, stackingTable } from './layout';

const dayAndTime = (lang: Lang, iso: string) =>
  new Date(iso).toLocaleString(lang === 'it' ? 'it-IT' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Rome',
  });

function rejectionReasonText(lang: Lang, reason: ConversionRejectionReason): string {
  const say = sayIn(lang);
  switch (reason) {
    case 'incomplete':
      return say(
        'mancano il modulo firmato o il documento d’identità',
        'the signed form or the identity document is missing',
      );
    case 'illegible':
      return say('i documenti non sono leggibili', 'the documents are illegible');
    case 'registry_mismatch':
      return say('i dati non corrispondono all’anagrafe', 'the data do not match the registry');
  }
}

/** Where a conversion stands and what happens next, in plain words. */
function conversionStatusText(lang: Lang, c: ConversionView): string {
  const say = sayIn(lang);
  const by = {
    upload: say('online', 'by upload'),
    fax: say('via fax', 'by fax'),
    office: say('in sede', 'at the office'),
  };
  switch (c.status) {
    case 'awaiting_documents':
      // Returned, and on their way to a reviewer: never "waiting" for what has just arrived.
      if (c.returnedBy)
        return say(
          `I Suoi documenti sono arrivati ${by[c.returnedBy]}. Li stiamo passando a un operatore del contact center per la verifica; riceverà l’esito per email.`,
          `Your documents arrived ${by[c.returnedBy]}. We are passing them to a contact-center operator for checking; you will get an email with the outcome.`,
        );
      return say(
        'In attesa del modulo firmato e della copia del Suo documento d’identità.',
        'Waiting for your signed form and a copy of your identity document.',
      );
    case 'in_review':
      return say(
        `I Suoi documenti sono arrivati${c.returnedBy ? ` ${by[c.returnedBy]}` : ''} il ${dayIn(lang, c.updatedAt)}. Un operatore del contact center li sta verificando; riceverà l’esito per email.`,
        `Your documents arrived${c.returnedBy ? ` ${by[c.returnedBy]}` : ''} on ${dayIn(lang, c.updatedAt)}. A contact-center operator is checking them; you will get an email with the outcome.`,
      );
    case 'approved':
      return say(
        `Approvata il ${dayIn(lang, c.decidedAt ?? c.updatedAt)}: il Suo PIN ora è un PIN dispositivo. Le domande presentate nell’attesa vengono lavorate, con la loro data di presentazione originale.`,
        `Approved on ${dayIn(lang, c.decidedAt ?? c.updatedAt)}: your PIN is now a PIN dispositivo. Applications you filed while waiting are being processed, with their original filing date.`,
      );
    case 'rejected': {
      const why = c.rejectionReason
        ? rejectionReasonText(lang, c.rejectionReason)
        : say('i documenti non sono stati accettati', 'the documents were not accepted');
      return say(
        `Annullata il ${dayIn(lang, c.decidedAt ?? c.updatedAt)}: ${why}. Il Suo PIN resta un PIN ordinario e continua a funzionare. Può chiedere un nuovo modulo.`,
        `Cancelled on ${dayIn(lang, c.decidedAt ?? c.updatedAt)}: ${why}. Your PIN is still a PIN ordinario and keeps working. You can ask for a new form.`,
      );
    }
    case 'expired':
      return say(
        'Il modulo non è stato restituito in tempo, quindi la richiesta è decaduta. Può chiedere un nuovo modulo.',
        'The form was not returned in time, so this request lapsed. You can ask for a new form.',
      );
  }
}

export function conversionPage(
  lang: Lang,
  c: ConversionView,
  opts: { faxNumber: string; maxMegabytes: number; error?: string; fields?: Record<string, string>; notice?: string },
): string {
  const say = sayIn(lang);
  const fields = fieldMessagesIn(lang, opts.fields);
  const fileField = (name: 'signedForm' | 'identityDocument', label: string) => {
    const error = fields?.[name];
    return `<div><label for="${name}">${label}</label>
<input id="${name}" name="${name}" type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" required aria-describedby="${name}-hint ${name}-error"${error ? ' aria-invalid="true"' : ''}>
<p class="meta" id="${name}-hint">${say(`PDF, JPEG o PNG, al massimo ${opts.maxMegabytes.toLocaleString('it-IT')} MB.`, `PDF, JPEG or PNG, at most ${opts.maxMegabytes.toLocaleString('en-GB')} MB.`)}</p>
<p class="field-error" id="${name}-error" role="alert">${error ? escapeHtml(error) : ''}</p></div>`;
  };
  const waiting = c.status === 'awaiting_documents' && !c.returnedBy;
  const steps = waiting
    ? `<section class="card">
<h2>${say('1. Scarichi, stampi e firmi il modulo', '1. Download, print and sign the form')}</h2>
<p>${say('È compilato con i Suoi dati e riporta il codice', 'It is filled in with your data and carries the code')} <strong>${escapeHtml(c.requestCode)}</strong>. <a class="button" href="${escapeHtml(c.formUrl)}" download>${say('Scarica il modulo (PDF)', 'Download the form (PDF)')}</a></p>
<h2>${say('2. Lo rimandi con la copia del documento d’identità', '2. Send it back with a copy of your identity document')}</h2>
<form method="post" action="/conversions/${escapeHtml(c.conversionId)}/documents" enctype="multipart/form-data" novalidate>
<div class="grid">
${fileField('signedForm', say('Il modulo firmato', 'The signed form'))}
${fileField('identityDocument', say('Il documento d’identità (fronte e retro)', 'Your identity document (both sides)'))}
</div>
<p><button type="submit">${say('Invia i documenti', 'Send the documents')}</button></p>
</form>
<p class="meta">${say(
        `Oppure li invii via fax al numero gratuito <strong>${escapeHtml(opts.faxNumber)}</strong>, con il modulo come prima pagina: il suo codice QR ci dice di quale richiesta si tratta. Oppure li consegni in una sede INPS.`,
        `Or fax both to <strong>${escapeHtml(opts.faxNumber)}</strong> (free), with the form as the first page: its QR code tells us which request it is. Or hand them in at an INPS office.`,
      )}</p>
</section>`
    : '';
  return citizenPage(lang, {
    title: say('Converti PIN', 'Convert your PIN'),
    heading: say('Converta il Suo PIN in PIN dispositivo', 'Convert your PIN to a PIN dispositivo'),
    intro: say(
      'Con un PIN dispositivo può presentare domande di prestazione (pensione, NASpI, assegno unico). Il PIN resta lo stesso; cambia solo ciò che permette di fare.',
      'A PIN dispositivo lets you file applications for benefits (pension, NASpI, family allowance). Your PIN stays the same; only what it can do changes.',
    ),
    nav: 'signedIn',
    body: `${errorSummary(lang, {
      message: opts.error,
      fields: [
        { name: 'signedForm', label: say('Il modulo firmato', 'The signed form') },
        { name: 'identityDocument', label: say('Il documento d’identità', 'Your identity document') },
      ],
      errors: fields,
    })}${banner(opts.notice, 'ok')}
<section class="card" aria-live="polite">
<p class="meta">${say('Richiesta', 'Request')} ${escapeHtml(c.requestCode)} · ${say('del', 'asked on')} ${dayIn(lang, c.requestedAt)}</p>
<p id="conversion-status" data-status="${c.status}"><strong>${escapeHtml(conversionStatusText(lang, c))}</strong></p>
${c.status === 'rejected' || c.status === 'expired' ? `<form method="post" action="/conversions"><button type="submit">${say('Chiedi un nuovo modulo', 'Ask for a new form')}</button></form>` : ''}
</section>
${steps}
<p><a href="/home">${say('Torna ai Suoi servizi', 'Back to your services')}</a></p>`,
  });
}

function applicationStatusText(lang: Lang, a: ApplicationView): string {
  const say = sayIn(lang);
  switch (a.status) {
    case 'waiting_for_pin_dispositivo':
      return say(
        'In attesa del Suo PIN dispositivo. È presentata: la data di presentazione resta valida, e sarà lavorata appena il PIN sarà convertito.',
        'Waiting for your PIN dispositivo. It is filed: the filing date is kept, and it will be processed as soon as your PIN is converted.',
      );
    case 'processing':
      return say('In corso di invio all’ufficio che la lavora.', 'Being handed to the office that processes it.');
    case 'processed':
      return say(
        `Lavorata il ${dayIn(lang, a.processedAt!)}: passata all’ufficio che decide.`,
        `Processed on ${dayIn(lang, a.processedAt!)}: handed to the office that decides on it.`,
      );
  }
}
const applicationStatusLabel = (lang: Lang, status: ApplicationView['status']) =>
  ({
    waiting_for_pin_dispositivo: sayIn(lang)('In attesa del PIN dispositivo', 'Waiting for PIN dispositivo'),
    processing: sayIn(lang)('In lavorazione', 'Processing'),
    processed: sayIn(lang)('Lavorata', 'Processed'),
  })[status];

export function applicationsTable(lang: Lang, applications: ApplicationView[]): string {
  const say = sayIn(lang);
  if (!applications.length)
    return `<p class="empty">${say('Non ha presentato domande.', 'You have not filed any application.')}</p>`;
  return stackingTable({
    id: 'applications',
    columns: [
      say('Protocollo', 'Protocol'),
      say('Servizio', 'Service'),
      say('Presentata il', 'Filed on'),
      say('A che punto è', 'Where it stands'),
    ],
    rows: applications.map((a) => ({
      attrs: `data-application="${escapeHtml(a.applicationId)}" data-status="${a.status}"`,
      cells: [
        escapeHtml(a.protocolNumber),
        escapeHtml(a.serviceName),
        `<span class="filed-at">${dayAndTime(lang, a.filedAt)}</span>`,
        `<span class="tag">${applicationStatusLabel(lang, a.status)}</span><br>${escapeHtml(applicationStatusText(lang, a))}`,
      ],
    })),
  });
}

export function applicationFiledPage(lang: Lang, a: ApplicationView): string {
  const say = sayIn(lang);
  return citizenPage(lang, {
    title: say('Domanda presentata', 'Application filed'),
    heading: say('Domanda presentata', 'Application filed'),
    nav: 'signedIn',
    body: `<section class="card" aria-live="polite">
<p><strong>${escapeHtml(a.serviceName)}</strong>: ${say('numero di protocollo', 'protocol number')} <strong>${escapeHtml(a.protocolNumber)}</strong>, ${say('presentata il', 'filed on')} ${dayAndTime(lang, a.filedAt)}. ${say('Conservi il numero di protocollo.', 'Keep the protocol number.')}</p>
<p>${escapeHtml(applicationStatusText(lang, a))}</p>
${a.status === 'waiting_for_pin_dispositivo' ? `<p><a href="/home#pin-dispositivo">${say('Converta ora il Suo PIN', 'Convert your PIN now')}</a></p>` : ''}
<p><a href="/home#applications">${say('Vedi tutte le Sue domande', 'See all your applications')}</a></p>
</section>`,
  });
}

/** The home's PIN dispositivo box: get the form, or follow the request already made. */
export function pinDispositivoBox(
  lang: Lang,
  kind: 'ordinario' | 'dispositivo',
  conversions: ConversionView[],
): string {
  const say = sayIn(lang);
  if (kind === 'dispositivo') return '';
  const live = conversions.find((c) => c.status === 'awaiting_documents' || c.status === 'in_review');
  const last = conversions[0];
  return `<section class="card" id="pin-dispositivo">
<h2>${say('Converti PIN', 'Convert your PIN')}</h2>
${
  live
    ? `<p>${say('Richiesta', 'Request')} ${escapeHtml(live.requestCode)}: ${escapeHtml(conversionStatusText(lang, live))}</p><p><a class="button" href="/conversions/${escapeHtml(live.conversionId)}">${say('Continua la conversione', 'Continue the conversion')}</a></p>`
    : `${last ? `<p class="meta">${say('Ultima richiesta', 'Last request')} ${escapeHtml(last.requestCode)}: ${escapeHtml(conversionStatusText(lang, last))}</p>` : ''}<p>${say('Per presentare domande di prestazione serve un PIN dispositivo. Scarichi un modulo già compilato con i Suoi dati, lo firmi e lo rimandi con la copia del documento d’identità.', 'To file applications for benefits you need a PIN dispositivo. Get a form filled in with your data, sign it, and send it back with a copy of your identity document.')}</p>
<form method="post" action="/conversions"><button type="submit">${say('Scarica il modulo di conversione', 'Get the conversion form')}</button></form>`
}
</section>`;
}
