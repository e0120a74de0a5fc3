// Guessing a PIN: many guesses at once, from many clients, evaluate no more PINs than the limit allows; during a
// suspension no PIN is evaluated and the right one is answered exactly as a wrong one (no oracle); guesses made
// during a suspension do not make it longer; the citizen can still recover with Lost PIN. The same for the
// contact center's identification of a caller by phone PIN, which also has a limit per agent.
import { generatePin } from '../../domain/pin';
import { fiscalCodeOf, strangerFiscalCode } from '../support/citizen';
import { clientAddress, postJsonFrom } from '../support/client-address';
import { requestFor } from '../support/demo';
import { activePhonePinFor, activePinFor as activePinForCitizen } from '../support/pins';
import { staffToken, startTestProduct, type TestProduct } from '../support/product';

const MAX_FAILURES = 5;
let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct({
    SIGN_IN_MAX_FAILURES: String(MAX_FAILURES),
    SIGN_IN_LOCKOUT: '10 minutes',
    CALLER_IDENTIFICATION_FAILURES_PER_AGENT: '40',
  });
});
afterAll(() => product?.stop());

const activePinFor = (lastName: string) => activePinForCitizen(product, fiscalCodeOf(lastName));

const wrongPin = (right: string) => {
  for (;;) {
    const pin = generatePin(right.length);
    if (pin !== right) return pin;
  }
};

const signInFrom = (n: number, fiscalCode: string, pin: string) =>
  postJsonFrom(`${product.urls.citizen}/api/session`, { fiscalCode, pin }, clientAddress(n));

/** The answer without the time it names: what must be the same for everyone during a suspension. */
const shape = (r: { status: number; body: any }) => ({
  status: r.status,
  code: r.body?.error?.code,
  message: String(r.body?.error?.message ?? '').replace(/\d{1,2}[:.]\d{2}([:.]\d{2})?/g, 'HH:MM'),
});

describe('citizen sign-in', () => {
  it('150 guesses at once from 150 clients evaluate at most SIGN_IN_MAX_FAILURES PINs; the right PIN then does not get in', async () => {
    const fiscalCode = fiscalCodeOf('Bianchi');
    const right = await activePinFor('Bianchi');
    const answers = await Promise.all(
      Array.from({ length: 150 }, (_, i) => signInFrom(i, fiscalCode, wrongPin(right))),
    );
    const evaluated = answers.filter((a) => a.status === 401);
    expect(evaluated.length).toBeLessThanOrEqual(MAX_FAILURES);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(150 - MAX_FAILURES);
    // The suspension began: the right PIN is answered as a wrong one would be, and opens no session.
    expect((await signInFrom(150, fiscalCode, right)).status).toBe(429);
    const sessions = await product.db
      .selectFrom('citizen_sessions')
      .innerJoin('persons', 'persons.id', 'citizen_sessions.person_id')
      .select('citizen_sessions.token_hash')
      .where('persons.fiscal_code', '=', fiscalCode)
      .execute();
    expect(sessions).toHaveLength(0);
  });

  it('during a suspension the right PIN, a wrong PIN and an unknown codice fiscale get the same answer', async () => {
    const fiscalCode = fiscalCodeOf('Rossi');
    const right = await activePinFor('Rossi');
    const unknown = strangerFiscalCode(0);
    for (let i = 0; i < MAX_FAILURES; i++) {
      await signInFrom(200 + i, fiscalCode, wrongPin(right));
      await signInFrom(210 + i, unknown, wrongPin(right));
    }
    const rightAnswer = shape(await signInFrom(220, fiscalCode, right));
    const wrongAnswer = shape(await signInFrom(221, fiscalCode, wrongPin(right)));
    const unknownAnswer = shape(await signInFrom(222, unknown, wrongPin(right)));
    expect(rightAnswer.status).toBe(429);
    expect(rightAnswer).toEqual(wrongAnswer);
    expect(rightAnswer).toEqual(unknownAnswer);
    expect(rightAnswer.message).not.toMatch(/right|giusto|correct/i);
  });

  it('guesses during a suspension do not make it longer, and the citizen can still ask for a new PIN', async () => {
    const fiscalCode = fiscalCodeOf('Esposito');
    const right = await activePinFor('Esposito');
    for (let i = 0; i < MAX_FAILURES; i++) await signInFrom(300 + i, fiscalCode, wrongPin(right));
    const guard = () =>
      product.db
        .selectFrom('sign_in_guards')
        .select(['locked_until', 'lockouts'])
        .where('locked_until', 'is not', null)
        .orderBy('updated_at', 'desc')
        .executeTakeFirstOrThrow();
    const before = await guard();
    for (let i = 0; i < 20; i++) await signInFrom(310 + i, fiscalCode, wrongPin(right));
    const after = await guard();
    expect(after.locked_until!.getTime()).toBe(before.locked_until!.getTime());
    expect(after.lockouts).toBe(before.lockouts);

    const person = requestFor('Esposito');
    const lost = await product.citizen.post('/api/lost-pin', {
      fiscalCode,
      phone: person.phone,
      deliveryChannel: 'sms',
    });
    expect(lost.status).toBe(202);
  });
});

describe('caller identification by phone PIN (contact center)', () => {
  const phonePinFor = (lastName: string) => activePhonePinFor(product, fiscalCodeOf(lastName));

  it('many guesses at once evaluate at most the limit; during the suspension the right phone PIN is answered as a wrong one', async () => {
    const token = await staffToken(product, 'agent.neri');
    const fiscalCode = fiscalCodeOf('Ferrari');
    const right = await phonePinFor('Ferrari');
    const identify = (phonePin: string) =>
      product.agents.post('/api/agent/caller-identification', { fiscalCode, phonePin }, token);
    const answers = await Promise.all(Array.from({ length: 30 }, () => identify(wrongPin(right))));
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(MAX_FAILURES);
    const rightAnswer = await identify(right);
    const wrongAnswer = await identify(wrongPin(right));
    expect(rightAnswer.status).toBe(429);
    expect(shape(rightAnswer)).toEqual(shape(wrongAnswer));
  });

  it('an agent who fails too often, across many codici fiscali, is stopped', async () => {
    const token = await staffToken(product, 'agent.sala');
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) {
      const fiscalCode = strangerFiscalCode(1 + i);
      statuses.push(
        (await product.agents.post('/api/agent/caller-identification', { fiscalCode, phonePin: 'ABCD2345' }, token))
          .status,
      );
    }
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(40);
    expect(statuses.at(-1)).toBe(429);
  });
});
