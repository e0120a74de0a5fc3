// Builds the real Twilio and SendGrid SDK clients. With no credentials configured they are pointed at the local
// stand-ins (dev/stand-ins), which speak the same HTTP APIs, so the SDKs are exercised exactly as in production.
// The messenger on top sends a message and, for a retry, finds the copies the provider already holds of it.
import sgMail from '@sendgrid/mail';
import twilio from 'twilio';
import type { Config } from './config';

export type TwilioClient = ReturnType<typeof twilio>;
export type SendGridClient = typeof sgMail;

export const STAND_IN_TWILIO = { accountSid: `AC${'0'.repeat(32)}`, authToken: 'stand-in-token' } as const;
export const STAND_IN_SENDGRID_KEY = 'SG.stand-in-key';

type TwilioRequest = Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0];

/** Sends every Twilio API call to `baseUrl/twilio` instead of https://*.twilio.com. */
class RedirectingRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super();
  }
  override request<T>(opts: TwilioRequest) {
    const uri = opts.uri.replace(/^https:\/\/[a-z.-]*twilio\.com/, `${this.baseUrl}/twilio`);
    return super.request<T>({ ...opts, uri } as typeof opts & { data?: T });
  }
}

export function createTwilioClient(config: Config): TwilioClient {
  if (config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN)
    return twilio(config.TWILIO_ACCOUNT_SID, config.TWILIO_AUTH_TOKEN);
  return twilio(STAND_IN_TWILIO.accountSid, STAND_IN_TWILIO.authToken, {
    httpClient: new RedirectingRequestClient(config.standInsBaseUrl),
  });
}

/** The token Twilio signs its webhooks with: the account's auth token. */
export const twilioAuthToken = (config: Config) => config.TWILIO_AUTH_TOKEN ?? STAND_IN_TWILIO.authToken;

export function createSendGridClient(config: Config): SendGridClient {
  if (config.SENDGRID_API_KEY) {
    sgMail.setApiKey(config.SENDGRID_API_KEY);
    return sgMail;
  }
  sgMail.setApiKey(STAND_IN_SENDGRID_KEY);
  sendGridApi(sgMail).setDefaultRequest('baseUrl', `${config.standInsBaseUrl}/sendgrid/`);
  return sgMail;
}

/** The SendGrid v3 API client (`@sendgrid/client`) the mail helper sends through; its type does not show it. */
interface SendGridApi {
  setDefaultRequest(key: string, value: string): void;
  request(data: { method: 'GET'; url: string; qs: Record<string, string | number> }): Promise<[unknown, unknown]>;
}
const sendGridApi = (sendgrid: SendGridClient) => (sendgrid as unknown as { client: SendGridApi }).client;

export interface OutboundMessage {
  /** The product's own id for the message (its idempotency key), attached where the provider keeps such a thing. */
  id: string;
  channel: 'sms' | 'email';
  to: string;
  subject: string;
  text: string;
}

/** Sends SMS and email, and tells whether a message already went out. */
export interface Messenger {
  /** Sends the message; the provider's id for it. */
  send(message: OutboundMessage): Promise<string>;
  /**
   * The provider's ids of the copies of this message it sent since `since` (none: the earlier attempt never went
   * out). SMS: Twilio's Messages list for this recipient and sender, matched on the exact text. Email: SendGrid's
   * Email Activity, queried by the `custom_args` id the send carried.
   */
  copiesOf(message: OutboundMessage, since: Date): Promise<string[]>;
}

/** How far the provider's clock may be behind ours when we compare its creation times with our intents. */
const PROVIDER_CLOCK_SKEW_MS = 60_000;

export function createMessenger(deps: {
  twilio: TwilioClient;
  sendgrid: SendGridClient;
  smsFrom: string;
  emailFrom: string;
}): Messenger {
  const { twilio: sms, sendgrid, smsFrom, emailFrom } = deps;
  return withPlainErrors({
    async send(m) {
      if (m.channel === 'sms') return (await sms.messages.create({ to: m.to, from: smsFrom, body: m.text })).sid;
      const [response] = await sendgrid.send({
        to: m.to,
        from: { email: emailFrom, name: 'INPS' },
        subject: m.subject,
        text: m.text,
        customArgs: { notification_id: m.id },
      });
      return String(response.headers['x-message-id'] ?? response.statusCode);
    },

    async copiesOf(m, since) {
      const earliest = since.getTime() - PROVIDER_CLOCK_SKEW_MS;
      if (m.channel === 'sms') {
        const listed = await sms.messages.list({ to: m.to, from: smsFrom, pageSize: 50, limit: 50 });
        return listed.filter((x) => x.body === m.text && x.dateCreated.getTime() >= earliest).map((x) => x.sid);
      }
      const [, body] = await sendGridApi(sendgrid).request({
        method: 'GET',
        url: '/v3/messages',
        qs: { limit: 10, query: `unique_args['notification_id']="${m.id}"` },
      });
      const listed = (body as { messages?: Array<{ msg_id: string }> }).messages ?? [];
      // The activity's msg_id is the send's X-Message-Id followed by the relay's own suffix.
      return listed.map((x) => x.msg_id.split('.')[0]!);
    },
  });
}

/**
 * The SDKs' errors carry the whole HTTP request (the recipient, the message's text with its link, the credentials
 * header), and Temporal logs and records an activity's failure as it is: what leaves here is the provider's status
 * and code and its own message only.
 */
function withPlainErrors(messenger: Messenger): Messenger {
  const plain = (err: unknown): Error => {
    const e = (err ?? {}) as { status?: unknown; code?: unknown; response?: { status?: unknown } };
    const status = e.status ?? e.response?.status;
    const said = err instanceof Error ? err.message.replace(/\S+@\S+|\+?\d{8,}|https?:\/\/\S+/g, '…') : 'unknown error';
    const failure = new Error(`messaging provider: ${said}${status ? ` (status ${String(status)})` : ''}`);
    failure.name = 'MessagingProviderError';
    return Object.assign(failure, { status, code: e.code });
  };
  return {
    send: (m) => messenger.send(m).catch((err: unknown) => Promise.reject(plain(err))),
    copiesOf: (m, since) => messenger.copiesOf(m, since).catch((err: unknown) => Promise.reject(plain(err))),
  };
}
