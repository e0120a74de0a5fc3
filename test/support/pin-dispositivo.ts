// What the PIN dispositivo tests do from the outside: a signed-in citizen with a PIN ordinario, staff sessions,
// multipart uploads, a fax sent through the fax provider's stand-in, and the review task an agent works.
import { citizenActions, fiscalCodeOf } from './citizen';
import { eventually, staffToken as signInStaff, type TestProduct } from './product';

export function pinDispositivoActions(product: TestProduct) {
  const citizen = citizenActions(product);

  const staffToken = (username: string) => signInStaff(product, username);

  async function multipart(
    url: string,
    parts: Record<string, { bytes: Buffer; name: string; type?: string }>,
    token?: string,
  ) {
    const form = new FormData();
    for (const [field, part] of Object.entries(parts))
      form.append(field, new Blob([part.bytes], { type: part.type ?? 'application/octet-stream' }), part.name);
    const res = await fetch(url, {
      method: 'POST',
      body: form,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const text = await res.text();
    return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text };
  }

  return {
    staffToken,
    multipart,

    /** A demo citizen with a delivered PIN, past the first access, signed in: the PIN ordinario as they hold it. */
    async signedInCitizen(lastName: string) {
      const fiscalCode = fiscalCodeOf(lastName);
      const pin = await citizen.firstAccess(fiscalCode, (await citizen.newPinFor(lastName)).pin);
      const session = await citizen.signIn(fiscalCode, pin);
      expect(session.body.stage).toBe('signed_in');
      return { fiscalCode, pin, token: session.body.token as string };
    },

    uploadDocuments(token: string, conversionId: string, parts: Parameters<typeof multipart>[1]) {
      return multipart(`${product.urls.citizen}/api/conversions/${conversionId}/documents`, parts, token);
    },

    /** Someone faxes `pdf` to the INPS number; the provider stand-in delivers it to the webhook. */
    async sendFax(pdf: Buffer, faxId: string) {
      const form = new FormData();
      form.append('faxId', faxId);
      form.append('from', '+390698765432');
      form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'fax.pdf');
      const res = await fetch(`${product.standIns}/fax/dev/receive`, { method: 'POST', body: form });
      return (await res.json()) as { faxId: string; webhookStatus: number };
    },

    /** The open task of this kind about this conversion (review) or, for a fax, the newest open one. */
    async openTask(token: string, kind: 'document_review' | 'fax_attachment', conversionId?: string) {
      return eventually(async () => {
        const { body } = await product.agents.get('/api/agent/tasks', token);
        return (body.tasks as Array<Record<string, any>>).find(
          (t) => t.kind === kind && t.status === 'open' && (!conversionId || t.conversionId === conversionId),
        );
      });
    },

    conversionRow: (conversionId: string) =>
      product.db.selectFrom('conversions').selectAll().where('id', '=', conversionId).executeTakeFirstOrThrow(),
    credentialOf: citizen.credentialOf,
    lifecycle: citizen.lifecycle,
  };
}
