// The dev outbox page: what a citizen would have received, newest first, so a person trying the product sees it.
import { escapeHtml, page } from '../../services/shared/html';
import type { OutboxEntry } from './server';
import { renderCalls, type StandInCall } from './voice';

const ICON = { sms: 'SMS', email: 'Email', letter: 'Letter' } as const;

export function renderOutboxPage(entries: OutboxEntry[], calls: StandInCall[] = []): string {
  const rows = entries
    .map(
      (e) => `<article class="card">
  <p class="meta"><span class="tag tag-${e.channel}">${ICON[e.channel]}</span> to <strong>${escapeHtml(e.recipient)}</strong>
  · <time>${escapeHtml(new Date(e.sentAt).toLocaleString('it-IT'))}</time></p>
  ${e.subject ? `<p><strong>${escapeHtml(e.subject)}</strong></p>` : ''}
  <pre>${escapeHtml(e.text)}</pre>
  ${e.letterPdfUrl ? `<p><a href="${escapeHtml(e.letterPdfUrl)}">Open the letter (PDF)</a></p>` : ''}
  ${
    e.tracking?.open && e.reference
      ? `<form method="post" action="/dev/lob/letters/${escapeHtml(e.reference)}/delivered" class="inline"><button>Deliver it</button></form>
  <form method="post" action="/dev/lob/letters/${escapeHtml(e.reference)}/returned" class="inline"><button>Return it to sender</button></form>`
      : ''
  }
</article>`,
    )
    .join('\n');
  return page({
    title: 'Dev outbox',
    heading: 'Dev outbox',
    intro:
      'The citizen’s phone when an agent calls, and everything the product sent through the local Twilio, SendGrid and Lob stand-ins. In production these go to real phones, mailboxes and letterboxes. A letter’s buttons make the post deliver it or return it to INPS, as Lob’s tracking would report. Also as <a href="/dev/outbox.json">JSON</a>.',
    body: renderCalls(calls) + (entries.length ? rows : '<p class="empty">Nothing sent yet.</p>'),
    refreshSeconds: 5,
  });
}
