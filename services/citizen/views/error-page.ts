// The page a person's browser gets when a citizen page cannot be shown (a page that does not exist, a step not
// allowed, a service down): in their language, saying what to do next, never the API's JSON.
import type { ErrorAnswer } from '../../shared/errors';
import { contactCenterInFull } from '../../../domain/contact-center';
import { errorLinks, errorMessageIn, sayIn, type Lang } from '../../shared/i18n';
import { callLink, escapeHtml } from '../../shared/html';
import { citizenPage } from './layout';

/** The heading and the sentence for a status whose code has no words of its own. */
function byStatus(lang: Lang, status: number): { heading: string; sentence: string } {
  const say = sayIn(lang);
  if (status === 404)
    return {
      heading: say('Pagina non trovata', 'Page not found'),
      sentence: say(
        'La pagina che cerca non esiste o non è più disponibile. Controlli l’indirizzo, oppure parta dalla pagina iniziale.',
        'The page you are looking for does not exist or is no longer available. Check the address, or start from the home page.',
      ),
    };
  if (status === 401)
    return {
      heading: say('Serve l’accesso', 'Please sign in'),
      sentence: say(
        'Per vedere questa pagina acceda ai servizi online.',
        'To see this page, sign in to the online services.',
      ),
    };
  if (status === 403)
    return {
      heading: say('Operazione non consentita', 'Not allowed'),
      sentence: say(
        'Con il Suo accesso non può eseguire questa operazione.',
        'You cannot do this with the way you signed in.',
      ),
    };
  if (status === 429)
    return {
      heading: say('Troppe richieste', 'Too many requests'),
      sentence: say(
        'Ha fatto troppe richieste in poco tempo. Riprovi tra qualche minuto.',
        'You made too many requests in a short time. Please try again in a few minutes.',
      ),
    };
  if (status >= 500)
    return {
      heading: say('Servizio momentaneamente non disponibile', 'Service briefly unavailable'),
      sentence: say(
        'Il servizio non è disponibile in questo momento. Nulla di quanto ha inviato è andato perso: riprovi tra un minuto.',
        'The service is not available right now. Nothing you sent was lost: please try again in a minute.',
      ),
    };
  return {
    heading: say('Richiesta non valida', 'Request not valid'),
    sentence: say(
      'Non è stato possibile completare la richiesta. Torni indietro e riprovi.',
      'The request could not be completed. Go back and try again.',
    ),
  };
}

export function errorPage(lang: Lang, answer: ErrorAnswer, signedIn: boolean): string {
  const say = sayIn(lang);
  const general = byStatus(lang, answer.status);
  // The code's own words when it has them in this language; the status's otherwise (the API's messages are English).
  const own = errorMessageIn(lang, answer.error);
  const sentence = lang === 'en' || own !== answer.error.message ? own : general.sentence;
  return citizenPage(lang, {
    title: general.heading,
    heading: general.heading,
    nav: signedIn ? 'signedIn' : 'public',
    body: `<section class="card" role="alert"><p>${escapeHtml(sentence)}${errorLinks(lang, answer.error.links)}</p>
<p><a href="${signedIn ? '/home' : '/'}">${signedIn ? say('Torni ai Suoi servizi', 'Back to your services') : say('Torni alla pagina iniziale', 'Back to the home page')}</a></p>
<p>${say(`Serve aiuto? Chiami il contact center: ${contactCenterInFull(callLink).it}.`, `Need help? Call the contact center: ${contactCenterInFull(callLink).en}.`)}</p></section>`,
  });
}
