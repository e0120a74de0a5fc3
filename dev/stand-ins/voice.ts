// The Twilio Programmable Voice stand-in: `POST .../Calls.json` rings the first number (the agent's phone, which
// picks up by itself), fetches the TwiML from the call's `Url`, and when that says `<Dial><Number>` rings the
// citizen. The citizen's phone is a person trying the product (or a test): it answers, is busy, does not answer or
// fails when told to at `/dev/calls`. Every callback is signed as Twilio signs it (`X-Twilio-Signature`: HMAC-SHA1
// of the URL followed by the sorted fields, keyed with the auth token), written out here, not borrowed from the SDK.
import { createHmac, randomBytes } from 'node:crypto';
import express, { type Express, type Request, type Response } from 'express';
import { escapeHtml } from '../../services/shared/html';
import { logger } from '../../infra/logger';

export interface StandInCall {
  sid: string;
  parentSid?: string;
  leg: 'agent' | 'citizen';
  to: string;
  from: string;
  status: 'queued' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'no-answer' | 'failed';
  statusCallback?: string;
  events: string[];
  startedAt: string;
  answeredAt?: number;
}

export const CITIZEN_PHONE_ACTIONS = {
  answer: 'in-progress',
  'hang-up': 'completed',
  busy: 'busy',
  'no-answer': 'no-answer',
  fail: 'failed',
} as const;
type PhoneAction = keyof typeof CITIZEN_PHONE_ACTIONS;

export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

const EVENT_OF: Record<StandInCall['status'], string> = {
  queued: 'initiated',
  ringing: 'ringing',
  'in-progress': 'answered',
  completed: 'completed',
  busy: 'completed',
  'no-answer': 'completed',
  failed: 'completed',
};

