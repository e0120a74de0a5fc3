// PIN dispositivo end to end, against the real dev server and Postgres: the service catalog's rules, "Converti PIN"
// with the prefilled form, return by upload and by fax (read by its QR code, or attached by hand), the agent's
// review, the office's in-person procedures with their registry corrections, and applications that wait for the PIN
// dispositivo and keep their filing date.
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import { PDFDocument } from 'pdf-lib';
import { readQrCodesFromPdf } from '../../infra/qr-code';
import { resumePinDispositivoProcesses } from '../../core/pin-dispositivo-processes';
import { lifecycleQuery } from '../../workflows/credential-lifecycle';
import { citizenActions, fiscalCodeOf } from '../support/citizen';
import { faxPdf, scannedPage } from '../support/fax';
import { pdfText } from '../support/pdf-text';
import { CONVERSION_FORM_CODE } from '../../services/citizen/views/conversion-form';
import { pinDispositivoActions } from '../support/pin-dispositivo';
import { eventually, startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
let act: ReturnType<typeof pinDispositivoActions>;
let agentToken: string;
/** PINs handed over at the desk, to look for in the workflow histories. */
const handedOut: string[] = [];
beforeAll(async () => {
  product = await startTestProduct({ UPLOAD_MAX_BYTES: '400000' });
  act = pinDispositivoActions(product);
  agentToken = await act.staffToken('agent.neri');
});
afterAll(() => product?.stop());

const jpeg = () => ({ bytes: scannedPage({}), name: 'carta-identita.jpg', type: 'image/jpeg' });
const signedFormScan = async (code: string) => ({
  bytes: await faxPdf({ qrText: code }),
  name: 'modulo-firmato.pdf',
  type: 'application/pdf',
});
const emailsTo = async (to: string, subject: string) =>
  (await product.outbox()).filter((m) => m.recipient === to && m.subject === subject);
const application = (id: string) =>
  product.db.selectFrom('benefit_applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** The agent takes the review task of this conversion and opens it, with the documents side by side. */
async function claimReview(conversionId: string) {
  const task = await act.openTask(agentToken, 'document_review', conversionId);
  expect((await product.agents.post(`/api/agent/tasks/${task.taskId}/claim`, {}, agentToken)).status).toBe(200);
  const detail = await product.agents.get(`/api/agent/tasks/${task.taskId}`, agentToken);
  expect(detail.status).toBe(200);
  const shownAs: string[] = [];
  for (const doc of detail.body.documents) {
    const shown = await fetch(`${product.urls.agentConsole}${doc.url}`, {
      headers: { authorization: `Bearer ${agentToken}` },
    });
    expect(shown.status).toBe(200);
    shownAs.push(shown.headers.get('content-type')!);
  }
  return { taskId: task.taskId as string, detail: detail.body, shownAs };
}
const decide = (taskId: string, decision: Record<string, unknown>) =>
  product.agents.post(`/api/agent/tasks/${taskId}/review`, decision, agentToken);

describe('service catalog', () => {
  it('lets each profile apply only for its own application services, and never for a consultation', async () => {
    const giulia = await act.signedInCitizen('Bianchi'); // private-sector worker
    const services = (await product.citizen.get('/api/me', giulia.token)).body.services.map((s: any) => s.id);
    expect(services).toEqual(expect.arrayContaining(['naspi', 'pension_application', 'contribution_statement']));
    expect(services).not.toContain('small_loan_public_employees');
    expect(services).not.toContain('pension_data');

    const apply = (serviceId: string) => product.citizen.post('/api/applications', { serviceId }, giulia.token);
    expect((await apply('small_loan_public_employees')).body.error.code).toBe('service_not_available');
    expect((await apply('small_loan_public_employees')).status).toBe(403);
    expect((await apply('pension_data')).status).toBe(403); // a pensioner's service
    expect((await apply('contribution_statement')).body.error.code).toBe('not_an_application');
    expect((await apply('no_such_service')).status).toBe(404);
    expect((await product.citizen.post('/api/applications', { serviceId: 'naspi' })).status).toBe(401);
    expect(await product.db.selectFrom('benefit_applications').selectAll().execute()).toHaveLength(0);
  });
});

describe('conversion by upload', () => {
  it('approved: the PIN is dispositivo at once, and the application filed before is processed with its filing date', async () => {
    const giulia = await act.signedInCitizen('Costa');
    const filed = await product.citizen.post('/api/applications', { serviceId: 'naspi' }, giulia.token);
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      status: 'waiting_for_pin_dispositivo',
      protocolNumber: expect.stringMatching(/^INPS\.\d{4}\.\d{9}$/),
    });
    await eventually(
      async () => (await application(filed.body.applicationId)).status === 'waiting_for_pin_dispositivo',
    );

    const asked = await product.citizen.post('/api/conversions', {}, giulia.token);
    expect(asked.status).toBe(201);
    const again = await product.citizen.post('/api/conversions', {}, giulia.token);
    expect(again.status).toBe(200);
    expect(again.body.conversionId).toBe(asked.body.conversionId);
    const { conversionId, requestCode } = asked.body;

    // The prefilled form: the holder's data, the code in print and in the QR code.
    const form = await fetch(`${product.urls.citizen}${asked.body.formUrl}`, {
      headers: { authorization: `Bearer ${giulia.token}` },
    });
    expect(form.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await form.arrayBuffer());
    const text = pdfText(pdf);
    expect(text).toContain(requestCode);
    expect(text).toContain(giulia.fiscalCode);
    expect(text).toContain('Costa Valentina');
    expect(text).toContain('Firma');
    // As an INPS form: its code, the declaration a signed form carries, a short address back, the privacy notice.
    expect(text).toContain(CONVERSION_FORM_CODE);
    expect(text).toMatch(/art\. 76 del D\.P\.R\. 28 dicembre 2000, n\. 445/);
    expect(text).toContain(`${product.config.citizenPublicUrl}/converti`);
    expect(text).toMatch(
      /Informativa sul trattamento dei dati personali \(art\. 13 del Regolamento \(UE\) 2016\/679\)/,
    );
    expect(text).toMatch(/distrutto 90 giorni dopo la decisione/);
    expect(await readQrCodesFromPdf(pdf)).toEqual([requestCode]);
    // Behind a proxy that passes on its own upstream name as the Host, or a client that sends any, the form still
    // prints the service's public address, never the one the request named.
    const viaProxy = pdfText(
      await new Promise<Buffer>((resolve, reject) =>
        http
          .get(
            `${product.urls.citizen}${asked.body.formUrl}`,
            { headers: { host: 'citizen.internal:8080', authorization: `Bearer ${giulia.token}` } },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (chunk: Buffer) => chunks.push(chunk));
              res.on('end', () => resolve(Buffer.concat(chunks)));
            },
          )
          .on('error', reject),
      ),
    );
    expect(viaProxy).toContain(`${product.config.citizenPublicUrl}/converti`);
    expect(viaProxy).not.toContain('citizen.internal');
    const shortAddress = await fetch(`${product.urls.citizen}/converti`, { redirect: 'manual' });
    expect([shortAddress.status, shortAddress.headers.get('location')]).toEqual([303, '/home']);

    const uploaded = await act.uploadDocuments(giulia.token, conversionId, {
      signedForm: await signedFormScan(requestCode),
      identityDocument: jpeg(),
    });
    expect(uploaded.status).toBe(202);
    expect(uploaded.body.returnedBy).toBe('upload');
    // Kept sealed: neither document is in the database in clear.
    const stored = await product.db
      .selectFrom('documents')
      .selectAll()
      .where('conversion_id', '=', conversionId)
      .execute();
    expect(stored).toHaveLength(2);
    for (const doc of stored) {
      expect(doc.sealed_content.includes('JFIF')).toBe(false);
      expect(doc.sealed_content.includes('%PDF')).toBe(false);
    }
    expect(stored.find((d) => d.role === 'identity_document')!.sha256).toBe(
      createHash('sha256').update(jpeg().bytes).digest('hex'),
    );

    const { taskId, detail, shownAs } = await claimReview(conversionId);
    expect(detail.registry.fiscalCode).toBe(giulia.fiscalCode);
    expect(detail.documents.map((d: any) => d.role)).toEqual(['signed_form', 'identity_document']);
    expect(shownAs).toEqual(['application/pdf', 'image/jpeg']);
    expect((await decide(taskId, { decision: 'approved' })).status).toBe(200);
    // At once: by the time the agent's answer comes back.
    expect((await act.credentialOf(giulia.fiscalCode)).kind).toBe('dispositivo');

    const processed = await eventually(async () => {
      const row = await application(filed.body.applicationId);
      return row.status === 'processed' && row;
    });
    expect(processed.filed_at.toISOString()).toBe(filed.body.filedAt);
    expect(processed.processed_at!.getTime()).toBeGreaterThan(processed.filed_at.getTime());
    const listed = (await product.citizen.get('/api/applications', giulia.token)).body.applications[0];
    expect(listed).toMatchObject({ status: 'processed', filedAt: filed.body.filedAt });

    const credential = await act.credentialOf(giulia.fiscalCode);
    await eventually(async () => (await act.lifecycle(credential.id).query(lifecycleQuery)).kind === 'dispositivo');
    await eventually(
      async () => (await emailsTo('valentina@example.it', 'INPS - Il Suo PIN è ora dispositivo')).length === 1,
    );
    expect((await act.conversionRow(conversionId)).status).toBe('approved');

    // From now on an application goes straight through.
    const next = await product.citizen.post('/api/applications', { serviceId: 'pension_application' }, giulia.token);
    expect(next.body.status).toBe('processing');
    await eventually(async () => (await application(next.body.applicationId)).status === 'processed');
    expect((await product.citizen.post('/api/conversions', {}, giulia.token)).status).toBe(409);
  });

  it('rejected: the request is cancelled, the citizen is emailed the reason, the PIN stays ordinario and the application waits', async () => {
    const citizen = await act.signedInCitizen('Esposito');
    const filed = await product.citizen.post(
      '/api/applications',
      { serviceId: 'small_loan_public_employees' },
      citizen.token,
    );
    const { conversionId, requestCode } = (await product.citizen.post('/api/conversions', {}, citizen.token)).body;
    await act.uploadDocuments(citizen.token, conversionId, {
      signedForm: await signedFormScan(requestCode),
      identityDocument: jpeg(),
    });

    const { taskId } = await claimReview(conversionId);
    // Through this task, only this request's documents: another citizen's identity document is not found.
    const another = await product.db
      .selectFrom('documents')
      .select('id')
      .where('conversion_id', '!=', conversionId)
      .executeTakeFirstOrThrow();
    const peek = await fetch(`${product.urls.agentConsole}/api/agent/tasks/${taskId}/documents/${another.id}`, {
      headers: { authorization: `Bearer ${agentToken}` },
    });
    expect(peek.status).toBe(404);
    expect((await decide(taskId, { decision: 'rejected' })).status).toBe(400); // a reason is required
    expect((await decide(taskId, { decision: 'rejected', reason: 'illegible', note: 'blurred photo' })).status).toBe(
      200,
    );
    expect((await decide(taskId, { decision: 'approved' })).status).toBe(409); // decided already
    const mail = await eventually(
      async () => (await emailsTo('f.esposito@example.it', 'INPS - Richiesta di PIN dispositivo annullata'))[0],
    );
    expect(mail.text).toContain(requestCode);
    expect(mail.text).toContain('non sono leggibili');
    expect((await act.credentialOf(citizen.fiscalCode)).kind).toBe('ordinario');
    expect((await product.citizen.get(`/api/conversions/${conversionId}`, citizen.token)).body).toMatchObject({
      status: 'rejected',
      rejectionReason: 'illegible',
    });
    expect((await application(filed.body.applicationId)).status).toBe('waiting_for_pin_dispositivo');
    // A new form can be asked for.
    expect((await product.citizen.post('/api/conversions', {}, citizen.token)).status).toBe(201);
  });

  it('refuses files by their content, oversized files and someone else’s request, and keeps nothing refused', async () => {
    const owner = await act.signedInCitizen('Gallo');
    const other = await act.signedInCitizen('Moretti');
    const { conversionId, requestCode } = (await product.citizen.post('/api/conversions', {}, owner.token)).body;
    const html = {
      bytes: Buffer.from('<html><script>alert(1)</script></html>'),
      name: 'documento.jpg',
      type: 'image/jpeg',
    };
    const exe = { bytes: Buffer.from('MZ\x90\x00\x03 not a pdf'), name: 'modulo.pdf', type: 'application/pdf' };

    const disguised = await act.uploadDocuments(owner.token, conversionId, { signedForm: exe, identityDocument: html });
    expect(disguised.status).toBe(415);
    expect(disguised.body.error.fields.signedForm).toMatch(/not a PDF, JPEG or PNG/);
    expect(disguised.body.error.fields.identityDocument).toMatch(/not a PDF, JPEG or PNG/);

    const big = { bytes: Buffer.concat([scannedPage({}), Buffer.alloc(500_000)]), name: 'id.jpg', type: 'image/jpeg' };
    const oversized = await act.uploadDocuments(owner.token, conversionId, {
      signedForm: await signedFormScan(requestCode),
      identityDocument: big,
    });
    expect(oversized.status).toBe(413);
    expect(oversized.body.error.fields.identityDocument).toBe(
      'The file is larger than 0.4 MB. Scan it at a lower resolution, or in black and white.',
    );
    // The page states the configured limit (UPLOAD_MAX_BYTES 400 000) and, refused, says why in Italian.
    const page = await fetch(`${product.urls.citizen}/conversions/${conversionId}`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(await page.text()).toContain('PDF, JPEG o PNG, al massimo 0,4 MB.');
    const refusedPage = await act.multipart(
      `${product.urls.citizen}/conversions/${conversionId}/documents`,
      { signedForm: await signedFormScan(requestCode), identityDocument: big },
      owner.token,
    );
    expect(refusedPage.status).toBe(413);
    expect(refusedPage.body).toContain('Il file supera 0,4 MB. Lo scansioni a una risoluzione più bassa');
    expect(refusedPage.body).not.toContain('larger than');
    // Summed up at the top, linked to the file that was refused.
    expect(refusedPage.body).toContain('id="error-summary"');
    expect(refusedPage.body).toMatch(/<a href="#identityDocument">Il documento d’identità: Il file supera 0,4 MB/);

    const missing = await act.uploadDocuments(owner.token, conversionId, {
      signedForm: await signedFormScan(requestCode),
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.identityDocument).toBe('Attach your identity document');

    const truncated = { bytes: scannedPage({}).subarray(0, 5000), name: 'id.jpg', type: 'image/jpeg' };
    expect(
      (
        await act.uploadDocuments(owner.token, conversionId, {
          signedForm: await signedFormScan(requestCode),
          identityDocument: truncated,
        })
      ).status,
    ).toBe(400);

    // A PDF of more pages than any document asked for is refused, saying why.
    const long = await PDFDocument.create();
    for (let i = 0; i < 11; i++) long.addPage();
    const tooLong = await act.uploadDocuments(owner.token, conversionId, {
      signedForm: { bytes: Buffer.from(await long.save()), name: 'modulo.pdf', type: 'application/pdf' },
      identityDocument: jpeg(),
    });
    expect([tooLong.status, tooLong.body.error.fields.signedForm]).toEqual([400, expect.stringMatching(/11 pages/)]);

    // Someone else's request does not exist, for them.
    expect((await product.citizen.get(`/api/conversions/${conversionId}`, other.token)).status).toBe(404);
    expect(
      (
        await fetch(`${product.urls.citizen}/api/conversions/${conversionId}/form`, {
          headers: { authorization: `Bearer ${other.token}` },
        })
      ).status,
    ).toBe(404);
    const intruder = await act.uploadDocuments(other.token, conversionId, {
      signedForm: await signedFormScan(requestCode),
      identityDocument: jpeg(),
    });
    expect(intruder.status).toBe(404);

    expect(
      await product.db.selectFrom('documents').select('id').where('conversion_id', '=', conversionId).execute(),
    ).toHaveLength(0);
    expect((await act.conversionRow(conversionId)).status).toBe('awaiting_documents');
  });
});

