// QR codes on paper: drawn on the prefilled conversion form, and read back from a received fax. A fax arrives as a
// PDF of scanned page images, so reading means decoding each embedded image (JPEG, or Flate-compressed grey, RGB
// or one-bit bilevel pixels) and looking for a QR code in it.
import { crc32, inflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import jsQR from 'jsqr';
import { PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFDict } from 'pdf-lib';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';

/** A QR code as a PNG, with the error correction that survives a fax (level Q, 25% of the code may be lost). */
export function qrCodePng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { errorCorrectionLevel: 'Q', margin: 4, scale: 8 });
}

/**
 * The most pixels one fax image may have: a page at 300 dpi on A4 (2480 × 3508) fits; an image that declares more is
 * not decoded at all, so a few kilobytes cannot make the worker allocate hundreds of megabytes.
 */
export const FAX_IMAGE_MAX_PIXELS = 9_000_000;
/** Images read per fax; a longer one is looked at by an agent like any fax whose code cannot be read. */
export const FAX_MAX_IMAGES = 30;

interface Raster {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

const num = (dict: PDFDict, key: string) => (dict.lookup(PDFName.of(key)) as PDFNumber | undefined)?.asNumber();
const filtersOf = (dict: PDFDict) => {
  const f = dict.lookup(PDFName.of('Filter'));
  return (f ? String(f) : '').replace(/[[\]]/g, ' ').trim().split(/\s+/).filter(Boolean);
};

/** Grey, RGB or bilevel rows of raw pixels, to RGBA. */
function rawToRgba(pixels: Buffer, width: number, height: number, components: number, bits: number): Raster {
  const data = new Uint8ClampedArray(width * height * 4);
  const rowBytes = Math.ceil((width * components * bits) / 8);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let r: number, g: number, b: number;
      if (bits === 1) {
        const bit = (pixels[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
        r = g = b = bit ? 255 : 0;
      } else if (components === 1) r = g = b = pixels[y * rowBytes + x]!;
      else {
        const i = y * rowBytes + x * 3;
        [r, g, b] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
      }
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  return { data, width, height };
}

/** One embedded image to pixels; undefined for encodings a fax service does not use here (JBIG2, CCITT). */
function decodeImage(stream: PDFRawStream): Raster | undefined {
  const dict = stream.dict;
  const width = num(dict, 'Width');
  const height = num(dict, 'Height');
  if (!width || !height || width * height > FAX_IMAGE_MAX_PIXELS) return undefined;
  const filters = filtersOf(dict);
  if (filters.length === 1 && filters[0] === '/DCTDecode') {
    // The JPEG's own header may claim more than the PDF's dictionary: the decoder holds to the same cap.
    const image = jpeg.decode(Buffer.from(stream.contents), {
      useTArray: true,
      maxResolutionInMP: FAX_IMAGE_MAX_PIXELS / 1_000_000,
      maxMemoryUsageInMB: 64,
    });
    return { data: new Uint8ClampedArray(image.data.buffer), width: image.width, height: image.height };
  }
  if (filters.length > 1 || (filters.length === 1 && filters[0] !== '/FlateDecode')) return undefined;
  const bits = num(dict, 'BitsPerComponent') ?? 8;
  const colorSpace = String(dict.lookup(PDFName.of('ColorSpace')) ?? '/DeviceGray');
  const components = colorSpace === '/DeviceRGB' ? 3 : 1;
  if (!((bits === 8 && (components === 1 || components === 3)) || (bits === 1 && components === 1))) return undefined;
  const compressed = Buffer.from(stream.contents);
  const parms = dict.lookup(PDFName.of('DecodeParms')) as PDFDict | undefined;
  if (parms && (num(parms, 'Predictor') ?? 1) >= 10) {
    // PNG predictors: the stream is a PNG's image data; give it a PNG header and let the PNG decoder undo them.
    const colorType = components === 3 ? 2 : 0;
    const png = PNG.sync.read(pngFile(width, height, bits, colorType, compressed));
    return { data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), width, height };
  }
  // Inflated to no more than the image holds: a compression bomb stops there (inflateSync throws past the limit).
  const size = Math.ceil((width * components * bits) / 8) * height;
  const pixels = filters.length ? inflateSync(compressed, { maxOutputLength: size }) : compressed;
  if (pixels.length < size) return undefined;
  return rawToRgba(pixels, width, height, components, bits);
}

function pngFile(width: number, height: number, bits: number, colorType: number, idat: Buffer): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([head, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([bits, colorType, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Every QR code found in the images of a PDF, in page order; empty when none can be read. */
export async function readQrCodesFromPdf(pdf: Buffer): Promise<string[]> {
  const doc = await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false });
  const found: string[] = [];
  let images = 0;
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    if (String(object.dict.lookup(PDFName.of('Subtype'))) !== '/Image') continue;
    if (++images > FAX_MAX_IMAGES) break;
    let raster: Raster | undefined;
    try {
      raster = decodeImage(object);
    } catch {
      continue; // a damaged image is one the agent will look at
    }
    if (!raster) continue;
    const code = jsQR(raster.data, raster.width, raster.height, { inversionAttempts: 'attemptBoth' });
    if (code?.data) found.push(code.data);
  }
  return found;
}
