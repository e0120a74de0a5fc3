// Hostile input never makes a 500 (issue "Abuse and bad input"): every operation of both OpenAPI documents gets a
// battery of hostile values (generated with fast-check, plus the classics: NUL bytes, lone surrogates, bidirectional
// overrides, malformed ids, wrong types, repeated fields) in its path, query and body, signed in with the roles that
// reach it. No answer is a 5xx or shows a stack or may be cached, and nothing is written.
import fc from 'fast-check';
import { sql } from 'kysely';
import { activePinFor } from '../support/pins';
import { fiscalCodeOf } from '../support/citizen';
import { requestFor } from '../support/demo';
import { clearRequests, eventually, staffToken, startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
beforeAll(async () => {
  // Per-client ceilings high enough that every hostile request reaches the code it is aimed at, not the limiter.
  product = await startTestProduct({
    CITIZEN_SIGN_IN_ATTEMPTS_PER_CLIENT: '10000',
    LOST_PIN_REQUESTS_PER_CLIENT: '10000',
  });
  await clearRequests(product);
});
afterAll(() => product?.stop());

/** Hostile strings: the classics, then what fast-check makes of arbitrary code points and sizes. */
const CLASSICS = [
  '',
  'not-a-uuid',
  '00000000-0000-0000-0000-00000000000g',
  'a\u0000b',
  '\u0000',
  '\uD800',
  'x\uDC00y',
  'Via Roma \u202E1 ossodni',
  'Ros\u200Bsi',
  '../../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '%00',
  '%',
  '{{7*7}}',
  'é'.normalize('NFD'),
  'x'.repeat(5_000),
];
const hostileStrings = [
  ...CLASSICS,
  ...fc.sample(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), { numRuns: 8, seed: 42 }),
];
/** As a URL carries it; a lone surrogate (no UTF-8 form) as the bytes a careless client would send. */
const encode = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80%FF';
  }
};

/** Values of the wrong type for any field. */
const WRONG_TYPES: unknown[] = [null, 0, -1, Number.MAX_SAFE_INTEGER + 2, true, [], ['a', 'b'], {}, { $gt: '' }];

interface Operation {
  method: string;
  path: string;
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content?: Record<string, { schema?: { $ref?: string; properties?: Record<string, unknown> } }> };
}

async function operationsOf(base: string): Promise<{ ops: Operation[]; doc: any }> {
  const doc = (await (await fetch(`${base}/openapi.json`)).json()) as any;
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths))
    for (const method of ['get', 'post', 'put', 'patch', 'delete'])
      if (item[method]) ops.push({ method, path, ...item[method], parameters: item[method].parameters });
  return { ops, doc };
}

const bodyPropertiesOf = (op: Operation, doc: any): string[] => {
  const schema = op.requestBody?.content?.['application/json']?.schema;
  const resolved = schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!] : schema;
  return Object.keys(resolved?.properties ?? {});
};

