// The pages every Italian public-administration site links from its footer: the accessibility statement (AgID's
// model, Law 4/2004), the privacy notice (GDPR art. 13), the legal notes, and help with the contact center. The
// durations the privacy notice states are the configured ones (domain/retention.ts).
import { sayIn, type Lang } from '../../shared/i18n';
import { contactCenterInFull } from '../../../domain/contact-center';
import { callLink } from '../../shared/html';
import { citizenPage } from './layout';

/** When the accessibility statement was last prepared (AgID asks for the date; update it with each review). */
export const ACCESSIBILITY_STATEMENT_DATE = '2026-11-30';

const CONTACT_CENTER = (lang: Lang) =>
  sayIn(lang)(
    `il contact center INPS: ${contactCenterInFull(callLink).it}`,
    `the INPS contact center: ${contactCenterInFull(callLink).en}`,
  );

const section = (title: string, paragraphs: string[]) =>
  `<section class="card"><h2>${title}</h2>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</section>`;

export function accessibilityPage(lang: Lang, statementDate: string): string {
  const say = sayIn(lang);
  return citizenPage(lang, {
    title: say('Dichiarazione di accessibilità', 'Accessibility statement'),
    heading: say('Dichiarazione di accessibilità', 'Accessibility statement'),
    intro: say(
      'L’Istituto Nazionale della Previdenza Sociale si impegna a rendere accessibile il servizio PIN INPS, in conformità alla legge 9 gennaio 2004, n. 4 e alla direttiva (UE) 2016/2102.',
      'The Istituto Nazionale della Previdenza Sociale is committed to making the INPS PIN service accessible, in accordance with Law no. 4 of 9 January 2004 and Directive (EU) 2016/2102.',
    ),
    nav: 'public',
    body: [
      section(say('Stato di conformità', 'Compliance status'), [
        say(
          'Il servizio è <strong>parzialmente conforme</strong> ai requisiti della norma UNI CEI EN 301549 (WCAG 2.1 livello AA), per i contenuti non accessibili indicati qui sotto.',
          'The service is <strong>partially compliant</strong> with standard UNI CEI EN 301549 (WCAG 2.1 level AA), because of the content listed below.',
        ),
      ]),
      section(say('Contenuti non accessibili', 'Content that is not accessible'), [
        say(
          'Le lettere in PDF con la seconda parte del PIN e il modulo di conversione sono documenti da stampare: non sono ancora marcati (tagged PDF) per i lettori di schermo. Chi ne ha bisogno può chiedere al contact center di leggerne il contenuto, eccetto il PIN, che l’INPS non legge mai al telefono.',
          'The PDF letters with the second half of the PIN and the conversion form are documents to print: they are not yet tagged for screen readers. Anyone who needs it can ask the contact center to read their content, except the PIN, which INPS never reads out on the phone.',
        ),
        say(
          'Il formato con cui il campo «Data di nascita» mostra la data dipende dal browser.',
          'How the “Birth date” field shows the date depends on the browser.',
        ),
      ]),
      section(say('Redazione della dichiarazione', 'Preparation of this statement'), [
        say(
          `Dichiarazione redatta il ${statementDate} con un’autovalutazione: ogni pagina del servizio è verificata automaticamente con axe-core (regole WCAG 2.1 A e AA) in italiano e in inglese, con e senza errori, e a 375 pixel di larghezza.`,
          `Statement prepared on ${statementDate} by self-assessment: every page of the service is checked automatically with axe-core (WCAG 2.1 A and AA rules) in Italian and in English, with and without errors, and at 375 pixels wide.`,
        ),
      ]),
      section(say('Feedback e recapiti', 'Feedback and contacts'), [
        say(
          `Per segnalare un problema di accessibilità o chiedere un contenuto in forma accessibile chiami ${CONTACT_CENTER(lang)}.`,
          `To report an accessibility problem or ask for content in an accessible form, call ${CONTACT_CENTER(lang)}.`,
        ),
        say(
          'Se la risposta non è soddisfacente, o non arriva entro 30 giorni, può rivolgersi al Difensore civico per il digitale di AgID: <a href="https://form.agid.gov.it">form.agid.gov.it</a>.',
          'If the answer is unsatisfactory, or does not come within 30 days, you can turn to AgID’s Digital Ombudsman: <a href="https://form.agid.gov.it">form.agid.gov.it</a>.',
        ),
      ]),
    ].join('\n'),
  });
}

