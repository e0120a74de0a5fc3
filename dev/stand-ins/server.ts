// Local stand-ins for the outside world we cannot reach here: Twilio's Messages API, SendGrid's v3 mail/send and
// the fax provider's inbound webhook, speaking their real HTTP contracts (and checking or making their credentials),
// plus the dev outbox that shows every SMS, email and letter the product sent. Messages are kept in a JSON-lines
// file, so they survive a restart.
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response } from 'express';
import multer from 'multer';
import { FAX_SIGNATURE_HEADER, faxWebhookSignature } from '../../infra/fax';
import { STAND_IN_SENDGRID_KEY, STAND_IN_TWILIO } from '../../infra/messaging';
import type { createLocalPrintHouseDrop } from '../../infra/print-house';
import { renderOutboxPage } from './outbox-view';
import { mountLobStandIn } from './lob';
import { mountProviderFaults } from './provider-faults';
import { mountVoiceStandIn } from './voice';

export interface OutboxMessage {
  id: string;
  channel: 'sms' | 'email';
  to: string;
  from: string;
  subject?: string;
  text: string;
  sentAt: string;
  /** SendGrid's `custom_args`: what the sender attached to find the message again. */
  customArgs?: Record<string, string>;
}

export interface OutboxEntry {
  channel: 'sms' | 'email' | 'letter';
  recipient: string;
  text: string;
  subject?: string;
  sentAt: string;
  letterPdfUrl?: string;
  reference?: string;
  /** A letter sent through the Lob stand-in: its tracking so far, and whether the outbox may still end its journey. */
  tracking?: { events: string[]; open: boolean };
}

