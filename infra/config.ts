// The one place where the environment is read: every setting, its default for the embedded
// single-machine run, checked once at start-up and frozen.
import path from 'node:path';
import { z } from 'zod';

/** Polls a worker keeps open on a task queue: a fixed maximum, or `autoscaling` (the server's answers set them). */
const POLLS = 'a number from 2 to 200, or autoscaling';
const polls = (fallback: number) =>
  z
    .union([z.literal('autoscaling'), z.coerce.number(POLLS).int(POLLS).min(2, POLLS).max(200, POLLS)], POLLS)
    .default(fallback);
const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const DURATION = /^(\d+)\s*(ms|s|m|h|d|seconds?|minutes?|hours?|days?)$/;
const duration = (fallback: string) =>
  z.string().regex(DURATION, 'a duration such as "4 hours" or "30 days"').default(fallback);
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A configured duration ("15 minutes") in milliseconds. */
export function durationMs(value: string): number {
  const [, amount, unit] = DURATION.exec(value)!;
  const key = unit === 'ms' ? 'ms' : unit!.startsWith('min') ? 'm' : unit![0]!;
  return Number(amount) * UNIT_MS[key]!;
}

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  DATA_DIR: z.string().default(path.resolve(__dirname, '..', '.data')),
  PUBLIC_HOST: z.string().default('127.0.0.1'),

  /** The product's connection: a role that owns nothing and holds only the grants it needs (infra/db/roles.ts). */
  DATABASE_URL: z.string().url().optional(),
  /** The owner's connection, used only to apply migrations and grant the product's role. */
  DATABASE_MIGRATION_URL: z.string().url().optional(),
  EMBEDDED_POSTGRES_PORT: port(54329),

  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TLS_CERT_PATH: z.string().optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().optional(),
  /** The CA that signed the Temporal frontend's certificate, and the name it carries (mTLS inside a deployment). */
  TEMPORAL_TLS_CA_PATH: z.string().optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),
  TEMPORAL_DEV_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  TEMPORAL_TASK_QUEUE: z.string().default('pin-service'),

  CITIZEN_PORT: port(3000),
  AGENT_PORT: port(3001),
  /** The worker's health and metrics (`/healthz`, `/readyz`, `/metrics`), for the orchestrator and ops. */
  WORKER_HEALTH_PORT: port(3002),
  /**
   * The worker's sizing (app/worker.ts). Runs kept in memory between their workflow tasks: one evicted costs a replay
   * of its short history when it next wakes, so the PINs' sleeping lifecycles need not all stay in memory (the SDK's
   * default cache, sized from the heap, let the worker grow to about 1 GB). 250 by measurement (bench/README.md,
   * sleeping lifecycles): with 20,000 asleep the worker holds 486 MiB at 250 and 721 MiB at 1000, at the same rate.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(250),
  /**
   * The workflow code prebuilt as one file (app/workflow-bundle.ts, `npm run build:workflows`; the image sets it). Unset,
   * a worker process bundles the workflows folder itself at start-up, and keeps webpack's memory.
   */
  WORKER_WORKFLOW_BUNDLE: z.string().min(1).optional(),
  /** Workflow and activity tasks run at once, and local activities (the database-only steps) at once. */
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).default(40),
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).default(100),
  WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: z.coerce.number().int().min(1).default(100),
  /** Polls open at once for workflow tasks and for activity tasks (never more than their slots above). */
  WORKER_WORKFLOW_TASK_POLLS: polls(10),
  WORKER_ACTIVITY_TASK_POLLS: polls(10),
  /**
   * Online submissions handed to Temporal and not yet taken in, at most, across every citizen-service replica
   * (core/submission-starter.ts): the rest of a burst waits in Postgres and goes as the pipeline takes these in.
   */
  SUBMISSIONS_IN_TEMPORAL: z.coerce.number().int().min(1).default(16),
  STANDINS_PORT: port(3090),

  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  TWILIO_FROM: z.string().default('INPS'),
  /** The number citizens see when an agent calls them back (the contact center's, 06 164 164). */
  TWILIO_VOICE_CALLER_ID: z
    .string()
    .regex(/^\+\d{8,15}$/, 'a number in E.164 form')
    .default('+3906164164'),
  SENDGRID_API_KEY: z.string().optional(),
  SENDGRID_FROM: z.string().email().default('noreply.pin@inps.example.it'),
  /**
   * How long SendGrid's Email Activity may take to list a sent email. A retried email whose earlier attempt is younger
   * waits this long before asking whether it went out. Default: 2 minutes with SendGrid, none with the stand-in.
   */
  SENDGRID_ACTIVITY_SETTLE: z.string().regex(DURATION, 'a duration such as "2 minutes"').optional(),

  /**
   * Letters go through Lob's letters API (its Node SDK) with LOB_API_KEY, to LOB_API_URL, and Lob posts tracking events
   * to the agent console's webhook, signed with LOB_WEBHOOK_SECRET; with no key, to the local stand-in. With
   * PRINT_HOUSE_DIR set instead, letters are dropped there as PDF + manifest for a print house that takes batches by
   * SFTP (no tracking).
   */
  LOB_API_KEY: z.string().min(8).optional(),
  LOB_API_URL: z.string().url().optional(),
  LOB_WEBHOOK_SECRET: z.string().min(16).optional(),
  PRINT_HOUSE_DIR: z.string().optional(),
  /** A letter not delivered within this many working days counts as lost: its PIN is invalidated. */
  LETTER_LOST_AFTER_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(15),
  /**
   * "The SMS never came": the first half may be sent again, once, this long after it left; its sealed copy is kept
   * for that at most FIRST_HALF_RESEND_KEPT (and wiped as soon as the PIN is first used).
   */
  FIRST_HALF_RESEND_AFTER: duration('15 minutes'),
  FIRST_HALF_RESEND_KEPT: duration('48 hours'),
  /** "My letter never came": how many new letters a citizen may ask for after a first request. */
  LETTER_REISSUES_MAX: z.coerce.number().int().min(0).max(10).default(2),
  /** 32 bytes, base64: encrypts PIN halves while they wait for delivery. Generated under DATA_DIR in development. */
  PIN_VAULT_KEY: z.string().optional(),

  /**
   * Keys that encrypt workflow payloads: `id:base64[,id:base64...]`, 32 bytes each, the current one first and the
   * ones still needed to read older histories after it. Generated under DATA_DIR in development.
   */
  PAYLOAD_CODEC_KEYS: z.string().optional(),
  /** The Temporal Web origin allowed to call the codec server (with the ops user's session). */
  TEMPORAL_UI_URL: z.string().url().optional(),

  VERIFICATION_MAX_CALL_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  VERIFICATION_RETRY_DELAY: duration('4 hours'),
  VERIFICATION_TASK_DEADLINE: duration('14 days'),
  /** When the contact center places verification calls (Monday to Friday, Rome time): told to the citizen who waits. */
  VERIFICATION_CALL_HOURS: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM-HH:MM')
    .default('09:00-18:00'),
  /** A task claimed but not finished within this time goes back to the queue for someone else. */
  TASK_CLAIM_TIMEOUT: duration('20 minutes'),
  /** How often the sweep puts expired claims back in the queue (a Temporal Schedule); until then they show as open. */
  TASK_CLAIM_SWEEP_EVERY: duration('1 minute'),
  /** How often requests stored but never started (Temporal was down) are started (a Temporal Schedule). */
  PENDING_PROCESS_SWEEP_EVERY: duration('1 minute'),
  /** How often expired sessions, guards, sign-ins, status links and old letter copies are deleted. */
  HOUSEKEEPING_EVERY: duration('1 hour'),
  /**
   * Retention (domain/retention.ts), run by its own Schedule every RETENTION_EVERY: a rejected request's name,
   * address, phone and email are erased this many days after it ended; a document (identity document, signed form,
   * fax) is destroyed this many days after its conversion was decided or lapsed.
   */
  RETENTION_EVERY: duration('1 day'),
  REJECTED_REQUEST_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  DOCUMENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** A letter's PDF (half a PIN) stays in the print-house drop this long after it was handed over. */
  PRINT_DROP_RETENTION: duration('24 hours'),
  /** Where Twilio reaches the agent console (call status callbacks): the URL its signatures are computed over. */
  AGENT_PUBLIC_URL: z.string().url().optional(),
  /** A staff session ends with the shift, this many hours after the sign-in, however busy… */
  AGENT_SESSION_HOURS: z.coerce.number().int().min(1).max(24).default(9),
  /** …and sooner, after this many minutes in which its person did nothing (the screen's own refreshes do not count). */
  AGENT_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(240).default(30),
  /** Failed staff sign-ins allowed per username and client in 15 minutes. */
  STAFF_SIGN_IN_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),

  /** Terms of a PIN (brief, "Expiry and renewal"): calendar months from issue or last renewal. */
  CITIZEN_PIN_VALIDITY_MONTHS: z.coerce.number().int().min(1).max(60).default(6),
  INTERMEDIARY_PIN_VALIDITY_MONTHS: z.coerce.number().int().min(1).max(60).default(3),
  /** The reminder email goes this many days before a PIN expires. */
  EXPIRY_REMINDER_DAYS: z.coerce.number().int().min(1).max(60).default(15),
  /** Wrong PINs in a row before sign-in with that codice fiscale is suspended. */
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(50).default(5),
  /** The first suspension; each further one in a row doubles it, up to the maximum. */
  SIGN_IN_LOCKOUT: duration('15 minutes'),
  SIGN_IN_LOCKOUT_MAX: duration('24 hours'),
  /**
   * The proxies in front of the HTTP services whose X-Forwarded-For is believed, as Express's `trust proxy` takes
   * them: a number of hops, or addresses and subnets ("loopback", "10.0.0.0/8", comma-separated). Off by default: the
   * client is then the socket's address, and a forwarded header changes nothing.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(false|\d{1,2}|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/, 'false, a number of hops, or addresses and subnets')
    .default('false'),
  /** Failed citizen sign-ins allowed per client (IP address) in 15 minutes, whatever codice fiscale they name. */
  CITIZEN_SIGN_IN_ATTEMPTS_PER_CLIENT: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Failed caller identifications (phone PIN) one agent may make in an hour, whatever codici fiscali they name. */
  CALLER_IDENTIFICATION_FAILURES_PER_AGENT: z.coerce.number().int().min(1).max(1_000).default(20),
  /** A citizen's session ends after this many minutes without a request… */
  CITIZEN_SESSION_MINUTES: z.coerce.number().int().min(5).max(240).default(30),
  /** …and this many hours after the sign-in, however busy. */
  CITIZEN_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24).default(8),
  /** At most one notice about the same request or PIN holder in this time, however often someone submits. */
  SUBMISSION_NOTICE_MIN_INTERVAL: duration('1 hour'),
  /** A request's status link keeps working this long after the request ended. */
  STATUS_LINK_DAYS_AFTER_END: z.coerce.number().int().min(1).max(90).default(14),
  /**
   * Lost-PIN requests taken from one client (IP address) in an hour, and for one codice fiscale in a day, whoever
   * asks: every request counts, since every answer is the same 202 whatever it names.
   */
  /** PIN requests (online form and API together) taken from one client (IP address) in an hour. */
  PIN_REQUESTS_PER_CLIENT: z.coerce.number().int().min(1).max(100_000).default(30),
  LOST_PIN_REQUESTS_PER_CLIENT: z.coerce.number().int().min(1).max(10_000).default(20),
  LOST_PIN_REQUESTS_PER_FISCAL_CODE: z.coerce.number().int().min(1).max(100).default(3),
  /** A new lost-PIN request for the same person within this time sends nothing: no flood of letters and SMS. */
  LOST_PIN_MIN_INTERVAL: duration('24 hours'),

  /**
   * PIN issuance and conversion at INPS offices (brief, "The switch to SPID": one source says it is temporarily
   * suspended). Off, the desk issues and converts nothing, and nothing sends citizens to an office for a PIN.
   */
  OFFICE_PIN_ISSUANCE: z.enum(['on', 'off'], 'on or off').default('on'),
  /**
   * The second half of a PIN by email instead of by letter, for someone whose email the registry already holds (one
   * source allows "via e-mail o all'indirizzo di residenza"). Off by default: README, "Why the letter".
   */
  SECOND_HALF_BY_EMAIL: z.enum(['on', 'off'], 'on or off').default('off'),
  /**
   * The end of the transition to SPID: from this day (Italian time) the PIN of anyone who could use SPID stops working;
   * minors' and non-EU citizens' PINs go on. Unset by default.
   */
  PIN_RETIREMENT_DATE: z.iso.date('a date as YYYY-MM-DD').optional(),
  /** From this day (Italian time) new PINs go only to people who cannot get SPID (brief, "The switch to SPID"). */
  SPID_SWITCH_OFF_DATE: z.iso.date('a date as YYYY-MM-DD').default('2020-10-01'),

  /** The OpenID Connect provider for SPID and CIE sign-in; a local stand-in on OIDC_STANDIN_PORT when unset. */
  OIDC_ISSUER_URL: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().default('inps-pin-service'),
  /** The relying party's secret at the provider; the stand-in's own when unset (required in production). */
  OIDC_CLIENT_SECRET: z.string().min(16).optional(),
  OIDC_STANDIN_PORT: port(3092),
  /**
   * CNS sign-in: its HTTPS endpoint, the CA bundle of the CNS issuers, their CRL, and the endpoint's own certificate.
   * In development the files default to a demo PKI made under DATA_DIR/cns (README, "The SPID era").
   */
  CNS_PORT: port(3443),
  CNS_PUBLIC_URL: z.string().url().optional(),
  CNS_CA_FILE: z.string().optional(),
  CNS_CRL_FILE: z.string().optional(),
  CNS_SERVER_CERT_FILE: z.string().optional(),
  CNS_SERVER_KEY_FILE: z.string().optional(),
  /** Where citizens reach the citizen service: the provider sends them back here after sign-in. */
  CITIZEN_PUBLIC_URL: z.string().url().optional(),

  /** A conversion form not returned (signed, by upload or fax) within this time lapses; the citizen can ask again. */
  CONVERSION_RETURN_DEADLINE: duration('60 days'),
  /** A document review still undecided after this is escalated: top of the queue, flagged. */
  REVIEW_ESCALATION_AFTER: duration('2 days'),
  /** Largest file a citizen may upload (each of the two documents). */
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(100_000).max(50_000_000).default(5_000_000),
  /** Largest fax the provider may deliver. */
  FAX_MAX_BYTES: z.coerce.number().int().min(100_000).max(100_000_000).default(20_000_000),
  /** The number citizens fax signed forms to, printed on the form. */
  FAX_NUMBER: z.string().default('800 803 164'),
  /** The fax provider's webhook token (Phaxio "callback token"): inbound faxes are signed with it. */
  FAX_WEBHOOK_TOKEN: z.string().min(16).optional(),
});

