// A fax as the provider delivers it: a PDF whose page is one scanned image (JPEG), here drawn by hand: a white page,
// a few lines of "text", and, when the form's code is given, its QR code printed where the form has it.
import jpeg from 'jpeg-js';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

const WIDTH = 1240; // A4 at 150 dpi, a usual fax resolution
const HEIGHT = 1754;

export function scannedPage(opts: { qrText?: string; smudged?: boolean }): Buffer {
  const pixels = Buffer.alloc(WIDTH * HEIGHT * 4, 255);
  const paint = (x0: number, y0: number, w: number, h: number, grey: number) => {
    for (let y = y0; y < y0 + h; y++)
      for (let x = x0; x < x0 + w; x++) pixels.set([grey, grey, grey, 255], (y * WIDTH + x) * 4);
  };
  for (let line = 0; line < 30; line++) paint(120, 300 + line * 40, 600 + ((line * 37) % 300), 12, 40);
  if (opts.qrText) {
    const qr = QRCode.create(opts.qrText, { errorCorrectionLevel: 'Q' });
    const scale = 6;
    for (let r = 0; r < qr.modules.size; r++)
      for (let c = 0; c < qr.modules.size; c++)
        if (qr.modules.get(r, c)) paint(900 + c * scale, 80 + r * scale, scale, scale, 20);
    // A fax machine's streak across the code: more than its error correction can recover.
    if (opts.smudged) paint(880, 80, 260, 120, 0);
  }
  return jpeg.encode({ data: pixels, width: WIDTH, height: HEIGHT }, 80).data;
}

/** A one-page fax PDF of that scanned page. */
export function faxPdf(opts: { qrText?: string; smudged?: boolean }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 0 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.image(scannedPage(opts), 0, 0, { width: 595.28, height: 841.89 });
    doc.end();
  });
}
