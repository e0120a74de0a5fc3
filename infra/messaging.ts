// Builds the real Twilio and SendGrid SDK clients. With no credentials configured they are pointed at the local
// stand-ins (dev/stand-ins), which speak the same HTTP APIs, so the SDKs are exercised exactly as in production.
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
  (sgMail as unknown as { client: { setDefaultRequest(k: string, v: string): void } }).client.setDefaultRequest(
    'baseUrl',
    `${config.standInsBaseUrl}/sendgrid/`,
  );
  return sgMail;
}