describe('conversion by fax', () => {
  it('attaches a fax whose QR code it reads to its request by itself, once however often it is delivered', async () => {
    const citizen = await act.signedInCitizen('Caruso');
    const { conversionId, requestCode } = (await product.citizen.post('/api/conversions', {}, citizen.token)).body;
    const fax = await faxPdf({ qrText: requestCode });
    const faxId = String(Date.now());
    expect((await act.sendFax(fax, faxId)).webhookStatus).toBe(200);
    expect((await act.sendFax(fax, faxId)).webhookStatus).toBe(200); // the provider retries

    const task = await act.openTask(agentToken, 'document_review', conversionId);
    expect(task.returnedBy).toBe('fax');
    const faxes = await product.db
      .selectFrom('inbound_faxes')
      .selectAll()
      .where('provider_fax_id', '=', faxId)
      .execute();
    expect(faxes).toHaveLength(1);
    expect(faxes[0]).toMatchObject({ conversion_id: conversionId, attached_by: 'code' });
    expect((await product.citizen.get(`/api/conversions/${conversionId}`, citizen.token)).body.status).toBe(
      'in_review',
    );
  });

  it('sends a fax it cannot read to an agent, who attaches it by the code printed on it', async () => {
    const citizen = await act.signedInCitizen('Villa');
    const { conversionId, requestCode } = (await product.citizen.post('/api/conversions', {}, citizen.token)).body;
    expect(
      (await act.sendFax(await faxPdf({ qrText: requestCode, smudged: true }), `${Date.now()}1`)).webhookStatus,
    ).toBe(200);

    const task = await act.openTask(agentToken, 'fax_attachment');
    expect(task.faxFrom).toBe('+390698765432');
    await product.agents.post(`/api/agent/tasks/${task.taskId}/claim`, {}, agentToken);
    const detail = await product.agents.get(`/api/agent/tasks/${task.taskId}`, agentToken);
    expect(detail.body.documents[0]).toMatchObject({ role: 'fax', contentType: 'application/pdf' });

    const wrong = await product.agents.post(
      `/api/agent/tasks/${task.taskId}/attachment`,
      { requestCode: 'CNV-0000-0000' },
      agentToken,
    );
    expect(wrong.status).toBe(422);
    // Typed the way people type: lower case, no dashes.
    const typed = requestCode.toLowerCase().replace(/-/g, '');
    const attached = await product.agents.post(
      `/api/agent/tasks/${task.taskId}/attachment`,
      { requestCode: typed },
      agentToken,
    );
    expect(attached.status).toBe(200);

    const reviewTask = await act.openTask(agentToken, 'document_review', conversionId);
    expect(reviewTask.returnedBy).toBe('fax');
    const audit = await product.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'fax.attached_by_agent')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('lets the agent discard a fax nobody can attach, with a reason: audited, its content destroyed, the fax done', async () => {
    expect(
      (await act.sendFax(await faxPdf({ qrText: 'not a code', smudged: true }), `${Date.now()}2`)).webhookStatus,
    ).toBe(200);
    const task = await act.openTask(agentToken, 'fax_attachment');
    await product.agents.post(`/api/agent/tasks/${task.taskId}/claim`, {}, agentToken);
    const documentUrl = (await product.agents.get(`/api/agent/tasks/${task.taskId}`, agentToken)).body.documents[0].url;

    const noReason = await product.agents.post(`/api/agent/tasks/${task.taskId}/discard`, {}, agentToken);
    expect(noReason.status).toBe(400);
    const madeUp = await product.agents.post(
      `/api/agent/tasks/${task.taskId}/discard`,
      { reason: 'boring' },
      agentToken,
    );
    expect(madeUp.status).toBe(400);
    // Only the agent holding the task may.
    const otherAgent = await act.staffToken('agent.sala');
    expect(
      (await product.agents.post(`/api/agent/tasks/${task.taskId}/discard`, { reason: 'unreadable' }, otherAgent))
        .status,
    ).toBe(409);

    const discarded = await product.agents.post(
      `/api/agent/tasks/${task.taskId}/discard`,
      { reason: 'blank_or_junk' },
      agentToken,
    );
    expect([discarded.status, discarded.body.discarded]).toEqual([200, 'blank_or_junk']);
    const row = await product.db
      .selectFrom('agent_tasks')
      .select(['status', 'outcome', 'outcome_reason', 'inbound_fax_id'])
      .where('id', '=', task.taskId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'completed', outcome: 'discarded', outcome_reason: 'blank_or_junk' });
    const trail = await product.db
      .selectFrom('audit_log')
      .select(['actor_type', 'details'])
      .where('action', '=', 'fax.discarded')
      .where('subject_id', '=', row.inbound_fax_id!)
      .execute();
    expect(trail).toEqual([{ actor_type: 'staff', details: { taskId: task.taskId, reason: 'blank_or_junk' } }]);
    const document = await product.db
      .selectFrom('documents')
      .select(['destroyed_at', 'byte_size'])
      .where('inbound_fax_id', '=', row.inbound_fax_id!)
      .executeTakeFirstOrThrow();
    expect(document.destroyed_at).not.toBeNull();
    expect(
      (
        await fetch(`${product.urls.agentConsole}${documentUrl}`, {
          headers: { authorization: `Bearer ${agentToken}` },
        })
      ).status,
    ).not.toBe(200);
    // A second discard, or an attachment after it, is refused.
    expect(
      (await product.agents.post(`/api/agent/tasks/${task.taskId}/discard`, { reason: 'unreadable' }, agentToken))
        .status,
    ).toBe(409);
  });

  it('refuses a webhook that is unsigned or wrongly signed', async () => {
    const form = () => {
      const f = new FormData();
      f.append('direction', 'received');
      f.append('success', 'true');
      f.append('fax', JSON.stringify({ id: 999, num_pages: 1 }));
      f.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF')]), 'fax.pdf');
      return f;
    };
    const url = `${product.urls.agentConsole}/webhooks/fax`;
    expect((await fetch(url, { method: 'POST', body: form() })).status).toBe(403);
    const forged = await fetch(url, {
      method: 'POST',
      body: form(),
      headers: { 'x-phaxio-signature': 'ab'.repeat(20) },
    });
    expect(forged.status).toBe(403);
    expect(
      await product.db.selectFrom('inbound_faxes').select('id').where('provider_fax_id', '=', '999').execute(),
    ).toHaveLength(0);
  });

  it('refuses a signed fax whose id is not the provider’s number, so two such faxes are never taken for one', async () => {
    const pdf = await faxPdf({ qrText: 'not a code' });
    // The provider's stand-in sends what it was given as the fax's id: here no number at all (null).
    expect((await act.sendFax(pdf, 'not-a-number')).webhookStatus).toBe(400);
    expect((await act.sendFax(pdf, 'also-not-a-number')).webhookStatus).toBe(400);
    expect(
      await product.db.selectFrom('inbound_faxes').select('id').where('provider_fax_id', '=', 'null').execute(),
    ).toHaveLength(0);
  });
});

