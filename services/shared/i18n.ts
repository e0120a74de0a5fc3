// The citizen site's two languages: Italian, the site's own, and English as the second. The language comes from the
// page's switch (?lang=, then remembered in a cookie), else from the browser's preference, else Italian. Texts sit
// in the views as pairs, Italian first, so each sentence is read and changed in both languages at once.
import { writtenDay } from '../../domain/written-dates';
import { contactCenterInShort } from '../../domain/contact-center';
import type { RequestHandler, Response } from 'express';

export type Lang = 'it' | 'en';
/** A sentence in both languages; the page's language picks one. */
export type Say = (it: string, en: string) => string;

const COOKIE = 'lang';
const isLang = (value: unknown): value is Lang => value === 'it' || value === 'en';

export const sayIn =
  (lang: Lang): Say =>
  (it, en) =>
    lang === 'it' ? it : en;

function fromCookie(header: string | undefined): Lang | undefined {
  const value = header
    ?.split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === COOKIE)?.[1];
  return isLang(value) ? value : undefined;
}

/** The first of the browser's languages we speak: Italian unless English comes before it. */
function fromAcceptLanguage(header: string | undefined): Lang | undefined {
  for (const tag of (header ?? '').split(',')) {
    const primary = tag.trim().slice(0, 2).toLowerCase();
    if (isLang(primary)) return primary;
  }
  return undefined;
}

export const chooseLanguage: RequestHandler = (req, res, next) => {
  const asked = req.query.lang;
  if (isLang(asked))
    res.cookie(COOKIE, asked, { sameSite: 'lax', httpOnly: true, maxAge: 365 * 86_400_000, path: '/' });
  const lang =
    (isLang(asked) ? asked : undefined) ??
    fromCookie(req.headers.cookie) ??
    fromAcceptLanguage(req.headers['accept-language']) ??
    'it';
  res.locals.lang = lang;
  res.set('Content-Language', lang);
  res.vary('Accept-Language').vary('Cookie');
  next();
};

export const langOf = (res: Response): Lang => (isLang(res.locals.lang) ? res.locals.lang : 'it');

/** A date as people write it in that language: "1° novembre 2026", "1 November 2026" (domain/written-dates.ts). */
export const dayIn = (lang: Lang, date: Date | string) => writtenDay(date, lang);

export const timeIn = (lang: Lang, date: Date | string) =>
  new Date(date).toLocaleString(lang === 'it' ? 'it-IT' : 'en-GB', { timeZone: 'Europe/Rome' });

/**
 * The form checks' messages (domain/pin-request-input.ts and friends) in Italian. The API keeps the English ones;
 * a message not listed here shows in English rather than not at all.
 */
