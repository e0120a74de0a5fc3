// What a PIN's holder is told when something happens to it (brief, "The switch to SPID": no outcome silently
// dropped): the notice as facts, and its words in Italian and English, one wording for the email, the SMS and the
// home page of someone INPS can reach by neither. Every notice ends with the numbers to call.
import { writtenDay } from './written-dates';
import { CONTACT_CENTER, contactCenterInFull } from './contact-center';
import type { ConversionRejectionReason } from './conversion';
import type { RevocationReason } from './credential';

/** What a notice says, as facts (reason codes, dates, codes; never a secret). */
export type HolderNotice =
  | { kind: 'pin_revoked'; reason: RevocationReason }
  | { kind: 'coming_of_age_notice'; day: string }
  | { kind: 'pin_retirement_notice'; day: string }
  | { kind: 'conversion_approved' }
  | { kind: 'conversion_rejected'; reason: ConversionRejectionReason; requestCode: string }
  | { kind: 'conversion_lapsed'; requestCode: string }
  | { kind: 'issued_at_office' };

type Language = 'it' | 'en';
type Both = Record<Language, string>;

/** What the reader's situation changes in the words: whether INPS offices issue and convert PINs now. */
export interface NoticeContext {
  officeOpen: boolean;
}

/** The numbers to call, as every notice of the SPID era ends: free from landlines, at the caller's cost from mobiles. */
export const HELPLINES: Both = {
  it: `Per informazioni: ${contactCenterInFull().it}.`,
  en: `For information: ${contactCenterInFull().en}.`,
};
const HELPLINES_SMS = `Info ${CONTACT_CENTER.landline.shown} (da fisso) o ${CONTACT_CENTER.mobile.shown} (da cellulare).`;
const NEVER_ASKED: Both = {
  it: 'L’INPS non Le chiederà mai il PIN per telefono o per email.',
  en: 'INPS will never ask you for your PIN by phone or by email.',
};
const SIGN_IN_OTHERWISE: Both = {
  it:
    'Può accedere ai servizi online dell’INPS con SPID (lo rilasciano i gestori di identità digitale elencati su ' +
    'www.spid.gov.it), con la carta d’identità elettronica (CIE, la chiede al Suo Comune) o con la carta nazionale ' +
    'dei servizi (CNS): aprono gli stessi servizi.',
  en:
    'You can use INPS’s online services with SPID (issued by the digital identity providers listed at ' +
    'www.spid.gov.it), with the electronic identity card (CIE, from your comune) or with the national services card ' +
    '(CNS): they open the same services.',
};

const REVOCATION_WHY: Partial<Record<RevocationReason, Both>> = {
  revoked_by_office: { it: 'è stato revocato presso una sede INPS.', en: 'it was revoked at an INPS office.' },
  retired_for_spid: {
    it: 'lo ha dismesso Lei, accedendo con SPID, CIE o CNS.',
    en: 'you retired it yourself, signed in with SPID, CIE or CNS.',
  },
  came_of_age: {
    it: 'era un PIN rilasciato a un minorenne, e termina al compimento dei 18 anni.',
    en: 'it was a PIN issued to a minor, and it ends at 18.',
  },
  retired_at_end_of_transition: {
    it: 'il PIN INPS non è più in uso per chi può avere SPID.',
    en: 'the INPS PIN is no longer in use for those who can have SPID.',
  },
};

const CONVERSION_REJECTED_WHY: Record<ConversionRejectionReason, Both> = {
  incomplete: {
    it: 'la documentazione inviata è incompleta (manca il modulo firmato o il documento di identità).',
    en: 'the documents sent are incomplete (the signed form or the identity document is missing).',
  },
  illegible: { it: 'i documenti inviati non sono leggibili.', en: 'the documents sent cannot be read.' },
  registry_mismatch: {
    it: 'i dati dei documenti non corrispondono a quelli presenti nei nostri archivi.',
    en: 'the data in the documents do not match our records.',
  },
};

/** Whether a revocation is news to its holder: a PIN replaced by their own new one is not. */
export const revocationIsNews = (reason: RevocationReason) => REVOCATION_WHY[reason] !== undefined;

