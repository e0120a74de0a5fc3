// The whole product for one test file, on the run's real Postgres and Temporal: its own task queue, ports and
// data folder, so files never see each other's workflows, messages or letters.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig, type Config } from '../../infra/config';
import { demoStaff, seedDemoData } from '../../dev/seed';
import { startProduct, type Product } from '../../app/stack';
import { createDb, prepareDatabase, type Db } from '../../infra/db';
import type { OutboxEntry } from '../../dev/stand-ins/server';
import { freePort } from './ports';

export interface TestProduct extends Product {
  config: Config;
  citizen: ApiClient;
  agents: ApiClient;
  outbox(): Promise<OutboxEntry[]>;
  standIns: string;
}

export async function startTestProduct(overrides: Record<string, string> = {}): Promise<TestProduct> {
  const dataDir = mkdtempSync(path.join(process.env.TEST_DATA_DIR!, 'product-'));
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
    CITIZEN_PORT: String(await freePort()),
    AGENT_PORT: String(await freePort()),
    WORKER_HEALTH_PORT: String(await freePort()),
    STANDINS_PORT: String(await freePort()),
    OIDC_STANDIN_PORT: String(await freePort()),
    CNS_PORT: String(await freePort()),
    // The tests of the PIN's own life run in the regime before the switch to SPID; the switch has its own tests.
    SPID_SWITCH_OFF_DATE: '2099-01-01',
    // Every test file submits from one address; the ceiling per client has its own test (trusted-proxy.test.ts).
    PIN_REQUESTS_PER_CLIENT: '100000',
    ...overrides,
  });
  // An empty database before the product starts: its start-up sweep would otherwise adopt the previous test file's
  // unfinished processes, whose rows the first clean-up then removes under them (on the time-skipping server their
  // failing steps retry at skipped speed).
  await prepareDatabase(config.DATABASE_MIGRATION_URL!, config.DATABASE_URL!);
  const before = createDb(config.DATABASE_URL!, 1);
  await clearRequests({ db: before }).finally(() => before.destroy());
  const product = await startProduct(config, {
    databaseUrl: config.DATABASE_URL!,
    migrationUrl: config.DATABASE_MIGRATION_URL!,
    temporalAddress: config.TEMPORAL_ADDRESS!,
  });
  return {
    ...product,
    config,
    citizen: apiClient(product.urls.citizen),
    agents: apiClient(product.urls.agentConsole),
    standIns: config.standInsBaseUrl,
    outbox: async () =>
      ((await (await fetch(`${config.standInsBaseUrl}/dev/outbox.json`)).json()) as { messages: OutboxEntry[] })
        .messages,
  };
}

/**
 * Removes every request and what hangs off it, and puts the registry back as seeded (the office corrects it). As the
 * owner: the product's own role may not truncate the audit trail.
 */
export async function clearRequests(
  { db }: Pick<Product, 'db'>,
  ownerUrl = process.env.DATABASE_MIGRATION_URL ?? process.env.DATABASE_URL!,
): Promise<void> {
  const owner = createDb(ownerUrl, 1);
  try {
    // The previous test's work may still be writing (a workflow finishing): a truncate that deadlocks with it is
    // simply tried again.
    for (let attempt = 1; ; attempt++) {
      try {
        await clearAsOwner(owner);
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== '40P01' || attempt === 5) throw err;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  } finally {
    await owner.destroy();
  }
  await seedDemoData(db);
}

async function clearAsOwner(db: Db): Promise<void> {
  await sql`truncate audit_log, deferred_starts, submissions, status_links, staff_decisions, task_calls, agent_tasks, notifications, home_page_notices, letter_events, letters, pin_deliveries, citizen_sessions, documents,
    inbound_faxes, conversions, benefit_applications, credentials, pin_requests, staff_sessions, sign_in_guards,
    oidc_sign_ins, phone_pins, persons`.execute(db);
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}
export interface ApiClient {
  get<T = any>(url: string, token?: string): Promise<ApiResponse<T>>;
  post<T = any>(url: string, body?: unknown, token?: string): Promise<ApiResponse<T>>;
  delete<T = any>(url: string, token?: string): Promise<ApiResponse<T>>;
}

function apiClient(base: string): ApiClient {
  const call = async (method: string, url: string, body?: unknown, token?: string) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
  return {
    get: (url, token) => call('GET', url, undefined, token),
    post: (url, body, token) => call('POST', url, body ?? {}, token),
    delete: (url, token) => call('DELETE', url, undefined, token),
  };
}

/** Polls until `check` returns a value; for observing background work from the outside, never inside the product. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** A demo staff member's session token, signed in through the console API. */
export async function staffToken(product: Pick<TestProduct, 'agents'>, username: string): Promise<string> {
  const res = await product.agents.post('/api/agent/session', { username, password: demoStaff(username).password });
  expect(res.status).toBe(200);
  return res.body.token;
}
