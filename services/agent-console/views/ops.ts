// The page an operations user lands on: how to point Temporal Web at this console's codec server (payloads are
// encrypted; decoding is theirs alone, and audited), and the searches that find the processes that need a look.
import { escapeHtml, page } from '../../shared/html';
import { STAFF_SESSION } from './console';
import { sayIn, type Lang } from '../../shared/i18n';
import type { Words } from '../words';

/** Temporal Web's list of workflows, filtered by one of the product's search attributes. */
const search = (temporalUiUrl: string, query: string) =>
  `${temporalUiUrl.replace(/\/$/, '')}/namespaces/default/workflows?query=${encodeURIComponent(query)}`;

const SEARCHES: [label: Words, query: string][] = [
  [
    ['Richieste di PIN in attesa della chiamata di verifica', 'PIN requests waiting for a verification call'],
    'PinRequestStage = "awaiting_verification_call"',
  ],
  [['Lettere restituite al mittente', 'Letters returned to sender'], 'LetterState = "returned"'],
  [['Lettere date per perse', 'Letters given up as lost'], 'LetterState = "lost"'],
  [['Fax in attesa di un operatore', 'Faxes waiting for an agent'], 'FaxState = "awaiting_agent"'],
  [['Conversioni in esame', 'Conversions in review'], 'ConversionState = "in_review"'],
  [['Workflow falliti', 'Workflows that failed'], 'ExecutionStatus = "Failed"'],
];

export function opsPage(opts: { lang: Lang; operator: string; temporalUiUrl: string; codecUrl: string }): string {
  const ui = escapeHtml(opts.temporalUiUrl);
  const say = sayIn(opts.lang);
  return page({
    lang: opts.lang,
    title: say('Operazioni', 'Operations'),
    session: STAFF_SESSION,
    heading: say('Operazioni', 'Operations'),
    intro: say(
      `Ha effettuato l’accesso come ${escapeHtml(opts.operator)}. Le storie dei workflow non contengono dati personali in chiaro: i loro contenuti sono cifrati, e Temporal Web li mostra solo attraverso il codec server di questa console, a Lei, e ogni decodifica è registrata.`,
      `Signed in as ${escapeHtml(opts.operator)}. Workflow histories hold no personal data in clear: their payloads are encrypted, and Temporal Web shows them only through this console's codec server, for you, with each decoding audited.`,
    ),
    body: `<section class="card"><h2>${say('Configuri Temporal Web una volta', 'Set up Temporal Web once')}</h2><ol>
<li>${say(
      `Apra <a href="${ui}">Temporal Web</a> e scelga <strong>Settings → Codec Server</strong> (l’icona del data encoder).`,
      `Open <a href="${ui}">Temporal Web</a> and choose <strong>Settings → Codec Server</strong> (the data-encoder icon).`,
    )}</li>
<li>${say('Indirizzo del codec server:', 'Codec server endpoint:')} <code id="codec-url">${escapeHtml(opts.codecUrl)}</code></li>
<li>${say(
      'Spunti <strong>Include cross-origin credentials</strong>: Temporal Web chiama così il codec con la Sua sessione di questa console.',
      'Tick <strong>Include cross-origin credentials</strong>: Temporal Web then calls the codec with your session of this console.',
    )}</li>
<li>${say(
      'Apra un workflow qualsiasi: ingressi e risultati si leggono in chiaro. Senza accesso, o senza il ruolo ops, restano cifrati.',
      'Open any workflow: its inputs and results read in clear. Signed out, or without the ops role, they stay encrypted.',
    )}</li>
</ol></section>
<section class="card"><h2>${say('Cosa va guardato', 'What needs a look')}</h2><ul>${SEARCHES.map(
      ([label, query]) =>
        `<li><a href="${escapeHtml(search(opts.temporalUiUrl, query))}">${escapeHtml(say(...label))}</a> <code>${escapeHtml(query)}</code></li>`,
    ).join('')}</ul>
<p class="meta">${say(
      `Le Schedule (conservazione dei dati, pulizie, controlli periodici, avvisi di dismissione) sono sotto <a href="${ui}/namespaces/default/schedules">Schedules</a> in Temporal Web.`,
      `Schedules (retention, housekeeping, sweeps, retirement notices) are under <a href="${ui}/namespaces/default/schedules">Schedules</a> in Temporal Web.`,
    )}</p></section>`,
  });
}
