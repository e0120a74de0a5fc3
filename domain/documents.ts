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
  | { ok: false; problem: 'empty' | 'too_large' | 'not_allowed_type' | 'damaged'; message: string };

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

export function checkDocument(bytes: Buffer, maxBytes: number): DocumentCheck {
  if (bytes.length === 0) return { ok: false, problem: 'empty', message: 'The file is empty.' };
  if (bytes.length > maxBytes)
    return {
      ok: false,
      problem: 'too_large',
      message: `The file is larger than ${Math.floor(maxBytes / 1_048_576)} MB. Scan it at a lower resolution, or in black and white.`,
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
  return { ok: true, contentType: type };
}