export function createStandInsApp(opts: {
  dataDir: string;
  /** The print house's drop folder, when letters go there (PRINT_HOUSE_DIR) rather than through Lob. */
  printHouse?: ReturnType<typeof createLocalPrintHouseDrop>;
  /** Where the Lob stand-in posts its tracking events, and the secret it signs them with. */
  lob?: { webhookUrl: string; webhookSecret: string };
  /** Where the fax provider delivers received faxes, and the token it signs them with. */
  faxWebhookUrl?: string;
  faxWebhookToken: string;
}) {
  mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, 'messages.jsonl');
  const record = (m: OutboxMessage) => appendFileSync(file, `${JSON.stringify(m)}\n`);
  const messages = (): OutboxMessage[] =>
    existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as OutboxMessage)
      : [];

  const outbox = (): OutboxEntry[] => {
    const entries: OutboxEntry[] = messages().map((m) => ({
      channel: m.channel,
      recipient: m.to,
      subject: m.subject,
      text: m.text,
      sentAt: m.sentAt,
    }));
    for (const l of lob.letters()) {
      const events = l.events.map((e) => e.type);
      entries.push({
        channel: 'letter',
        recipient: `${l.to.name}, ${l.to.address_line1}, ${l.to.address_zip} ${l.to.address_city} (${l.to.address_state})`,
        text: `Letter ${l.id} through Lob; expected by ${l.expected_delivery_date}. Tracking: ${events.join(', ') || 'none yet'}`,
        sentAt: l.date_created,
        letterPdfUrl: `/dev/lob/letters/${l.id}.pdf`,
        reference: l.id,
        tracking: {
          events,
          open: !events.some((e) => e === 'letter.delivered' || e === 'letter.returned_to_sender'),
        },
      });
    }
    for (const l of opts.printHouse?.list() ?? []) {
      entries.push({
        channel: 'letter',
        recipient: `${l.address.name}, ${l.address.street}, ${l.address.postalCode} ${l.address.city} (${l.address.province})`,
        text: `Letter ${l.reference} handed to the print house`,
        sentAt: l.submittedAt,
        letterPdfUrl: `/dev/letters/${l.letterId}.pdf`,
        reference: l.reference,
      });
    }
    return entries.sort((a, b) => b.sentAt.localeCompare(a.sentAt));
  };

  const app = express();
  app.disable('x-powered-by');

  /** Twilio's REST API: HTTP Basic with the account SID and auth token, and the account in the path. */
  function twilioAuthorized(req: Request, res: Response): boolean {
    const expected = `Basic ${Buffer.from(`${STAND_IN_TWILIO.accountSid}:${STAND_IN_TWILIO.authToken}`).toString('base64')}`;
    if (req.headers.authorization === expected && req.params.sid === STAND_IN_TWILIO.accountSid) return true;
    res.status(401).json({
      code: 20003,
      message: 'Authenticate',
      status: 401,
      more_info: 'https://www.twilio.com/docs/errors/20003',
    });
    return false;
  }
  const voice = mountVoiceStandIn(app, { ...STAND_IN_TWILIO, authorized: twilioAuthorized });
  const faults = mountProviderFaults(app);
  const lob = opts.lob ? mountLobStandIn(app, { dataDir: opts.dataDir, ...opts.lob }) : { letters: () => [] };

  /** A message as Twilio's Message resource describes it. */
  const twilioMessage = (m: OutboxMessage) => {
    const created = new Date(m.sentAt).toUTCString();
    return {
      sid: m.id,
      account_sid: STAND_IN_TWILIO.accountSid,
      to: m.to,
      from: m.from,
      body: m.text,
      status: 'sent',
      direction: 'outbound-api',
      num_segments: String(Math.ceil(m.text.length / 153)),
      date_created: created,
      date_updated: created,
      date_sent: created,
      api_version: '2010-04-01',
      uri: `/2010-04-01/Accounts/${STAND_IN_TWILIO.accountSid}/Messages/${m.id}.json`,
    };
  };

  // Twilio: POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded, HTTP Basic with SID and token.
  app.post(
    '/twilio/2010-04-01/Accounts/:sid/Messages.json',
    express.urlencoded({ extended: false }),
    (req: Request, res: Response) => {
      if (!twilioAuthorized(req, res)) return;
      const { To, From, Body } = req.body as Record<string, string | undefined>;
      if (!To || !/^\+\d{8,15}$/.test(To) || !Body) {
        res
          .status(400)
          .json({ code: 21211, message: `The 'To' number ${To} is not a valid phone number.`, status: 400 });
        return;
      }
      const message: OutboxMessage = {
        id: `SM${randomBytes(16).toString('hex')}`,
        channel: 'sms',
        to: To,
        from: From ?? '',
        text: Body,
        sentAt: new Date().toISOString(),
      };
      record(message);
      void faults.answer(res, () => res.status(201).json({ ...twilioMessage(message), status: 'queued' }));
    },
  );

  // Twilio: GET /2010-04-01/Accounts/{AccountSid}/Messages.json, newest first, filtered by To and From, one page.
  app.get('/twilio/2010-04-01/Accounts/:sid/Messages.json', (req: Request, res: Response) => {
    if (!twilioAuthorized(req, res)) return;
    const { To, From } = req.query as Record<string, string | undefined>;
    const pageSize = Math.min(Math.max(Number(req.query.PageSize) || 50, 1), 1000);
    const found = messages()
      .filter((m) => m.channel === 'sms' && (!To || m.to === To) && (!From || m.from === From))
      .reverse()
      .slice(0, pageSize);
    const uri = `/2010-04-01/Accounts/${req.params.sid}/Messages.json?PageSize=${pageSize}&Page=0`;
    res.json({
      messages: found.map(twilioMessage),
      page: 0,
      page_size: pageSize,
      start: 0,
      end: Math.max(found.length - 1, 0),
      uri,
      first_page_uri: uri,
      next_page_uri: null,
      previous_page_uri: null,
    });
  });

  // SendGrid: POST /v3/mail/send, JSON, Bearer API key; answers 202 with X-Message-Id and no body.
  app.post('/sendgrid/v3/mail/send', express.json({ limit: '1mb' }), (req: Request, res: Response) => {
    if (req.headers.authorization !== `Bearer ${STAND_IN_SENDGRID_KEY}`) {
      res.status(401).json({
        errors: [{ message: 'The provided authorization grant is invalid, expired, or revoked', field: null }],
      });
      return;
    }
    const body = req.body as {
      personalizations?: Array<{ to?: Array<{ email?: string }> }>;
      from?: { email?: string };
      subject?: string;
      content?: Array<{ type: string; value: string }>;
      custom_args?: Record<string, string>;
    };
    const to = body.personalizations?.[0]?.to?.[0]?.email;
    const text = body.content?.find((c) => c.type === 'text/plain')?.value ?? body.content?.[0]?.value;
    if (!to || !body.from?.email || !text) {
      res.status(400).json({ errors: [{ message: 'personalizations, from and content are required', field: null }] });
      return;
    }
    const id = randomBytes(11).toString('base64url');
    record({
      id,
      channel: 'email',
      to,
      from: body.from.email,
      subject: body.subject,
      text,
      sentAt: new Date().toISOString(),
      customArgs: body.custom_args,
    });
    void faults.answer(res, () => res.status(202).set('X-Message-Id', id).end());
  });

  // SendGrid's Email Activity API: GET /v3/messages?query=...&limit=N. The stand-in understands the queries the
  // product makes: `unique_args['name']="value"` (the custom_args of the send) and `to_email="..."`.
  app.get('/sendgrid/v3/messages', (req: Request, res: Response) => {
    if (req.headers.authorization !== `Bearer ${STAND_IN_SENDGRID_KEY}`) {
      res.status(401).json({ errors: [{ message: 'authorization required', field: null }] });
      return;
    }
    const query = String(req.query.query ?? '');
    const arg = /^unique_args\['([\w-]+)'\]="([^"]*)"$/.exec(query);
    const toEmail = /^to_email="([^"]*)"$/.exec(query);
    if (query && !arg && !toEmail) {
      res.status(400).json({ errors: [{ message: 'invalid query', field: 'query' }] });
      return;
    }
    const limit = Math.min(Math.max(Number(req.query.limit) || 10, 1), 1000);
    const found = messages()
      .filter((m) => m.channel === 'email')
      .filter((m) => (arg ? m.customArgs?.[arg[1]!] === arg[2] : toEmail ? m.to === toEmail[1] : true))
      .reverse()
      .slice(0, limit);
    res.json({
      messages: found.map((m) => ({
        from_email: m.from,
        msg_id: `${m.id}.filterdrecv-stand-in.0`,
        subject: m.subject ?? '',
        to_email: m.to,
        status: 'delivered',
        opens_count: 0,
        clicks_count: 0,
        last_event_time: m.sentAt,
      })),
    });
  });

  // The fax provider: someone faxes a document to the INPS number; the provider calls the product's webhook with it,
  // signed the provider's way. The test suite and the demo use this to "send a fax".
  app.post(
    '/fax/dev/receive',
    multer({ storage: multer.memoryStorage(), limits: { fileSize: 50_000_000, files: 1 } }).single('file'),
    async (req: Request, res: Response) => {
      if (!req.file || !opts.faxWebhookUrl) {
        res.status(400).json({ error: { code: 'bad_request', message: 'a PDF in the "file" field is required' } });
        return;
      }
      const faxId = String(req.body?.faxId ?? Date.now());
      const now = new Date().toISOString();
      const fields = {
        direction: 'received',
        event_type: 'fax_completed',
        is_test: 'false',
        success: 'true',
        fax: JSON.stringify({
          id: Number(faxId),
          direction: 'received',
          num_pages: Number(req.body?.pages ?? 1),
          status: 'success',
          is_test: false,
          created_at: now,
          completed_at: now,
          from_number: String(req.body?.from ?? '+390612345678'),
          to_number: '+39800803164',
        }),
      };
      const signature = faxWebhookSignature(opts.faxWebhookToken, opts.faxWebhookUrl, fields, {
        file: req.file.buffer,
      });
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      form.append('file', new Blob([req.file.buffer], { type: 'application/pdf' }), `fax-${faxId}.pdf`);
      const answer = await fetch(opts.faxWebhookUrl, {
        method: 'POST',
        headers: { [FAX_SIGNATURE_HEADER]: signature },
        body: form,
      });
      res.status(answer.ok ? 202 : 502).json({ faxId, webhookStatus: answer.status });
    },
  );

  app.get('/dev/outbox.json', (_req, res) => {
    res.json({ messages: outbox() });
  });
  app.get('/dev/outbox', (_req, res) => {
    res.type('html').send(renderOutboxPage(outbox(), voice.calls()));
  });
  app.get('/', (_req, res) => res.redirect('/dev/outbox'));
  app.get('/dev/letters/:file', (req, res) => {
    const letterId = req.params.file.replace(/\.pdf$/, '');
    const pdf = opts.printHouse?.pdfPath(letterId);
    if (!pdf) {
      res.status(404).json({ error: { code: 'not_found', message: 'No such letter' } });
      return;
    }
    // The data folder is a dot-folder, which express's sendFile refuses by default.
    res.type('application/pdf').sendFile(pdf, { dotfiles: 'allow' });
  });
  return app;
}