describe('at the office', () => {
  const mv35 = (fiscalCode: string, extra: Record<string, unknown> = {}) => ({
    fiscalCode,
    identityDocument: {
      type: 'carta_identita',
      number: 'CA12345AB',
      issuedBy: 'Comune di Genova',
      expiresOn: '2031-05-01',
    },
    appliedInPerson: true,
    ...extra,
  });

  it('issues a PIN dispositivo from form MV35, correcting the registry from the document, audited before and after', async () => {
    const operator = await act.staffToken('operator.verdi');
    const fiscalCode = fiscalCodeOf('Bruno');
    const corrections = {
      residence: { street: 'Via Balbi 5', city: 'Genova', province: 'GE', postalCode: '16126' },
      email: 'marco.bruno@example.it',
    };

    const absent = await product.agents.post(
      '/api/office/pin-dispositivo-issuances',
      mv35(fiscalCode, { appliedInPerson: undefined }),
      operator,
    );
    expect(absent.status).toBe(400);
    expect(absent.body.error.fields.appliedInPerson).toMatch(/in person/);
    const expired = mv35(fiscalCode, {
      identityDocument: { type: 'passaporto', number: 'YA1234567', issuedBy: 'Questura', expiresOn: '2020-01-01' },
    });
    expect(
      (await product.agents.post('/api/office/pin-dispositivo-issuances', expired, operator)).body.error.fields[
        'identityDocument.expiresOn'
      ],
    ).toMatch(/expired/);
    expect(
      (await product.agents.post('/api/office/pin-dispositivo-issuances', mv35(fiscalCode), agentToken)).status,
    ).toBe(403);
    const notHim = mv35(fiscalCode, { registryCorrections: { firstName: 'Giovanni' } });
    expect((await product.agents.post('/api/office/pin-dispositivo-issuances', notHim, operator)).body.error.code).toBe(
      'fiscal_code_mismatch',
    );

    const issued = await product.agents.post(
      '/api/office/pin-dispositivo-issuances',
      mv35(fiscalCode, { registryCorrections: corrections }),
      operator,
    );
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ kind: 'dispositivo', pin: expect.stringMatching(/^[A-Z0-9]{16}$/) });
    expect(issued.body.registryChanges).toEqual(
      expect.arrayContaining([
        { field: 'street', before: 'Via XX Settembre 70', after: 'Via Balbi 5' },
        { field: 'postal_code', before: '16121', after: '16126' },
        { field: 'email', before: null, after: 'marco.bruno@example.it' },
      ]),
    );
    const audit = await product.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'registry.corrected')
      .execute();
    // The trail says which field changed, by whom and why; of the values, only keyed fingerprints.
    expect(audit.map((a) => a.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'street',
          before: expect.stringMatching(/^[0-9a-f]{32}$/),
          after: expect.stringMatching(/^[0-9a-f]{32}$/),
          source: 'mv35_issuance',
        }),
      ]),
    );
    expect(JSON.stringify(audit)).not.toMatch(/Via XX Settembre|Via Balbi|marco\.bruno/);
    expect(audit.every((a) => a.actor_type === 'staff' && a.actor_id && a.at)).toBe(true);
    expect(
      await product.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'credential.issued_at_office')
        .execute(),
    ).toHaveLength(1);
    // The trail says which document was shown without holding its number: a keyed fingerprint and the last digits.
    const trail = await product.db.selectFrom('audit_log').select('details').execute();
    expect(JSON.stringify(trail)).not.toContain('CA12345AB');
    const issuedRow = await product.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'credential.issued_at_office')
      .executeTakeFirstOrThrow();
    expect(issuedRow.details).toMatchObject({
      identityDocument: {
        type: 'carta_identita',
        numberEndsWith: '5AB',
        numberFingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      },
    });

    // The PIN works at once, and the outcome is emailed (to the address just put on record).
    handedOut.push(issued.body.pin);
    const session = await product.citizen.post('/api/session', { fiscalCode, pin: issued.body.pin });
    expect(session.body.stage).toBe('first_access');
    await eventually(
      async () => (await emailsTo('marco.bruno@example.it', 'INPS - PIN dispositivo rilasciato in sede')).length === 1,
    );
    expect(
      (await product.agents.post('/api/office/pin-dispositivo-issuances', mv35(fiscalCode), operator)).status,
    ).toBe(409);
  });

  it('someone INPS can reach by neither email nor SMS finds the news on their home page, in both languages', async () => {
    // Anna Colombo: the registry holds no email and no phone for her, and she has never given one.
    const fiscalCode = fiscalCodeOf('Colombo');
    const operator = await act.staffToken('operator.verdi');
    const issued = await product.agents.post(
      '/api/office/pin-dispositivo-issuances',
      mv35(fiscalCode, {
        identityDocument: {
          type: 'carta_identita',
          number: 'CA777',
          issuedBy: 'Comune di Monza',
          expiresOn: '2031-05-01',
        },
      }),
      operator,
    );
    expect(issued.status).toBe(201);
    await eventually(async () =>
      (await product.db.selectFrom('home_page_notices').select('kind').execute()).some(
        (n) => n.kind === 'issued_at_office',
      ),
    );
    const pin = await citizenActions(product).firstAccess(fiscalCode, issued.body.pin);
    const token = (await product.citizen.post('/api/session', { fiscalCode, pin })).body.token as string;
    const me = await product.citizen.get('/api/me', token);
    expect(me.body.notices).toEqual([
      expect.objectContaining({
        kind: 'issued_at_office',
        text: {
          it: expect.stringMatching(/Le è stato consegnato di persona un PIN dispositivo/),
          en: expect.stringMatching(/you were handed a PIN dispositivo in person/),
        },
      }),
    ]);
    const home = await fetch(`${product.urls.citizen}/home`, {
      headers: { cookie: `pin_citizen_session=${token}; lang=it` },
    });
    expect(await home.text()).toMatch(/Comunicazioni per Lei[\s\S]*Le è stato consegnato di persona/);
  });

  it('replaces a lost PIN dispositivo with a PIN ordinario: no remote channel issues a PIN dispositivo', async () => {
    // Bruno holds the PIN dispositivo issued at the desk above, and the email put on record there.
    const fiscalCode = fiscalCodeOf('Bruno');
    const lost = await product.citizen.post('/api/lost-pin', { fiscalCode, email: 'marco.bruno@example.it' });
    expect(lost.status).toBe(202);
    const replacement = await eventually(() =>
      product.db
        .selectFrom('credentials')
        .innerJoin('persons', 'persons.id', 'credentials.person_id')
        .select(['credentials.kind', 'credentials.holder', 'credentials.replaces_credential_id'])
        .where('persons.fiscal_code', '=', fiscalCode)
        .where('credentials.replaces_credential_id', 'is not', null)
        .executeTakeFirst(),
    );
    expect(replacement).toMatchObject({ kind: 'ordinario', holder: 'citizen' });
  });

  it('converts a PIN in person, releasing the applications waiting for it', async () => {
    const operator = await act.staffToken('operator.verdi');
    const citizen = await act.signedInCitizen('Giordano');
    const filed = await product.citizen.post('/api/applications', { serviceId: 'pension_application' }, citizen.token);
    const converted = await product.agents.post('/api/office/conversions', mv35(citizen.fiscalCode), operator);
    expect(converted.status).toBe(200);
    expect((await act.credentialOf(citizen.fiscalCode)).kind).toBe('dispositivo');
    const processed = await eventually(async () => {
      const row = await application(filed.body.applicationId);
      return row.status === 'processed' && row;
    });
    expect(processed.filed_at.toISOString()).toBe(filed.body.filedAt);
    expect((await product.agents.post('/api/office/conversions', mv35(citizen.fiscalCode), operator)).status).toBe(409);
    expect(
      (await product.agents.post('/api/office/conversions', mv35(fiscalCodeOf('Longo')), operator)).body.error.code,
    ).toBe('no_pin_to_convert');
  });
});

