// What each status means to the citizen, in plain words: the status page and the API say the same thing (the API in
// English, the page in the citizen's language).
import { letterExpectedBy, type LetterProgress } from '../../domain/delivery';
import { CONTACT_CENTER, contactCenterInShort } from '../../domain/contact-center';
import type { DeliveryChannel } from '../../domain/person';
import type { PinRequestStatus, RejectionReason } from '../../domain/pin-request';
import { dayIn, sayIn, timeIn, type Lang } from './i18n';

type Jsonified<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | undefined ? string | undefined : T[K];
};
export type LetterProgressJson = LetterProgress extends infer L ? (L extends unknown ? Jsonified<L> : never) : never;

/** Where the letter is, as the API says it (dates as ISO strings). */
export function letterAsJson(letter: LetterProgress | undefined): LetterProgressJson | null {
  if (!letter) return null;
  return Object.fromEntries(
    Object.entries(letter)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
  ) as LetterProgressJson;
}

/** The other way, for the page that shows what the API said. */
export function letterFromJson(json: LetterProgressJson | null): LetterProgress | undefined {
  if (!json) return undefined;
  return Object.fromEntries(
    Object.entries(json).map(([k, v]) => [k, k === 'status' ? v : new Date(v as string)]),
  ) as LetterProgress;
}

/** Where the letter with the second half is, in plain words, with the days it left and arrived or when to expect it. */
function letterText(lang: Lang, letter: LetterProgress | undefined): string {
  const say = sayIn(lang);
  if (!letter || letter.status === 'held_up')
    return say(
      'una lettera con gli altri 8 è in viaggio verso il Suo indirizzo di residenza.',
      'a letter with the other 8 is on its way to your residence address.',
    );
  const sent = dayIn(lang, letter.sentAt);
  if (letter.status === 'emailed')
    return say(
      `gli altri 8 Le sono stati inviati il ${sent} all’indirizzo email registrato presso l’INPS.`,
      `the other 8 were sent on ${sent} to the email address INPS holds for you.`,
    );
  const posted = dayIn(lang, letter.postedAt ?? letter.sentAt);
  const expected = dayIn(lang, letterExpectedBy(letter));
  const on = dayIn(lang, letter.statusAt);
  const checkResidence = say(
    'Per sicurezza il PIN non è più valido. Verifichi l’indirizzo di residenza che l’INPS conosce (accedendo con SPID, CIE o CNS, o presso una sede INPS) e chieda un nuovo PIN.',
    'For your safety the PIN no longer works. Check the residence address INPS holds (signed in with SPID, CIE or CNS, or at an INPS office) and ask for a new PIN.',
  );
  switch (letter.status) {
    case 'created':
      return say(
        `la lettera con gli altri 8 è stata affidata al servizio postale il ${sent} e dovrebbe arrivare entro il ${expected}.`,
        `the letter with the other 8 was handed to the postal service on ${sent} and should arrive by ${expected}.`,
      );
    case 'printed':
    case 'in_transit':
      return say(
        `la lettera con gli altri 8 è stata spedita il ${posted} e dovrebbe arrivare entro il ${expected}.`,
        `the letter with the other 8 was posted on ${posted} and should arrive by ${expected}.`,
      );
    case 'delivered':
      return say(
        `la lettera con gli altri 8 è stata spedita il ${posted} e consegnata il ${on}.`,
        `the letter with the other 8 was posted on ${posted} and delivered on ${on}.`,
      );
    case 'returned':
      return `${say(
        `la lettera con gli altri 8, spedita il ${posted}, ci è tornata indietro il ${on}: non è stato possibile consegnarla.`,
        `the letter with the other 8, posted on ${posted}, came back to us on ${on}: it could not be delivered.`,
      )} ${checkResidence}`;
    case 'lost':
      return `${say(
        `la lettera con gli altri 8, spedita il ${posted}, non risulta consegnata entro il ${on}.`,
        `the letter with the other 8, posted on ${posted}, had not been delivered by ${on}.`,
      )} ${checkResidence}`;
  }
}

function rejectionText(lang: Lang, reason: RejectionReason): string {
  const say = sayIn(lang);
  switch (reason) {
    case 'identity_not_verified':
      return say(
        'Durante la telefonata di verifica non è stato possibile confermare l’identità o l’indirizzo dichiarati.',
        'During the verification call we could not confirm the identity or address you declared.',
      );
    case 'unreachable_by_phone':
      return say(
        'L’abbiamo chiamata più volte al numero indicato senza riuscire a raggiungerla.',
        'We called you several times at the number you gave but could not reach you.',
      );
    case 'verification_not_completed':
      return say(
        'La verifica telefonica dei Suoi dati non si è potuta completare in tempo.',
        'The phone verification of your data could not be completed in time.',
      );
    case 'not_in_registry':
      return say(
        'Il codice fiscale indicato non risulta negli archivi dell’INPS: si rechi presso una sede INPS con un documento di identità.',
        'The codice fiscale you gave is not in INPS’s records: please go to an INPS office with an identity document.',
      );
    case 'registry_mismatch':
      return say(
        'I dati dichiarati non corrispondono a quelli negli archivi dell’INPS: se ha cambiato residenza, ne chieda l’aggiornamento al Suo Comune, oppure si rechi presso una sede INPS con un documento di identità.',
        'The data you declared do not match INPS’s records: if you moved, ask your comune to update your residence, or go to an INPS office with an identity document.',
      );
  }
}

