// A local stand-in for Lob's letters API and its webhooks, so the product's real Lob SDK has something to talk to:
// POST /lob/v1/letters (HTTP Basic with the API key, multipart with the PDF, Idempotency-Key honoured) keeps the
// letter and its PDF for the dev outbox and answers with a Lob letter; its tracking events then go to the product's
// webhook, signed Lob's way. The dev outbox's buttons (or a test) make a letter delivered or returned to sender.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Express, Request, Response } from 'express';
import multer from 'multer';
import { LOB_SIGNATURE_HEADER, LOB_TIMESTAMP_HEADER, lobWebhookSignature, STAND_IN_LOB_API_KEY } from '../../infra/lob';
import { logger } from '../../infra/logger';

/** A letter as the stand-in keeps it: Lob's own fields, and the events it has sent about it. */
export interface StandInLetter {
  id: string;
  idempotencyKey?: string;
  to: Record<string, string>;
  metadata: Record<string, string>;
  date_created: string;
  expected_delivery_date: string;
  events: Array<{ type: string; at: string }>;
}

const LETTER_ID = /^ltr_[0-9a-f]{26}$/;
/** What the outbox buttons may make of a letter, as Lob's tracking would report it. */
const ENDINGS = {
  delivered: ['letter.in_transit', 'letter.in_local_area', 'letter.delivered'],
  returned: ['letter.in_transit', 'letter.returned_to_sender'],
} as const;

/** Five working days after `from`: the estimate Lob gives for a letter by ordinary post. */
function expectedDelivery(from: Date): string {
  const at = new Date(from.getTime());
  for (let left = 5; left > 0;) {
    at.setUTCDate(at.getUTCDate() + 1);
    if (at.getUTCDay() !== 0 && at.getUTCDay() !== 6) left--;
  }
  return at.toISOString().slice(0, 10);
}

export function mountLobStandIn(app: Express, opts: { dataDir: string; webhookUrl: string; webhookSecret: string }) {
  const dir = path.join(opts.dataDir, 'lob');
  mkdirSync(dir, { recursive: true });
  const recordPath = (id: string) => path.join(dir, `${id}.json`);
  const read = (id: string): StandInLetter | undefined =>
    LETTER_ID.test(id) && existsSync(recordPath(id))
      ? (JSON.parse(readFileSync(recordPath(id), 'utf8')) as StandInLetter)
      : undefined;
  const save = (letter: StandInLetter) => writeFileSync(recordPath(letter.id), JSON.stringify(letter, null, 2));
  const letters = (): StandInLetter[] =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => read(f.slice(0, -'.json'.length))!)
      .sort((a, b) => a.date_created.localeCompare(b.date_created));

  const asLob = (l: StandInLetter) => ({
    id: l.id,
    object: 'letter',
    description: 'PIN INPS - seconda parte',
    to: l.to,
    metadata: l.metadata,
    date_created: l.date_created,
    expected_delivery_date: l.expected_delivery_date,
    use_type: 'operational',
  });

  /** Posts one tracking event, signed; Lob retries a webhook that does not answer 2xx, and so does this. */
  async function sendEvent(letter: StandInLetter, type: string): Promise<void> {
    const at = new Date().toISOString();
    const body = Buffer.from(
      JSON.stringify({
        id: `evt_${randomBytes(13).toString('hex')}`,
        object: 'event',
        date_created: at,
        reference_id: letter.id,
        event_type: { id: type, resource: 'letters', enabled_for_test: true, object: 'event_type' },
        body: asLob(letter),
      }),
    );
    // Lob retries a delivery that fails for hours; the stand-in for about a minute, backing off up to 5 seconds.
    for (let attempt = 1; attempt <= 15; attempt++) {
      const timestamp = String(Date.now());
      try {
        const answer = await fetch(opts.webhookUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [LOB_TIMESTAMP_HEADER]: timestamp,
            [LOB_SIGNATURE_HEADER]: lobWebhookSignature(opts.webhookSecret, timestamp, body),
          },
          body,
        });
        if (answer.ok) break;
      } catch {
        // The product may be starting or stopping: try again shortly.
      }
      if (attempt === 15) logger.warn({ letterId: letter.id, type }, 'Lob stand-in: the webhook did not take an event');
      else await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** (attempt - 1), 5_000)));
    }
    letter.events.push({ type, at });
    save(letter);
  }

  /** Events about one letter leave one after the other, in order, as Lob's scans happen. */
  const queues = new Map<string, Promise<void>>();
  const track = (letter: StandInLetter, types: readonly string[]) => {
    const next = (queues.get(letter.id) ?? Promise.resolve()).then(async () => {
      for (const type of types) await sendEvent(read(letter.id)!, type);
    });
    queues.set(letter.id, next);
    return next;
  };

  const authorized = (req: Request) =>
    req.headers.authorization === `Basic ${Buffer.from(`${STAND_IN_LOB_API_KEY}:`).toString('base64')}`;

  app.post(
    '/lob/v1/letters',
    multer({ storage: multer.memoryStorage(), limits: { fileSize: 20_000_000, files: 1 } }).single('file'),
    (req: Request, res: Response) => {
      if (!authorized(req)) {
        res.status(401).json({ error: { message: 'Your API key is not valid.', status_code: 401 } });
        return;
      }
      const body = req.body as Record<string, unknown>;
      const to = (body.to ?? {}) as Record<string, string>;
      if (!req.file || req.file.buffer.subarray(0, 5).toString() !== '%PDF-' || !to.name || !to.address_line1) {
        res.status(422).json({ error: { message: 'to and a PDF file are required', status_code: 422 } });
        return;
      }
      const key = req.header('idempotency-key') ?? undefined;
      const id = `ltr_${(key ? createHash('sha256').update(key).digest('hex') : randomBytes(13).toString('hex')).slice(0, 26)}`;
      const existing = read(id);
      if (existing) {
        res.json(asLob(existing));
        return;
      }
      const now = new Date();
      const letter: StandInLetter = {
        id,
        idempotencyKey: key,
        to,
        metadata: (body.metadata ?? {}) as Record<string, string>,
        date_created: now.toISOString(),
        expected_delivery_date: expectedDelivery(now),
        events: [],
      };
      writeFileSync(path.join(dir, `${id}.pdf`), req.file.buffer);
      save(letter);
      res.json(asLob(letter));
      // Rendered, then printed and handed to the post, as Lob reports a letter on its way.
      void track(letter, ['letter.created', 'letter.mailed']);
    },
  );

  // The dev outbox's buttons: the letter reaches the citizen's letterbox, or comes back to INPS.
  app.post('/dev/lob/letters/:id/:ending', async (req: Request, res: Response) => {
    const letter = read(String(req.params.id));
    const ending = String(req.params.ending);
    if (!letter || !(ending in ENDINGS)) {
      res.status(404).json({ error: { code: 'not_found', message: 'No such letter or ending' } });
      return;
    }
    await track(letter, ENDINGS[ending as keyof typeof ENDINGS]);
    if (req.accepts(['html', 'json']) === 'html') res.redirect(303, '/dev/outbox');
    else res.json({ letter: read(letter.id) });
  });

  app.get('/dev/lob/letters/:file', (req: Request, res: Response) => {
    const id = String(req.params.file).replace(/\.pdf$/, '');
    if (!read(id)) {
      res.status(404).json({ error: { code: 'not_found', message: 'No such letter' } });
      return;
    }
    res.type('application/pdf').sendFile(path.join(dir, `${id}.pdf`), { dotfiles: 'allow' });
  });

  return { letters };
}