it('a conversion request’s id is checked before anything is looked up', async () => {
  const citizen = await act.signedInCitizen('Fontana');
  expect((await product.citizen.get(`/api/conversions/${randomUUID()}`, citizen.token)).status).toBe(404);
  // Not an id at all: refused at the edge, naming the parameter, before any query.
  const malformed = await product.citizen.get('/api/conversions/not-an-id', citizen.token);
  expect([malformed.status, malformed.body.error.fields]).toEqual([400, { id: 'not a valid id' }]);
});

it('keeps personal data and PINs out of every workflow history of these processes', async () => {
  const holders = await product.db
    .selectFrom('persons')
    .innerJoin('credentials', 'credentials.person_id', 'persons.id')
    .select(['persons.fiscal_code', 'persons.last_name', 'persons.street', 'persons.email'])
    .execute();
  const secrets = [...holders.flatMap((h) => [h.fiscal_code, h.last_name, h.street, h.email]), ...handedOut].filter(
    (s): s is string => Boolean(s),
  );
  expect(handedOut).toHaveLength(1);
  const runs = [];
  for await (const wf of product.temporal.workflow.list({
    query: `TaskQueue = "${product.config.TEMPORAL_TASK_QUEUE}"`,
  }))
    runs.push(wf);
  expect(runs.map((r) => r.type)).toEqual(
    expect.arrayContaining([
      'conversionWorkflow',
      'benefitApplicationWorkflow',
      'inboundFaxWorkflow',
      'officeIssuanceWorkflow',
    ]),
  );
  for (const run of runs) {
    const history = await product.temporal.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
    const text = JSON.stringify(history, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : v));
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
});