/** When the verification call comes, as the citizen waiting for it is told (dates as ISO strings). */
export interface VerificationCallPlan {
  /** The contact center's hours for these calls, Monday to Friday ("09:00-18:00"). */
  hours: string;
  attempts: number;
  retryAfterHours: number;
  /** The last day of the attempt under way (or, after a missed call, of the next one): the call comes by then. */
  by: string;
  /** The missed call, and the earliest the next one comes (verification_call_scheduled). */
  missedAt?: string;
  nextFrom?: string;
}

function callText(lang: Lang, call: VerificationCallPlan): string {
  const say = sayIn(lang);
  const [from, to] = call.hours.split('-');
  const by = dayIn(lang, call.by);
  const window = say(`dal lunedì al venerdì tra le ${from} e le ${to}`, `Monday to Friday between ${from} and ${to}`);
  const tries = say(
    `Se non risponde riproviamo dopo circa ${call.retryAfterHours} ore, fino a ${call.attempts} tentativi in tutto.`,
    `If you do not answer we try again after about ${call.retryAfterHours} hours, up to ${call.attempts} attempts in all.`,
  );
  const questions = say(
    'L’operatore Le chiederà di confermare i dati della richiesta; non Le chiederà mai il PIN.',
    'The operator will ask you to confirm the data of your request; they will never ask for your PIN.',
  );
  if (call.missedAt && call.nextFrom)
    return `${say(
      `Non siamo riusciti a raggiungerla il ${timeIn(lang, call.missedAt)}. La richiameremo dal numero ${CONTACT_CENTER.mobile.shown} non prima del ${timeIn(lang, call.nextFrom)}, ${window}, entro il ${by}.`,
      `We could not reach you on ${timeIn(lang, call.missedAt)}. We will call you again from ${CONTACT_CENTER.mobile.shown} not before ${timeIn(lang, call.nextFrom)}, ${window}, by ${by}.`,
    )} ${tries} ${questions}`;
  return `${say(
    `Un operatore del contact center La chiamerà dal numero ${CONTACT_CENTER.mobile.shown}, ${window}, entro il ${by}.`,
    `A contact-center operator will call you from ${CONTACT_CENTER.mobile.shown}, ${window}, by ${by}.`,
  )} ${tries} ${questions}`;
}

/** Where a request stands, as its page, its JSON and the agent's console say it. */
export interface RequestStanding {
  status: PinRequestStatus;
  rejectionReason: RejectionReason | null;
  deliveryChannel: DeliveryChannel;
  letter?: LetterProgress;
  verificationCall?: VerificationCallPlan | null;
}

export function describeStatus(request: RequestStanding, lang: Lang = 'en'): { title: string; detail: string } {
  const { status, rejectionReason: reason, deliveryChannel: channel, letter, verificationCall: call } = request;
  const say = sayIn(lang);
  const firstHalfBy = channel === 'sms' ? 'SMS' : 'email';
  switch (status) {
    case 'received':
    case 'validating':
      return {
        title: say('Stiamo controllando i Suoi dati', 'Checking your data'),
        detail: say(
          'Stiamo confrontando i dati che ci ha dato con quelli in possesso dell’INPS.',
          'We are comparing the data you gave with the records INPS holds.',
        ),
      };
    case 'awaiting_verification_call':
      return {
        title: say('La chiameremo', 'We will call you'),
        detail: `${say(
          'Non è stato possibile confermare i Suoi dati automaticamente: li verificheremo con una telefonata al numero che ha indicato.',
          'Your data could not be confirmed automatically: we will check them with a phone call to the number you gave.',
        )}${call ? ` ${callText(lang, call)}` : ''}`,
      };
    case 'verification_call_scheduled':
      return {
        title: say('La richiameremo', 'We will call you again'),
        detail: call
          ? callText(lang, call)
          : say(
              'Non siamo riusciti a raggiungerla al telefono; riproveremo a breve.',
              'We could not reach you by phone; we will try again shortly.',
            ),
      };
    case 'delivering':
      return {
        title: say('Stiamo inviando il PIN', 'Sending your PIN'),
        detail:
          letter?.status === 'held_up'
            ? say(
                'I Suoi dati sono confermati. La stampa della lettera con la seconda parte del PIN è in ritardo: riproviamo automaticamente e non deve fare nulla. Il PIN sarà valido solo quando avrà ricevuto entrambe le parti.',
                'Your data are confirmed. Printing the letter with the second half of your PIN is delayed: we keep trying automatically and you need do nothing. The PIN works only once you have both halves.',
              )
            : say(
                'I Suoi dati sono confermati. Il PIN è in arrivo.',
                'Your data are confirmed. The PIN is on its way.',
              ),
      };
    case 'delivered':
      return {
        title: say('PIN inviato', 'PIN sent'),
        detail: say(
          `I primi 8 caratteri sono stati inviati via ${firstHalfBy}; ${letterText(lang, letter)} Al primo accesso inserisca tutti i 16 caratteri.`,
          `The first 8 characters were sent by ${firstHalfBy}; ${letterText(lang, letter)} At your first login enter all 16 characters.`,
        ),
      };
    case 'rejected':
      return {
        title: say('Richiesta non accolta', 'Request not accepted'),
        detail: `${reason ? `${rejectionText(lang, reason)} ` : ''}${say(
          `Le abbiamo inviato un’email. Può presentare una nuova richiesta, chiamare l’${contactCenterInShort().it} o recarsi in una sede INPS.`,
          `We have sent you an email. You can apply again, call ${contactCenterInShort().en} or visit an INPS office.`,
        )}`,
      };
  }
}
