// What a returned document may be (brief, "Converting ordinario to dispositivo"): a PDF, JPEG or PNG, told by its
// content and never by its name or the type the browser claims, and within a size limit. Anything else is refused
// with a message a citizen understands, before a byte of it is stored.

/** What a stored document is to its conversion: the signed form, the identity document, or a whole received fax. */
export const DOCUMENT_ROLES = ['signed_form', 'identity_document', 'fax'] as const;
export type DocumentRole = (typeof DOCUMENT_ROLES)[number];
export const DOCUMENT_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];

export type DocumentCheck =
  | { ok: true; contentType: DocumentContentType }
  | { ok: false; problem: 'empty' | 'too_large' | 'too_many_pixels' | 'not_allowed_type' | 'damaged'; message: string };

/**
 * The most pixels an uploaded image may have: a phone's photo of a card fits (a 48-megapixel camera saves 12 by
 * default); more would only make the reviewer's browser decode a bomb.
 */
export const DOCUMENT_MAX_PIXELS = 50_000_000;
/** The most pages an uploaded PDF may have: the form has two, an identity document one or two. */
export const DOCUMENT_MAX_PDF_PAGES = 10;

/** Width and height as the image's own header declares them (JPEG: its frame header; PNG: IHDR). */
export function imageDimensions(
  bytes: Buffer,
  type: 'image/jpeg' | 'image/png',
): { width: number; height: number } | undefined {
  if (type === 'image/png')
    return bytes.length >= 24 ? { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) } : undefined;
  let at = 2;
  while (at + 9 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    // Start-of-frame markers (baseline, progressive, lossless...), but not DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  return undefined;
}

const startsWith = (bytes: Buffer, signature: number[]) =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

/** The type the bytes themselves show, by their signature ("magic number"); undefined for anything else. */
export function sniffContentType(bytes: Buffer): DocumentContentType | undefined {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  return undefined;
}

/** Beyond the signature, the file must be whole: a PDF ends with %%EOF, a JPEG with its end marker, a PNG with IEND. */
function looksComplete(bytes: Buffer, type: DocumentContentType): boolean {
  const tail = bytes.subarray(Math.max(0, bytes.length - 1024));
  switch (type) {
    case 'application/pdf':
      return tail.includes('%%EOF');
    case 'image/jpeg':
      return tail.includes(Buffer.from([0xff, 0xd9]));
    case 'image/png':
      return bytes.subarray(12, 16).toString('latin1') === 'IHDR' && tail.includes('IEND');
  }
}

/** A size limit as people read it: megabytes of a million bytes, to one decimal (5 000 000 bytes is "5 MB"). */
export const megabytes = (bytes: number) => Math.floor(bytes / 100_000) / 10;

/** Why a file over the limit was refused, with the limit as configured. */
export const tooLargeMessage = (maxBytes: number) =>
  `The file is larger than ${megabytes(maxBytes)} MB. Scan it at a lower resolution, or in black and white.`;

export function checkDocument(bytes: Buffer, maxBytes: number): DocumentCheck {
  if (bytes.length === 0) return { ok: false, problem: 'empty', message: 'The file is empty.' };
  if (bytes.length > maxBytes)
    return {
      ok: false,
      problem: 'too_large',
      message: tooLargeMessage(maxBytes),
    };
  const type = sniffContentType(bytes);
  if (!type)
    return {
      ok: false,
      problem: 'not_allowed_type',
      message:
        'This file is not a PDF, JPEG or PNG (whatever its name says). Scan or photograph the document and send it in one of those formats.',
    };
  if (!looksComplete(bytes, type))
    return {
      ok: false,
      problem: 'damaged',
      message: 'The file is damaged or incomplete. Save it again and send it once more.',
    };
  if (type !== 'application/pdf') {
    const size = imageDimensions(bytes, type);
    if (!size)
      return {
        ok: false,
        problem: 'damaged',
        message: 'The file is damaged or incomplete. Save it again and send it once more.',
      };
    if (size.width * size.height > DOCUMENT_MAX_PIXELS)
      return {
        ok: false,
        problem: 'too_many_pixels',
        message: `The image is ${Math.round((size.width * size.height) / 1_000_000)} megapixels; at most ${DOCUMENT_MAX_PIXELS / 1_000_000} are accepted. Photograph or scan the document at a lower resolution.`,
      };
  }
  return { ok: true, contentType: type };
}