/** Row counts of every table but those that record attempts (sign-ins, sessions, the audit of refusals). */
async function rowCounts() {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
      and table_name not in ('audit_log', 'sign_in_guards', 'citizen_sessions', 'staff_sessions', 'oidc_sign_ins',
        'kysely_migration', 'kysely_migration_lock')`.execute(product.db);
  const counts: Record<string, number> = {};
  for (const { table_name } of rows)
    counts[table_name] = Number(
      (await sql<{ n: string }>`select count(*) as n from ${sql.table(table_name)}`.execute(product.db)).rows[0]!.n,
    );
  return counts;
}

it('answers every hostile request to every operation with a 4xx, never a 5xx, and writes nothing', async () => {
  await activePinFor(product, fiscalCodeOf('Bianchi'));
  const pin = await activePinFor(product, fiscalCodeOf('Rossi'));
  const citizen = (await product.citizen.post('/api/session', { fiscalCode: fiscalCodeOf('Rossi'), pin })).body
    .token as string;
  const staff = {
    supervisor: await staffToken(product, 'supervisor.galli'),
    agent: await staffToken(product, 'agent.neri'),
    office: await staffToken(product, 'operator.verdi'),
  };
  const before = await rowCounts();

  const failures: string[] = [];
  let sent = 0;
  let operations = 0;
  const send = async (base: string, token: string, method: string, url: string, body?: string, type?: string) => {
    sent++;
    const res = await fetch(`${base}${url}`, {
      method: method.toUpperCase(),
      headers: {
        authorization: `Bearer ${token}`,
        ...(type ? { 'content-type': type } : {}),
      },
      body,
    });
    const text = await res.text();
    if (!res.headers.get('cache-control')?.includes('no-store'))
      failures.push(`${method.toUpperCase()} ${url.slice(0, 120)} -> ${res.status} without Cache-Control: no-store`);
    if (res.status >= 500 || /\n\s+at .*\.(ts|js):\d+/.test(text))
      failures.push(`${method.toUpperCase()} ${url.slice(0, 120)} ${body?.slice(0, 80) ?? ''} -> ${res.status}`);
  };

  for (const [base, tokens] of [
    [product.urls.citizen, [citizen]],
    [product.urls.agentConsole, Object.values(staff)],
  ] as const) {
    const { ops, doc } = await operationsOf(base);
    for (const op of ops) {
      if (op.path === '/openapi.json') continue;
      operations++;
      const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const withPath = (value: string) =>
        pathParams.reduce((p, name) => p.replace(`{${name}}`, encode(value)), op.path);
      const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const properties = bodyPropertiesOf(op, doc);
      // An operation that takes no body (asking for a conversion) does its work whatever is sent: not fuzzed there.
      const hasBody = op.requestBody !== undefined;
      for (const token of tokens) {
        // A hostile id in the path.
        if (pathParams.length)
          for (const value of hostileStrings.slice(0, 8))
            await send(base, token, op.method, withPath(value), hasBody ? '{}' : undefined, 'application/json');
        const path = withPath('00000000-0000-4000-8000-000000000000');
        // Hostile and repeated query parameters.
        for (const name of queryParams)
          for (const value of hostileStrings.slice(3, 9))
            await send(base, token, op.method, `${path}?${name}=${encode(value)}&${name}=${encode(value)}`);
        if (!hasBody) continue;
        // Hostile values in each field of the body, and the wrong type.
        for (const name of properties.length ? properties : ['value'])
          for (const value of [...hostileStrings, ...WRONG_TYPES])
            await send(base, token, op.method, path, JSON.stringify({ [name]: value }), 'application/json');
        // Bodies that are not what they say.
        for (const [body, type] of [
          ['{"a":', 'application/json'],
          ['"\\ud800"', 'application/json'],
          ['fiscalCode=a&fiscalCode=b&note=%00', 'application/x-www-form-urlencoded'],
          ['--x\r\nContent-Disposition: form-data; name="file"\r\n\r\n%PDF', 'multipart/form-data'],
          ['--x\r\nContent-Disposition: form-data; name="file"\r\n\r\n%PDF', 'multipart/form-data; boundary=y'],
        ])
          await send(base, token, op.method, path, body, type);
      }
    }
  }
  console.log(
    `hostile input: ${operations} operations, ${sent} requests, ${failures.length} failed (5xx, stack or cacheable)`,
  );
  expect(failures).toEqual([]);
  expect(await rowCounts()).toEqual(before);
}, 600_000);

it('lets no browser or proxy keep a page or an error: Cache-Control: no-store everywhere but static assets', async () => {
  const pages = [
    ...['/', '/login', '/lost-pin', '/home', '/phone-pins', '/follow?t=x', '/requests/x', '/nowhere'].map(
      (p) => `${product.urls.citizen}${p}`,
    ),
    ...['/', '/office', '/nowhere'].map((p) => `${product.urls.agentConsole}${p}`),
  ];
  for (const page of pages) {
    const res = await fetch(page, { redirect: 'manual' });
    expect([page, res.headers.get('cache-control')]).toEqual([page, 'no-store']);
  }
  const form = await fetch(`${product.urls.citizen}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ fiscalCode: fiscalCodeOf('Rossi'), pin: 'AAAAAAAA' }),
  });
  expect(form.headers.get('cache-control')).toBe('no-store');
});