function dayOf(iso: string, lang: Language): string {
  return writtenDay(iso, lang);
}

/** The ways on to a PIN dispositivo after a conversion that did not happen. */
function convertAgain(context: NoticeContext): Both {
  return context.officeOpen
    ? {
        it:
          'Può chiedere un nuovo modulo dalla Sua area personale ("Converti PIN") oppure recarsi presso una sede INPS ' +
          'con un documento di identità.',
        en:
          'You can ask for a new form from your personal area ("Convert PIN") or go to an INPS office with an ' +
          'identity document.',
      }
    : {
        it:
          'Può chiedere un nuovo modulo dalla Sua area personale ("Converti PIN"); la conversione presso le sedi INPS ' +
          'è temporaneamente sospesa.',
        en:
          'You can ask for a new form from your personal area ("Convert PIN"); conversion at INPS offices is ' +
          'temporarily suspended.',
      };
}

const ordinarioGoesOn: Both = {
  it: 'Il Suo PIN resta un PIN ordinario e continua a funzionare.',
  en: 'Your PIN remains a PIN ordinario and goes on working.',
};
const spidToo: Both = {
  it:
    'Può anche accedere con SPID, CIE o CNS, che aprono gli stessi servizi. Le domande già presentate restano ' +
    'valide, con la loro data, in attesa del PIN dispositivo.',
  en:
    'You can also sign in with SPID, CIE or CNS, which open the same services. Applications already filed stay ' +
    'valid, with their date, waiting for the PIN dispositivo.',
};

const join = (...parts: Both[]): Both => ({
  it: parts.map((p) => p.it).join(' '),
  en: parts.map((p) => p.en).join(' '),
});