const FIELD_MESSAGES_IT: [RegExp, string | ((m: RegExpMatchArray) => string)][] = [
  [/^required$/, 'questo campo è obbligatorio'],
  [/^a codice fiscale has 16 characters$/, 'il codice fiscale ha 16 caratteri'],
  [/^not a valid codice fiscale/, 'codice fiscale non valido (controlli il carattere finale o la struttura)'],
  [
    /^does not match the name, birth date, sex and birthplace/,
    'non corrisponde a nome, data e luogo di nascita e sesso',
  ],
  [/^letters, spaces, apostrophes and hyphens only$/, 'usi solo lettere, spazi, apostrofi e trattini'],
  [/^at most (\d+) characters$/, (m) => `scriva al massimo ${m[1]} caratteri`],
  [/^a date as YYYY-MM-DD$/, 'scriva una data valida'],
  [/^a birth date in the past$/, 'la data di nascita deve essere nel passato'],
  [/^M or F$/, 'scelga M o F'],
  [
    /^a two-letter province code, or EE for a birth abroad$/,
    'scriva la sigla della provincia, due lettere (EE se è nato all’estero)',
  ],
  [/^a two-letter province code$/, 'scriva la sigla della provincia, due lettere'],
  [/^unknown comune or state for this province$/, 'comune o stato sconosciuto per questa provincia'],
  [/^street and house number$/, 'scriva la via e il numero civico'],
  [/^five digits$/, 'il CAP ha cinque cifre'],
  [/^not the province of (.+) \((.+)\)$/, (m) => `non è la provincia di ${m[1]} (${m[2]})`],
  [/^no comune of this name in the province (\w+)$/, (m) => `nessun comune con questo nome in provincia di ${m[1]}`],
  [/^not a postal code of (.+)$/, (m) => `non è un CAP di ${m[1]}`],
  [/^not a valid phone number$/, 'numero di telefono non valido'],
  [/^not a valid email address$/, 'indirizzo email non valido'],
  [/^sms or email/, 'scelga SMS o email'],
  [
    /^The file is larger than ([\d.]+) MB/,
    (m) =>
      `Il file supera ${m[1]!.replace('.', ',')} MB. Lo scansioni a una risoluzione più bassa, o in bianco e nero.`,
  ],
  [/^The file is empty/, 'Il file è vuoto.'],
  [
    /^This file is not a PDF, JPEG or PNG/,
    'Questo file non è un PDF, un JPEG o un PNG, qualunque sia il suo nome. Scansioni o fotografi il documento e lo invii in uno di questi formati.',
  ],
  [/^The file is damaged or incomplete/, 'Il file è danneggiato o incompleto. Lo salvi di nuovo e lo invii ancora.'],
  [
    /^The image is (\d+) megapixels; at most (\d+) are accepted/,
    (m) =>
      `L’immagine ha ${m[1]} megapixel; se ne accettano al massimo ${m[2]}. Fotografi o scansioni il documento a una risoluzione più bassa.`,
  ],
  [
    /^a PIN has (\d+) characters, or (\d+) at the first access/,
    (m) => `il PIN ha ${m[1]} caratteri, o ${m[2]} al primo accesso`,
  ],
  [
    /^a PIN has only the letters and digits printed on it \(no (.+) or (\w)\)/,
    (m) => `il PIN contiene solo le lettere e le cifre stampate (mai ${m[1]} o ${m[2]})`,
  ],
  [/^a phone PIN has (\d+) characters$/, (m) => `il PIN telefonico ha ${m[1]} caratteri`],
  [
    /^a phone PIN has only the letters and digits INPS gave \(no (.+) or (\w)\)/,
    (m) => `il PIN telefonico contiene solo le lettere e le cifre date dall’INPS (mai ${m[1]} o ${m[2]})`,
  ],
  [
    /^give either the phone or the email you gave INPS, not both/,
    'indichi il cellulare oppure l’email che ha comunicato all’INPS, uno dei due',
  ],
  [
    /^give either the phone or the email (.+), not both/,
    'indichi il cellulare oppure l’email che ha dato nella richiesta, uno dei due',
  ],
  [/^Attach the signed form$/, 'Alleghi il modulo firmato.'],
  [/^Attach your identity document$/, 'Alleghi il Suo documento d’identità.'],
  [/^not expected here$/, 'questo file non era previsto qui'],
  // The staff screens' own checks (the office desk, the phone registration).
  [/^not in the registry$/, 'non risulta in anagrafe'],
  [/^not registered as an intermediary/i, 'non risulta iscritto come intermediario (patronato, consulente del lavoro)'],
  [/^(\d+) to (\d+) letters and digits$/, (m) => `da ${m[1]} a ${m[2]} lettere e cifre`],
  [/^the issuing authority$/, 'indichi chi ha rilasciato il documento'],
  [/^the document has expired/, 'il documento è scaduto: non si può accettare'],
  [
    /^confirm that the applicant is at the desk in person/,
    'confermi che il richiedente è presente di persona: nessun delegato può chiedere per un altro',
  ],
  [
    /^confirm that you checked the identity document in person$/,
    'confermi di aver controllato di persona il documento d’identità',
  ],
  [
    /^confirm that you read every field back to the caller/,
    'confermi di aver riletto ogni campo al chiamante e che li ha confermati',
  ],
];