/**
 * The plain-HTML forms (not in the OpenAPI documents): each field hostile, or sent twice, and hostile ids. Asking for
 * a conversion takes no field and does its work whatever is sent: not fuzzed here.
 */
const FORM_ROUTES = {
  citizen: [
    ['/', ['fiscalCode', 'firstName', 'lastName', 'street', 'city', 'postalCode', 'phone', 'email']],
    ['/login', ['fiscalCode', 'pin']],
    ['/lost-pin', ['fiscalCode', 'contactType', 'contact']],
    ['/find-request', ['fiscalCode', 'contactType', 'contact']],
    ['/follow/new-letter', ['t']],
    ['/follow/first-half-again', ['t']],
    ['/applications', ['serviceId']],
    ['/phone-pins', ['label']],
    ['/phone-pins/{id}/revocation', []],
  ],
  agentConsole: [
    ['/office/issuances', ['fiscalCode', 'street', 'documentNumber', 'documentIssuer']],
    ['/office/conversions', ['fiscalCode', 'documentNumber']],
    ['/office/registry-corrections', ['fiscalCode', 'street']],
    ['/office/intermediaries', ['fiscalCode', 'companyName']],
  ],
} as const;

it('answers every hostile form post with a 4xx that names the field, never a 5xx, and writes nothing', async () => {
  const pin = await activePinFor(product, fiscalCodeOf('Rossi'));
  const citizen = (await product.citizen.post('/api/session', { fiscalCode: fiscalCodeOf('Rossi'), pin })).body
    .token as string;
  const office = await staffToken(product, 'operator.verdi');
  const before = await rowCounts();
  const failures: string[] = [];
  let sent = 0;
  for (const [base, token, routes] of [
    [product.urls.citizen, citizen, FORM_ROUTES.citizen],
    [product.urls.agentConsole, office, FORM_ROUTES.agentConsole],
  ] as const)
    for (const [route, fields] of routes) {
      const bodies: string[] = [];
      for (const field of [...fields, 'extra'])
        for (const value of hostileStrings) bodies.push(`${field}=${encode(value)}`);
      for (const field of fields) bodies.push(`${field}=a&${field}=b`);
      const paths = route.includes('{id}')
        ? hostileStrings.slice(0, 8).map((id) => route.replace('{id}', encode(id)))
        : [route];
      for (const path of paths)
        for (const body of bodies) {
          sent++;
          const res = await fetch(`${base}${path}`, {
            method: 'POST',
            redirect: 'manual',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
            body,
          });
          const text = await res.text();
          if (res.status >= 500 || /\n\s+at .*\.(ts|js):\d+/.test(text))
            failures.push(`POST ${path.slice(0, 80)} ${body.slice(0, 60)} -> ${res.status}`);
        }
    }
  console.log(`hostile forms: ${sent} requests, ${failures.length} failed (5xx or stack)`);
  expect(failures).toEqual([]);
  expect(await rowCounts()).toEqual(before);
}, 600_000);