/** The words of a notice: its subject, its body in both languages, and a short SMS (Italian). */
export function noticeWords(
  notice: HolderNotice,
  context: NoticeContext,
): { subject: string; body: Both; sms: string } {
  switch (notice.kind) {
    case 'pin_revoked': {
      const why = REVOCATION_WHY[notice.reason] ?? { it: 'è stato sostituito.', en: 'it was replaced.' };
      return {
        subject: 'INPS - Il Suo PIN non è più valido',
        body: join(
          { it: `Il Suo PIN INPS non è più valido: ${why.it}`, en: `Your INPS PIN is no longer valid: ${why.en}` },
          SIGN_IN_OTHERWISE,
          {
            it: 'Se non riconosce questa operazione, chiami subito il Contact Center.',
            en: 'If you do not recognise this, call the Contact Center at once.',
          },
        ),
        sms: `INPS: il Suo PIN non è più valido (${why.it}) Acceda con SPID, CIE o CNS. ${HELPLINES_SMS}`,
      };
    }
    case 'coming_of_age_notice': {
      const day = { it: dayOf(notice.day, 'it'), en: dayOf(notice.day, 'en') };
      return {
        subject: 'INPS - Il Suo PIN termina al compimento dei 18 anni',
        body: join(
          {
            it: `Il Suo PIN INPS Le è stato rilasciato perché minorenne, e smette di funzionare il ${day.it}, giorno del Suo 18° compleanno. Da quel giorno:`,
            en: `Your INPS PIN was issued to you as a minor, and it stops working on ${day.en}, your 18th birthday. From that day:`,
          },
          SIGN_IN_OTHERWISE,
        ),
        sms: `INPS: il Suo PIN smette di funzionare il ${day.it}, giorno dei Suoi 18 anni. Da allora acceda con SPID, CIE o CNS. ${HELPLINES_SMS}`,
      };
    }
    case 'pin_retirement_notice': {
      const day = { it: dayOf(notice.day, 'it'), en: dayOf(notice.day, 'en') };
      return {
        subject: 'INPS - Il Suo PIN smetterà di funzionare',
        body: join(
          {
            it: `Dal ${day.it} il PIN INPS non sarà più in uso per chi può avere SPID, e il Suo PIN smetterà di funzionare. Da quel giorno:`,
            en: `From ${day.en} the INPS PIN is no longer in use for those who can have SPID, and your PIN will stop working. From that day:`,
          },
          SIGN_IN_OTHERWISE,
        ),
        sms: `INPS: dal ${day.it} il Suo PIN non funzionerà più. Acceda con SPID, CIE o CNS. ${HELPLINES_SMS}`,
      };
    }
    case 'conversion_approved':
      return {
        subject: 'INPS - Il Suo PIN è ora dispositivo',
        body: {
          it:
            'Abbiamo verificato i documenti che ha inviato: il Suo PIN è ora un PIN dispositivo. Può presentare ' +
            'domande di prestazione online; quelle già presentate in attesa del PIN dispositivo sono state avviate ' +
            'alla lavorazione, con la data di presentazione originale.',
          en:
            'We have checked the documents you sent: your PIN is now a PIN dispositivo. You can file benefit ' +
            'applications online; those already filed and waiting for a PIN dispositivo have been sent for ' +
            'processing, with their original filing date.',
        },
        sms: `INPS: il Suo PIN è ora dispositivo; le domande in attesa sono avviate con la loro data. ${HELPLINES_SMS}`,
      };
    case 'conversion_rejected': {
      const why = CONVERSION_REJECTED_WHY[notice.reason];
      return {
        subject: 'INPS - Richiesta di PIN dispositivo annullata',
        body: join(
          {
            it: `La Sua richiesta di conversione del PIN (codice ${notice.requestCode}) è stata annullata: ${why.it}`,
            en: `Your request to convert your PIN (code ${notice.requestCode}) has been cancelled: ${why.en}`,
          },
          ordinarioGoesOn,
          convertAgain(context),
          spidToo,
        ),
        sms: `INPS: la richiesta di PIN dispositivo ${notice.requestCode} è annullata: ${why.it} Il PIN resta ordinario. ${HELPLINES_SMS}`,
      };
    }
    case 'conversion_lapsed':
      return {
        subject: 'INPS - Richiesta di PIN dispositivo scaduta',
        body: join(
          {
            it: `Il modulo firmato della Sua richiesta di conversione del PIN (codice ${notice.requestCode}) non ci è arrivato in tempo, e la richiesta è scaduta.`,
            en: `The signed form of your request to convert your PIN (code ${notice.requestCode}) did not reach us in time, and the request has lapsed.`,
          },
          ordinarioGoesOn,
          convertAgain(context),
          spidToo,
        ),
        sms: `INPS: la richiesta di PIN dispositivo ${notice.requestCode} è scaduta (modulo non ricevuto). Il PIN resta ordinario. ${HELPLINES_SMS}`,
      };
    case 'issued_at_office':
      return {
        subject: 'INPS - PIN dispositivo rilasciato in sede',
        body: {
          it:
            'Presso una sede INPS Le è stato consegnato di persona un PIN dispositivo. Al primo accesso ai servizi ' +
            'online Le sarà chiesto di sostituirlo con un PIN di 8 caratteri. Se non è stato Lei a richiederlo, ' +
            'chiami subito il Contact Center.',
          en:
            'At an INPS office you were handed a PIN dispositivo in person. At your first sign-in to the online ' +
            'services you will be asked to replace it with an 8-character PIN. If you did not ask for it, call the ' +
            'Contact Center at once.',
        },
        sms: `INPS: Le è stato rilasciato in sede un PIN dispositivo. Se non è stato Lei, chiami subito. ${HELPLINES_SMS}`,
      };
  }
}

/** The email: Italian first, then English, each greeting the holder by name and ending with the numbers to call. */
export function noticeEmail(notice: HolderNotice, name: string, context: NoticeContext) {
  const { subject, body } = noticeWords(notice, context);
  return {
    subject,
    text:
      `Gentile ${name},\n\n${body.it}\n\n${NEVER_ASKED.it}\n\n${HELPLINES.it}\n\nINPS\n\n` +
      `— English —\n\nDear ${name},\n\n${body.en}\n\n${NEVER_ASKED.en}\n\n${HELPLINES.en}\n\nINPS`,
  };
}
