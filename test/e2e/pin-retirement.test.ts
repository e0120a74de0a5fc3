// The end of the transition (issue "The SPID era as the sources say it"): from PIN_RETIREMENT_DATE every PIN held by
// someone who could use SPID stops working, told why once the PIN is proven right; the PINs of minors and of non-EU
// citizens go on.
import { generatePin } from '../../domain/pin';
import { fiscalCodeOf } from '../support/citizen';
import { activePinFor } from '../support/pins';
import { startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct({ PIN_RETIREMENT_DATE: '2026-06-30' });
});
afterAll(() => product?.stop());

const signIn = (fiscalCode: string, pin: string) => product.citizen.post('/api/session', { fiscalCode, pin });

it('retires an adult EU citizen’s PIN at its next use, saying why; a wrong PIN learns nothing of it', async () => {
  const fiscalCode = fiscalCodeOf('Rossi');
  const pin = await activePinFor(product, fiscalCode);
  // Another PIN of the same alphabet and length: a wrong one, not a malformed one.
  let other = generatePin(pin.length);
  while (other === pin) other = generatePin(pin.length);
  const wrong = await signIn(fiscalCode, other);
  expect([wrong.status, wrong.body.error.code]).toEqual([401, 'sign_in_failed']);

  const retired = await signIn(fiscalCode, pin);
  expect([retired.status, retired.body.error.code]).toEqual([403, 'pin_retired']);
  expect(retired.body.error.message).toMatch(/SPID/);
  const credential = await product.db
    .selectFrom('credentials')
    .innerJoin('persons', 'persons.id', 'credentials.person_id')
    .select(['credentials.status', 'credentials.revocation_reason'])
    .where('persons.fiscal_code', '=', fiscalCode)
    .orderBy('credentials.issued_at', 'desc')
    .executeTakeFirstOrThrow();
  expect(credential).toEqual({ status: 'revoked', revocation_reason: 'retired_at_end_of_transition' });
  expect((await signIn(fiscalCode, pin)).status).toBe(401);
});

it('lets a minor’s and a non-EU citizen’s PIN go on working', async () => {
  for (const lastName of ['Ricci', 'Diallo']) {
    const fiscalCode = fiscalCodeOf(lastName);
    const session = await signIn(fiscalCode, await activePinFor(product, fiscalCode));
    expect([lastName, session.status, session.body.stage]).toEqual([lastName, 200, 'signed_in']);
  }
});