it('puts back on its way, at start-up, what a crash between a commit and the workflow call left behind', async () => {
  const citizen = await act.signedInCitizen('Marino');
  const credential = await act.credentialOf(citizen.fiscalCode);
  const conversionId = randomUUID();
  const applicationId = randomUUID();
  // As a crash would leave them: stored, documents back, but no workflow ever told.
  await product.db
    .insertInto('conversions')
    .values({
      id: conversionId,
      request_code: 'CNV-RECV-0001',
      credential_id: credential.id,
      person_id: credential.person_id,
      channel: 'online',
      status: 'awaiting_documents',
      returned_by: 'upload',
    })
    .execute();
  await product.db
    .insertInto('benefit_applications')
    .values({
      id: applicationId,
      protocol_number: 'INPS.2026.900000001',
      person_id: credential.person_id,
      credential_id: credential.id,
      service_id: 'family_allowance',
      status: 'waiting_for_pin_dispositivo',
      filed_at: new Date(),
    })
    .execute();

  // Every open one is looked at (those of the other tests too); these two are the ones with nothing running.
  await resumePinDispositivoProcesses(product.db, product.temporal, product.config);
  const task = await act.openTask(agentToken, 'document_review', conversionId);
  await product.agents.post(`/api/agent/tasks/${task.taskId}/claim`, {}, agentToken);
  expect(
    (await product.agents.post(`/api/agent/tasks/${task.taskId}/review`, { decision: 'approved' }, agentToken)).status,
  ).toBe(200);
  await eventually(async () => (await application(applicationId)).status === 'processed');

  // Run again on a healthy system: nothing new.
  await resumePinDispositivoProcesses(product.db, product.temporal, product.config);
  const tasks = await product.db
    .selectFrom('agent_tasks')
    .select('id')
    .where('conversion_id', '=', conversionId)
    .execute();
  expect(tasks).toHaveLength(1);
});
