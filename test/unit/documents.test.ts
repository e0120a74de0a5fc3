// The rules for what comes back to convert a PIN: a document's type read from its bytes, the request code as people
// type it, and the fax provider's webhook signature.
import { requestCodeSchema, newRequestCode } from '../../domain/conversion-code';
import { checkDocument, imageDimensions, sniffContentType } from '../../domain/documents';
import { faxWebhookSignature, isValidFaxSignature } from '../../infra/fax';
import { scannedPage } from '../support/fax';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.alloc(17),
  Buffer.from('IEND'),
  Buffer.alloc(4),
]);

describe('documents', () => {
  it('tells PDF, JPEG and PNG by their bytes, whatever they are called', () => {
    expect(sniffContentType(PDF)).toBe('application/pdf');
    expect(sniffContentType(scannedPage({}))).toBe('image/jpeg');
    expect(sniffContentType(PNG)).toBe('image/png');
    expect(sniffContentType(Buffer.from('<html><body>id.jpg</body></html>'))).toBeUndefined();
    expect(sniffContentType(Buffer.from('PK\x03\x04 a zip named scan.pdf'))).toBeUndefined();
  });

  it('refuses empty, oversized, unknown and truncated files with a reason a citizen understands', () => {
    expect(checkDocument(Buffer.alloc(0), 1000)).toMatchObject({ ok: false, problem: 'empty' });
    expect(checkDocument(PDF, 10)).toMatchObject({ ok: false, problem: 'too_large' });
    expect(checkDocument(Buffer.from('MZ\x90\x00'), 1000)).toMatchObject({ ok: false, problem: 'not_allowed_type' });
    expect(checkDocument(PDF.subarray(0, 20), 1000)).toMatchObject({ ok: false, problem: 'damaged' });
    expect(checkDocument(scannedPage({}).subarray(0, 3000), 10_000_000)).toMatchObject({
      ok: false,
      problem: 'damaged',
    });
    expect(checkDocument(PDF, 1000)).toEqual({ ok: true, contentType: 'application/pdf' });
    expect(checkDocument(PNG, 1000)).toEqual({ ok: true, contentType: 'image/png' });
  });

  it('refuses an image that declares more pixels than a photo of a document needs, before anyone decodes it', () => {
    const png = Buffer.from(PNG);
    png.writeUInt32BE(20_000, 16);
    png.writeUInt32BE(20_000, 20);
    expect(checkDocument(png, 1000)).toMatchObject({
      ok: false,
      problem: 'too_many_pixels',
      message: /400 megapixels/,
    });
    const photo = Buffer.from(scannedPage({}));
    expect(imageDimensions(photo, 'image/jpeg')).toEqual({ width: 1240, height: 1754 });
    expect(checkDocument(photo, 10_000_000)).toEqual({ ok: true, contentType: 'image/jpeg' });
    const sof = photo.indexOf(Buffer.from([0xff, 0xc0]));
    photo.writeUInt16BE(60_000, sof + 5);
    photo.writeUInt16BE(60_000, sof + 7);
    expect(checkDocument(photo, 10_000_000)).toMatchObject({ ok: false, problem: 'too_many_pixels' });
  });
});

describe('request code', () => {
  it('is made of an unambiguous alphabet, and read back however it is typed', () => {
    for (let i = 0; i < 50; i++) {
      const code = newRequestCode();
      expect(code).toMatch(/^CNV-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(requestCodeSchema.parse(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    }
    expect(requestCodeSchema.parse('cnv 7k3m q9xh')).toBe('CNV-7K3M-Q9XH');
    expect(requestCodeSchema.parse('CNV-7K3M-Q9XO')).toBe('CNV-7K3M-Q9X0'); // O read as zero
    expect(requestCodeSchema.safeParse('CNV-7K3M').success).toBe(false);
    expect(requestCodeSchema.safeParse('XYZ-7K3M-Q9XH').success).toBe(false);
  });
});

describe('fax webhook signature', () => {
  const url = 'https://pin.inps.example.it/webhooks/fax';
  const fields = { fax: '{"id":1}', direction: 'received', success: 'true' };
  const files = { file: PDF };
  const signature = faxWebhookSignature('token-0123456789abcdef', url, fields, files);

  it('accepts exactly what was signed, with that token', () => {
    expect(isValidFaxSignature('token-0123456789abcdef', signature, url, fields, files)).toBe(true);
    expect(isValidFaxSignature('another-token-0123456789', signature, url, fields, files)).toBe(false);
    expect(isValidFaxSignature('token-0123456789abcdef', signature, `${url}?x=1`, fields, files)).toBe(false);
    expect(isValidFaxSignature('token-0123456789abcdef', signature, url, { ...fields, success: 'false' }, files)).toBe(
      false,
    );
    expect(isValidFaxSignature('token-0123456789abcdef', signature, url, fields, { file: Buffer.from('%PDF-x') })).toBe(
      false,
    );
    expect(isValidFaxSignature('token-0123456789abcdef', undefined, url, fields, files)).toBe(false);
    expect(isValidFaxSignature('token-0123456789abcdef', 'not-hex', url, fields, files)).toBe(false);
  });
});
