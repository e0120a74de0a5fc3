// The page an operations user lands on: how to point Temporal Web at this console's codec server (payloads are
// encrypted; decoding is theirs alone, and audited), and the searches that find the processes that need a look.
import { escapeHtml, page } from '../../shared/html';

/** Temporal Web's list of workflows, filtered by one of the product's search attributes. */
const search = (temporalUiUrl: string, query: string) =>
  `${temporalUiUrl.replace(/\/$/, '')}/namespaces/default/workflows?query=${encodeURIComponent(query)}`;

const SEARCHES: [label: string, query: string][] = [
  ['PIN requests waiting for a verification call', 'PinRequestStage = "awaiting_verification_call"'],
  ['Letters returned to sender', 'LetterState = "returned"'],
  ['Letters given up as lost', 'LetterState = "lost"'],
  ['Faxes waiting for an agent', 'FaxState = "awaiting_agent"'],
  ['Conversions in review', 'ConversionState = "in_review"'],
  ['Workflows that failed', 'ExecutionStatus = "Failed"'],
];

export function opsPage(opts: { operator: string; temporalUiUrl: string; codecUrl: string }): string {
  const ui = escapeHtml(opts.temporalUiUrl);
  return page({
    title: 'Operations',
    heading: 'Operations',
    intro: `Signed in as ${escapeHtml(opts.operator)}. Workflow histories hold no personal data in clear: their payloads are encrypted, and Temporal Web shows them only through this console's codec server, for you, with each decoding audited.`,
    body: `<section class="card"><h2>Set up Temporal Web once</h2><ol>
<li>Open <a href="${ui}">Temporal Web</a> and choose <strong>Settings → Codec Server</strong> (the data-encoder icon).</li>
<li>Codec server endpoint: <code id="codec-url">${escapeHtml(opts.codecUrl)}</code></li>
<li>Tick <strong>Include cross-origin credentials</strong>: Temporal Web then calls the codec with your session of this console.</li>
<li>Open any workflow: its inputs and results read in clear. Signed out, or without the ops role, they stay encrypted.</li>
</ol></section>
<section class="card"><h2>What needs a look</h2><ul>${SEARCHES.map(
      ([label, query]) =>
        `<li><a href="${escapeHtml(search(opts.temporalUiUrl, query))}">${escapeHtml(label)}</a> <code>${escapeHtml(query)}</code></li>`,
    ).join('')}</ul>
<p class="meta">Schedules (retention, housekeeping, sweeps, retirement notices) are under <a href="${ui}/namespaces/default/schedules">Schedules</a> in Temporal Web.</p></section>`,
  });
}
