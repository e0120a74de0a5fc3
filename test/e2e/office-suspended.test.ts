// PIN issuance at INPS offices suspended (issue "The SPID era as the sources say it": one source says it is
// temporarily suspended): with OFFICE_PIN_ISSUANCE=off the desk issues and converts nothing, says why, and the
// citizen's form and messages no longer send anyone to an office for a PIN; the desk still corrects the registry.
import { pinDispositivoActions } from '../support/pin-dispositivo';
import { pdfText } from '../support/pdf-text';
import { fiscalCodeOf } from '../support/citizen';
import { startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct({ OFFICE_PIN_ISSUANCE: 'off' });
});
afterAll(() => product?.stop());

const mv35 = (lastName: string) => ({
  fiscalCode: fiscalCodeOf(lastName),
  identityDocument: {
    type: 'carta_identita',
    number: 'CA12345AB',
    issuedBy: 'Comune di Roma',
    expiresOn: '2031-05-01',
  },
  appliedInPerson: true,
});

it('the desk issues and converts nothing while office issuance is suspended, and says so', async () => {
  const act = pinDispositivoActions(product);
  const operator = await act.staffToken('operator.verdi');
  for (const path of ['/api/office/pin-dispositivo-issuances', '/api/office/conversions']) {
    const refused = await product.agents.post(path, mv35('Rossi'), operator);
    expect([path, refused.status, refused.body.error.code]).toEqual([path, 403, 'office_pin_issuance_suspended']);
  }
  const intermediary = await product.agents.post(
    '/api/office/intermediary-credentials',
    { fiscalCode: fiscalCodeOf('Greco'), identityDocumentChecked: true },
    operator,
  );
  expect(intermediary.body.error.code).toBe('office_pin_issuance_suspended');
  expect(await product.db.selectFrom('credentials').select('id').execute()).toEqual([]);

  const desk = await fetch(`${product.urls.agentConsole}/office`, { headers: { authorization: `Bearer ${operator}` } });
  expect(await desk.text()).toMatch(/Il rilascio del PIN presso le sedi INPS è sospeso/);
});

it('the conversion form no longer offers to hand it in at an office', async () => {
  const act = pinDispositivoActions(product);
  const citizen = await act.signedInCitizen('Bianchi');
  const { conversionId } = (await product.citizen.post('/api/conversions', {}, citizen.token)).body;
  const form = await fetch(`${product.urls.citizen}/api/conversions/${conversionId}/form`, {
    headers: { authorization: `Bearer ${citizen.token}` },
  });
  const text = await pdfText(Buffer.from(await form.arrayBuffer()));
  expect(text).not.toMatch(/presso una sede INPS/);
  expect(text).toMatch(/temporaneamente sospes/);
});