export function privacyPage(lang: Lang, retention: { rejectedRequestDays: number; documentDays: number }): string {
  const say = sayIn(lang);
  return citizenPage(lang, {
    title: say('Informativa privacy', 'Privacy notice'),
    heading: say('Informativa sul trattamento dei dati personali', 'How we process your personal data'),
    intro: say(
      'Ai sensi dell’articolo 13 del Regolamento (UE) 2016/679 (GDPR), per chi chiede, riceve e usa il PIN INPS.',
      'Under Article 13 of Regulation (EU) 2016/679 (GDPR), for whoever asks for, receives and uses the INPS PIN.',
    ),
    nav: 'public',
    body: [
      section(say('Titolare del trattamento', 'Controller'), [
        say(
          'Istituto Nazionale della Previdenza Sociale (INPS), via Ciro il Grande 21, 00144 Roma. Il Responsabile della protezione dei dati (RPD) è raggiungibile allo stesso indirizzo.',
          'Istituto Nazionale della Previdenza Sociale (INPS), via Ciro il Grande 21, 00144 Rome. The Data Protection Officer can be reached at the same address.',
        ),
      ]),
      section(say('Quali dati, e perché', 'Which data, and why'), [
        say(
          'Nome, codice fiscale, data e luogo di nascita, indirizzo di residenza, cellulare ed email, e i documenti che invia per la conversione in PIN dispositivo: servono a verificare la Sua identità, a consegnarLe il PIN in due parti e a farLe usare i servizi online.',
          'Name, codice fiscale, birth date and place, residence address, mobile phone and email, and the documents you send for the conversion to a PIN dispositivo: they are needed to verify your identity, to deliver your PIN in two halves and to let you use the online services.',
        ),
        say(
          'La base giuridica è l’esecuzione di un compito di interesse pubblico di cui è investito l’INPS (art. 6, par. 1, lett. e, GDPR). Senza questi dati il PIN non può essere rilasciato; SPID, CIE e CNS restano disponibili.',
          'The legal basis is the performance of a task in the public interest entrusted to INPS (Art. 6(1)(e) GDPR). Without these data no PIN can be issued; SPID, CIE and CNS remain available.',
        ),
      ]),
      section(say('A chi vanno', 'Who receives them'), [
        say(
          'Ai fornitori che inviano per conto dell’INPS gli SMS, le email e le lettere, nominati responsabili del trattamento, solo per quell’invio. La lettera con la seconda parte del PIN non viene conservata dall’INPS dopo la consegna al servizio postale.',
          'To the providers that send SMS, emails and letters on INPS’s behalf, appointed as processors, only for that sending. INPS does not keep the letter with the second half of the PIN once it is handed to the postal service.',
        ),
      ]),
      section(say('Per quanto tempo', 'For how long'), [
        say(
          `I dati di una richiesta non accolta sono cancellati ${retention.rejectedRequestDays} giorni dopo la sua chiusura; i documenti d’identità, i moduli firmati e i fax sono distrutti ${retention.documentDays} giorni dopo la decisione. Il registro delle operazioni conserva chi ha fatto cosa e quando, non i Suoi dati.`,
          `The data of a request that was not accepted are erased ${retention.rejectedRequestDays} days after it ended; identity documents, signed forms and faxes are destroyed ${retention.documentDays} days after the decision. The log of operations keeps who did what and when, not your data.`,
        ),
      ]),
      section(say('I Suoi diritti', 'Your rights'), [
        say(
          `Può chiedere di accedere ai Suoi dati, di correggerli, di cancellarli o di limitarne il trattamento, e opporsi, scrivendo all’INPS o chiamando ${CONTACT_CENTER(lang)}. Può anche proporre reclamo al Garante per la protezione dei dati personali (<a href="https://www.garanteprivacy.it">garanteprivacy.it</a>).`,
          `You can ask to access your data, to correct or erase them, or to restrict their processing, and object, by writing to INPS or calling ${CONTACT_CENTER(lang)}. You can also lodge a complaint with the Italian Data Protection Authority (<a href="https://www.garanteprivacy.it">garanteprivacy.it</a>).`,
        ),
      ]),
    ].join('\n'),
  });
}