export type Config = Readonly<z.infer<typeof schema>> & {
  readonly LOG_LEVEL: NonNullable<z.infer<typeof schema>['LOG_LEVEL']>;
  readonly standInsBaseUrl: string;
  readonly oidcIssuerUrl: string;
  readonly oidcClientSecret: string;
  readonly citizenPublicUrl: string;
  readonly oidcRedirectUri: string;
  readonly agentPublicUrl: string;
  readonly cnsPublicUrl: string;
  readonly officePinIssuance: boolean;
  readonly temporalUiUrl: string;
  readonly sendgridActivitySettleMs: number;
  /** TRUST_PROXY as Express's `trust proxy` setting takes it. */
  readonly trustProxy: false | number | string[];
};

/** The stand-in provider's client secret: a development value, never used when a real provider is configured. */
export const STAND_IN_OIDC_CLIENT_SECRET = 'stand-in-oidc-client-secret';

/** Parses the environment once; a bad or missing value stops start-up with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production') {
    const required = [
      'DATABASE_URL',
      'DATABASE_MIGRATION_URL',
      'TEMPORAL_ADDRESS',
      'PIN_VAULT_KEY',
      'PAYLOAD_CODEC_KEYS',
      'TWILIO_ACCOUNT_SID',
      'TWILIO_AUTH_TOKEN',
      'SENDGRID_API_KEY',
      'FAX_WEBHOOK_TOKEN',
      'OIDC_ISSUER_URL',
      'OIDC_CLIENT_SECRET',
      'CITIZEN_PUBLIC_URL',
      'AGENT_PUBLIC_URL',
    ] as const;
    // Letters: Lob with its webhook's secret, or a print house's drop folder.
    const letters = c.PRINT_HOUSE_DIR ? [] : (['LOB_API_KEY', 'LOB_WEBHOOK_SECRET'] as const);
    const missing = [...required, ...letters].filter((k) => !c[k]);
    if (missing.length) throw new Error(`Missing configuration for production: ${missing.join(', ')}`);
  }
  const pollsOverSlots = (
    [
      ['WORKER_WORKFLOW_TASK_POLLS', c.WORKER_WORKFLOW_TASK_POLLS, 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS'],
      ['WORKER_ACTIVITY_TASK_POLLS', c.WORKER_ACTIVITY_TASK_POLLS, 'WORKER_MAX_CONCURRENT_ACTIVITIES'],
    ] as const
  ).filter(([, value, slots]) => typeof value === 'number' && value > c[slots]);
  if (pollsOverSlots.length)
    throw new Error(
      `Invalid configuration:\n${pollsOverSlots.map(([key, , slots]) => `  ${key}: at most ${slots} (${c[slots]})`).join('\n')}`,
    );
  const citizenPublicUrl = c.CITIZEN_PUBLIC_URL ?? `http://${c.PUBLIC_HOST}:${c.CITIZEN_PORT}`;
  return Object.freeze({
    ...c,
    LOG_LEVEL: c.LOG_LEVEL ?? (c.NODE_ENV === 'test' ? 'warn' : 'info'),
    standInsBaseUrl: `http://127.0.0.1:${c.STANDINS_PORT}`,
    oidcIssuerUrl: c.OIDC_ISSUER_URL ?? `http://127.0.0.1:${c.OIDC_STANDIN_PORT}`,
    oidcClientSecret: c.OIDC_CLIENT_SECRET ?? STAND_IN_OIDC_CLIENT_SECRET,
    citizenPublicUrl,
    /** Where SPID/CIE send the browser back after sign-in: registered with the provider as the only redirect URI. */
    oidcRedirectUri: `${citizenPublicUrl}/login/spid/callback`,
    temporalUiUrl: c.TEMPORAL_UI_URL ?? `http://${c.PUBLIC_HOST}:${c.TEMPORAL_UI_PORT}`,
    agentPublicUrl: c.AGENT_PUBLIC_URL ?? `http://${c.PUBLIC_HOST}:${c.AGENT_PORT}`,
    cnsPublicUrl: c.CNS_PUBLIC_URL ?? `https://${c.PUBLIC_HOST}:${c.CNS_PORT}`,
    officePinIssuance: c.OFFICE_PIN_ISSUANCE === 'on',
    trustProxy:
      c.TRUST_PROXY === 'false'
        ? false
        : /^\d+$/.test(c.TRUST_PROXY)
          ? Number(c.TRUST_PROXY)
          : c.TRUST_PROXY.split(',').map((s) => s.trim()),
    sendgridActivitySettleMs: durationMs(c.SENDGRID_ACTIVITY_SETTLE ?? (c.SENDGRID_API_KEY ? '2 minutes' : '0 ms')),
  });
}
