// Reading a fax never lets a small file make the worker allocate without bound (issue "Abuse and bad input"): an
// image's pixels are counted from its declared size before anything is decoded, compressed pixels inflate to no
// more than the image can hold, and a PDF with too many images is read only as far as the cap.
import { deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import { FAX_IMAGE_MAX_PIXELS, readQrCodesFromPdf } from '../../infra/qr-code';
import { faxPdf, scannedPage } from '../support/fax';

/** A one-page PDF whose one image declares `width` × `height` but holds only `data`. */
async function pdfWithImage(width: number, height: number, data: Buffer, filter: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage();
  const stream = doc.context.stream(data, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: PDFNumber.of(width),
    Height: PDFNumber.of(height),
    ColorSpace: 'DeviceRGB',
    BitsPerComponent: 8,
    Filter: PDFName.of(filter),
  });
  doc.context.register(stream);
  return Buffer.from(await doc.save());
}

afterEach(() => jest.restoreAllMocks());

it('decodes no image larger than a fax page can be, whatever its few bytes claim', async () => {
  const decode = jest.spyOn(jpeg, 'decode');
  // A JPEG header that says 4000 × 4000 (64 MB of pixels) in a file of a few kilobytes.
  const small = Buffer.from(jpeg.encode({ data: Buffer.alloc(8 * 8 * 4, 255), width: 8, height: 8 }, 50).data);
  const sof = small.indexOf(Buffer.from([0xff, 0xc0]));
  small.writeUInt16BE(4000, sof + 5);
  small.writeUInt16BE(4000, sof + 7);
  expect(await readQrCodesFromPdf(await pdfWithImage(4000, 4000, small, 'DCTDecode'))).toEqual([]);
  expect(decode).not.toHaveBeenCalled();
  expect(4000 * 4000).toBeGreaterThan(FAX_IMAGE_MAX_PIXELS);
});

it('inflates compressed pixels only up to what the image can hold: a bomb stops there', async () => {
  // 1000 × 1000 RGB holds 3 MB; the stream inflates to 200 MB of zeros from about 200 KB.
  const bomb = deflateSync(Buffer.alloc(200_000_000), { level: 9 });
  const started = process.hrtime.bigint();
  expect(await readQrCodesFromPdf(await pdfWithImage(1000, 1000, bomb, 'FlateDecode'))).toEqual([]);
  expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2_000);
});

it('still reads the code on a real fax page', async () => {
  expect(await readQrCodesFromPdf(await faxPdf({ qrText: 'PINC-TEST-0001' }))).toEqual(['PINC-TEST-0001']);
  expect(scannedPage({}).length).toBeGreaterThan(0);
});