export function fieldMessage(lang: Lang, message: string): string {
  if (lang === 'en') return message;
  for (const [pattern, it] of FIELD_MESSAGES_IT) {
    const match = message.match(pattern);
    if (match) return typeof it === 'string' ? it : it(match);
  }
  return message;
}

/** A check's words as a page says them: a sentence, with its capital and its full stop. */
const asSentence = (words: string) =>
  /[.!?]$/.test(words)
    ? words.charAt(0).toUpperCase() + words.slice(1)
    : `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;

export const fieldMessagesIn = (lang: Lang, fields: Record<string, string> | undefined) =>
  fields && Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, asSentence(fieldMessage(lang, v))]));

/** Where an error sends the citizen instead, as links in their language. */
export function errorLinks(lang: Lang, links: Record<string, string> | undefined): string {
  const say = sayIn(lang);
  const text: Record<string, string> = {
    lostPin: say('Chieda un nuovo PIN (PIN smarrito)', 'Ask for a new PIN (lost PIN)'),
    signIn: say('Accedi', 'Sign in'),
    spid: say('Entra con SPID o CIE', 'Sign in with SPID or CIE'),
  };
  return Object.entries(links ?? {})
    .map(([key, href]) => ` <a href="${href}">${text[key] ?? href}</a>`)
    .join('');
}

/**
 * An API error as a page says it: in Italian by its code (the API's messages are English); in English, or for a code
 * not listed, the API's own message.
 */
const ERRORS_IT: Record<string, string> = {
  pin_already_held:
    'Lei possiede già un PIN INPS. Se lo ha smarrito, ne chieda uno nuovo con "PIN smarrito"; se è scaduto, acceda con quello per rinnovarlo.',
  pin_already_assigned:
    'Un nuovo PIN è già stato assegnato in questa procedura. Acceda con il PIN di 8 caratteri che ha ricevuto.',
  signed_in_with_pin: 'Acceda con SPID o CIE per dismettere il Suo PIN.',
  spid_required: 'Il PIN telefonico è per chi accede con SPID o CIE.',
  signed_in_without_pin:
    'Ha effettuato l’accesso con SPID o CIE: non c’è un PIN da convertire. SPID di livello 2 o 3 e CIE permettono già di presentare domande.',
  already_dispositivo: 'Il Suo PIN è già un PIN dispositivo: non c’è nulla da convertire.',
  documents_refused: 'I documenti non sono stati accettati; non è stato conservato nulla.',
  invalid_upload: 'Invii il modulo firmato e il documento d’identità, un file ciascuno.',
  not_awaiting_documents: 'Questa richiesta ha già i suoi documenti, oppure è chiusa.',
  unknown_service: 'Questo servizio non esiste.',
  service_not_available: 'Questo servizio non è disponibile per il Suo profilo.',
  not_an_application: 'È un servizio di consultazione: non c’è una domanda da presentare.',
  unauthenticated: 'Acceda prima con il codice fiscale e il PIN.',
  step_pending: 'Completi prima la procedura guidata.',
  identity_provider_unavailable: 'L’accesso con SPID e CIE al momento non è disponibile.',
  sign_in_refused: 'L’accesso con SPID o CIE non è riuscito. Riprovi.',
  spid_level_too_low:
    'SPID di livello 1 non basta per i servizi online dell’INPS. Acceda di nuovo con SPID di livello 2 o 3 (password e codice temporaneo o app), con la CIE o con la CNS.',
  not_in_registry: `La Sua identità è confermata, ma l’INPS non ha il Suo codice fiscale in archivio. Chiami il contact center: ${contactCenterInShort().it}.`,
};

export const errorMessageIn = (lang: Lang, err: { code: string; message: string }) =>
  (lang === 'it' && ERRORS_IT[err.code]) || err.message;