export function legalNotesPage(lang: Lang): string {
  const say = sayIn(lang);
  return citizenPage(lang, {
    title: say('Note legali', 'Legal notes'),
    heading: say('Note legali', 'Legal notes'),
    nav: 'public',
    body: [
      section(say('Contenuti', 'Content'), [
        say(
          'I testi di questo servizio sono dell’Istituto Nazionale della Previdenza Sociale e possono essere riprodotti citandone la fonte. I marchi SPID, CIE e CNS appartengono ai rispettivi titolari.',
          'The texts of this service belong to the Istituto Nazionale della Previdenza Sociale and may be reproduced with their source. The SPID, CIE and CNS marks belong to their owners.',
        ),
      ]),
      section(say('Sicurezza', 'Security'), [
        say(
          'L’INPS non Le chiede mai il PIN per telefono, per email o per SMS. Se qualcuno lo fa, non lo comunichi e chiami il contact center.',
          'INPS never asks for your PIN by phone, email or SMS. If someone does, do not give it and call the contact center.',
        ),
      ]),
      section(say('Collegamenti', 'Links'), [
        say(
          'I collegamenti a siti di altre amministrazioni sono offerti per comodità: l’INPS non risponde dei loro contenuti.',
          'Links to other administrations’ sites are offered for convenience: INPS is not responsible for their content.',
        ),
      ]),
    ].join('\n'),
  });
}

export function helpPage(lang: Lang): string {
  const say = sayIn(lang);
  const item = (question: string, answer: string) => `<h3>${question}</h3><p>${answer}</p>`;
  return citizenPage(lang, {
    title: say('Aiuto e contatti', 'Help and contacts'),
    heading: say('Aiuto e contatti', 'Help and contacts'),
    nav: 'public',
    body: [
      `<section class="card"><h2>${say('Domande frequenti', 'Common questions')}</h2>${[
        item(
          say('Come seguo la mia richiesta?', 'How do I follow my request?'),
          say(
            'Apra il link che Le abbiamo inviato per SMS o email. Se lo ha perso, <a href="/find-request">ritrovi la Sua richiesta</a>.',
            'Open the link we sent you by SMS or email. If you lost it, <a href="/find-request">find your request again</a>.',
          ),
        ),
        item(
          say(
            'Non mi è arrivato l’SMS o l’email con i primi 8 caratteri',
            'The SMS or email with the first 8 characters never came',
          ),
          say(
            'Dalla pagina della Sua richiesta, dopo qualche minuto, può farceli inviare di nuovo, allo stesso recapito.',
            'On your request’s page, after a few minutes, you can have them sent again, to the same contact.',
          ),
        ),
        item(
          say('Non mi è arrivata la lettera', 'The letter never came'),
          say(
            'Passata la data di consegna prevista, dalla pagina della Sua richiesta può chiedere una nuova lettera con un nuovo PIN.',
            'Once the expected delivery date has passed, you can ask for a new letter with a new PIN on your request’s page.',
          ),
        ),
        item(
          say('Ho smarrito il PIN', 'I lost my PIN'),
          say(
            'Ne chieda uno nuovo da <a href="/lost-pin">PIN smarrito</a>.',
            'Ask for a new one under <a href="/lost-pin">Lost PIN</a>.',
          ),
        ),
      ].join('')}</section>`,
      section(say('Contact center', 'Contact center'), [
        say(
          `Chiami ${CONTACT_CENTER(lang)}. Le chiederemo il codice fiscale; non Le chiederemo mai il PIN.`,
          `Call ${CONTACT_CENTER(lang)}. We will ask for your codice fiscale; we will never ask for your PIN.`,
        ),
        say(
          'Può anche recarsi in una sede INPS con un documento d’identità: il PIN dispositivo viene rilasciato allo sportello.',
          'You can also visit an INPS office with an identity document: the PIN dispositivo is issued at the desk.',
        ),
      ]),
    ].join('\n'),
  });
}