export function mountVoiceStandIn(
  app: Express,
  opts: { accountSid: string; authToken: string; authorized: (req: Request, res: Response) => boolean },
) {
  const calls = new Map<string, StandInCall>();
  const newSid = () => `CA${randomBytes(16).toString('hex')}`;

  async function signedPost(url: string, params: Record<string, string>) {
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': twilioSignature(opts.authToken, url, params),
      },
      body: new URLSearchParams(params),
    });
  }

  const callParams = (call: StandInCall): Record<string, string> => ({
    AccountSid: opts.accountSid,
    ApiVersion: '2010-04-01',
    CallSid: call.sid,
    CallStatus: call.status,
    Direction: call.leg === 'agent' ? 'outbound-api' : 'outbound-dial',
    From: call.from,
    To: call.to,
    ...(call.parentSid ? { ParentCallSid: call.parentSid } : {}),
    ...(call.answeredAt && call.status === 'completed'
      ? { CallDuration: String(Math.round((Date.now() - call.answeredAt) / 1000)) }
      : {}),
  });

  async function moveTo(call: StandInCall, status: StandInCall['status']) {
    call.status = status;
    if (status === 'in-progress') call.answeredAt = Date.now();
    if (call.statusCallback && call.events.includes(EVENT_OF[status]))
      await signedPost(call.statusCallback, { ...callParams(call), CallbackSource: 'call-progress-events' }).catch(
        (err) => logger.warn({ err, sid: call.sid }, 'voice stand-in: status callback failed'),
      );
  }

  /** The agent's phone answers; Twilio asks the call's Url what to do and follows a `<Dial><Number>`. */
  async function connect(agentLeg: StandInCall, url: string) {
    await moveTo(agentLeg, 'in-progress');
    const twiml = await (await signedPost(url, callParams(agentLeg))).text();
    const number = /<Number([^>]*)>([^<]+)<\/Number>/.exec(twiml);
    if (!number) {
      await moveTo(agentLeg, 'completed');
      return;
    }
    const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(number[1]!)?.[1];
    const citizenLeg: StandInCall = {
      sid: newSid(),
      parentSid: agentLeg.sid,
      leg: 'citizen',
      to: number[2]!.trim(),
      from: /callerId="([^"]*)"/.exec(twiml)?.[1] ?? agentLeg.from,
      status: 'queued',
      statusCallback: attr('statusCallback')?.replace(/&amp;/g, '&'),
      events: (attr('statusCallbackEvent') ?? 'completed').split(/\s+/),
      startedAt: new Date().toISOString(),
    };
    calls.set(citizenLeg.sid, citizenLeg);
    await moveTo(citizenLeg, 'ringing');
  }

  app.post(
    '/twilio/2010-04-01/Accounts/:sid/Calls.json',
    express.urlencoded({ extended: false }),
    (req: Request, res: Response) => {
      if (!opts.authorized(req, res)) return;
      const body = req.body as Record<string, string | string[] | undefined>;
      const one = (k: string) => (Array.isArray(body[k]) ? body[k][0] : body[k]);
      const to = one('To');
      const url = one('Url');
      if (!to || !/^\+\d{8,15}$/.test(to) || !url) {
        res.status(400).json({ code: 21205, message: 'To (E.164) and Url are required', status: 400 });
        return;
      }
      const events = body.StatusCallbackEvent;
      const call: StandInCall = {
        sid: newSid(),
        leg: 'agent',
        to,
        from: one('From') ?? '',
        status: 'queued',
        statusCallback: one('StatusCallback'),
        events: Array.isArray(events) ? events : events ? [events] : ['completed'],
        startedAt: new Date().toISOString(),
      };
      calls.set(call.sid, call);
      res.status(201).json({
        sid: call.sid,
        account_sid: req.params.sid,
        to: call.to,
        from: call.from,
        status: 'queued',
        direction: 'outbound-api',
        api_version: '2010-04-01',
        date_created: new Date().toUTCString(),
        uri: `/2010-04-01/Accounts/${req.params.sid}/Calls/${call.sid}.json`,
      });
      setTimeout(() => {
        connect(call, url).catch((err) => logger.warn({ err, sid: call.sid }, 'voice stand-in: bridge failed'));
      }, 50);
    },
  );

  app.get('/dev/calls.json', (_req, res) => {
    res.json({ calls: [...calls.values()].reverse() });
  });

  /** The citizen's phone: answer, hang up, or be busy / not answer / fail. Ending it ends the agent's leg too. */
  app.post('/dev/calls/:sid/:action', express.urlencoded({ extended: false }), async (req, res) => {
    const call = calls.get(String(req.params.sid));
    const action = String(req.params.action) as PhoneAction;
    if (!call || call.leg !== 'citizen' || !(action in CITIZEN_PHONE_ACTIONS)) {
      res.status(404).json({ error: { code: 'not_found', message: 'No such ringing call or action' } });
      return;
    }
    const next = CITIZEN_PHONE_ACTIONS[action];
    const allowed = action === 'hang-up' ? call.status === 'in-progress' : call.status === 'ringing';
    if (!allowed) {
      res.status(409).json({ error: { code: 'wrong_state', message: `The call is ${call.status}` } });
      return;
    }
    await moveTo(call, next);
    if (next !== 'in-progress') {
      const parent = call.parentSid ? calls.get(call.parentSid) : undefined;
      if (parent) await moveTo(parent, 'completed');
    }
    if (req.accepts(['json', 'html']) === 'html') res.redirect(303, '/dev/outbox');
    else res.json({ sid: call.sid, status: call.status });
  });

  return { calls: () => [...calls.values()].reverse() };
}

/** The calls section of the dev outbox: the citizen's phone, with its buttons. */
export function renderCalls(calls: StandInCall[]): string {
  const citizenCalls = calls.filter((c) => c.leg === 'citizen').slice(0, 10);
  if (!citizenCalls.length) return '';
  const button = (c: StandInCall, action: PhoneAction, label: string) =>
    `<form method="post" action="/dev/calls/${c.sid}/${action}" class="inline"><button type="submit">${label}</button></form>`;
  const rows = citizenCalls.map((c) => {
    const actions =
      c.status === 'ringing'
        ? [
            button(c, 'answer', 'Answer'),
            button(c, 'busy', 'Busy'),
            button(c, 'no-answer', 'Do not answer'),
            button(c, 'fail', 'Fail'),
          ]
        : c.status === 'in-progress'
          ? [button(c, 'hang-up', 'Hang up')]
          : [];
    return `<article class="card"><p class="meta"><span class="tag">Call</span> to <strong>${escapeHtml(c.to)}</strong>
  from ${escapeHtml(c.from)} · <strong>${escapeHtml(c.status)}</strong></p>${actions.join(' ')}</article>`;
  });
  return `<h2>The citizen's phone</h2>${rows.join('\n')}`;
}