it('refuses at the edge, naming the field: an id that is not one, a field sent twice, control and invisible characters', async () => {
  const pin = await activePinFor(product, fiscalCodeOf('Ferrari'));
  const session = await product.citizen.post('/api/session', { fiscalCode: fiscalCodeOf('Ferrari'), pin });
  expect(session.status).toBe(200);
  const token = session.body.token as string;
  const errorOf = async (res: Response) => {
    const text = await res.text();
    try {
      return { status: res.status, ...(JSON.parse(text) as { error: unknown }) };
    } catch {
      return { status: res.status, text: text.slice(0, 200) };
    }
  };
  const post = (path: string, body: string, type = 'application/x-www-form-urlencoded') =>
    fetch(`${product.urls.citizen}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body,
    });

  // A malformed id never reaches a query: the answer names the parameter.
  for (const res of [
    await fetch(`${product.urls.citizen}/requests/not-a-uuid`, { headers: { authorization: `Bearer ${token}` } }),
    await fetch(`${product.urls.citizen}/api/phone-pins/1%00`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    }),
    await fetch(`${product.urls.citizen}/api/conversions/x'--`, { headers: { authorization: `Bearer ${token}` } }),
  ])
    expect(await errorOf(res)).toMatchObject({
      status: 400,
      error: { code: 'invalid_input', fields: { id: expect.any(String) } },
    });

  // A field sent twice is not a guess between two values.
  expect(
    await errorOf(
      await post('/login', `fiscalCode=${fiscalCodeOf('Rossi')}&fiscalCode=${fiscalCodeOf('Bianchi')}&pin=x`),
    ),
  ).toMatchObject({
    status: 400,
    error: { fields: { fiscalCode: 'was sent more than once' } },
  });
  expect(await errorOf(await fetch(`${product.urls.citizen}/follow?t=a&t=b`))).toMatchObject({
    status: 400,
    error: { fields: { t: 'was sent more than once' } },
  });

  // A street that displays differently from what is stored, or hides a NUL, is refused in JSON as in a form.
  const request = {
    ...requestFor('Colombo'),
    residence: { ...requestFor('Colombo').residence, street: 'Via Roma \u202E01' },
  };
  const refused = await errorOf(await post('/api/pin-requests', JSON.stringify(request), 'application/json'));
  expect(refused).toMatchObject({
    status: 400,
    error: { fields: { 'residence.street': expect.stringMatching(/invisible/) } },
  });
  expect(await errorOf(await post('/', 'street=Via%20Roma%00&fiscalCode=x'))).toMatchObject({
    status: 400,
    error: { fields: { street: 'contains a control character' } },
  });
});

it('stores text as NFC, however the citizen typed its accents', async () => {
  const decomposed = 'Via Niccolò Tommaseo 4'.normalize('NFD');
  const request = { ...requestFor('Colombo'), residence: { ...requestFor('Colombo').residence, street: decomposed } };
  const res = await product.citizen.post('/api/pin-requests', request);
  expect(res.status).toBe(202);
  const stored = await eventually(() =>
    product.db
      .selectFrom('pin_requests')
      .select('street')
      .where('fiscal_code', '=', request.fiscalCode)
      .executeTakeFirst(),
  );
  expect(stored.street).toBe('Via Niccolò Tommaseo 4'.normalize('NFC'));
});

it('runs no inline script: the policy has no unsafe-inline for scripts, and no page carries an inline script or handler', async () => {
  const office = await staffToken(product, 'operator.verdi');
  for (const [url, token] of [
    ...['/', '/login', '/lost-pin', '/follow?t=x'].map((p) => [`${product.urls.citizen}${p}`, undefined] as const),
    ...['/', '/office', '/office/intermediaries'].map((p) => [`${product.urls.agentConsole}${p}`, office] as const),
  ]) {
    const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const policy = res.headers.get('content-security-policy') ?? '';
    const scripts = /script-src ([^;]*)/.exec(policy)?.[1] ?? '';
    expect([url, scripts]).toEqual([url, "'self'"]);
    const html = await res.text();
    expect([url, html.match(/<script(?![^>]*\ssrc=)[^>]*>/g)]).toEqual([url, null]);
    expect([url, html.match(/\son[a-z]+="/g)]).toEqual([url, null]);
  }
});
