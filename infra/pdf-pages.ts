// How many pages a PDF has, read by a real PDF parser (page trees may sit in compressed object streams).
import { PDFDocument } from 'pdf-lib';

/** The page count; undefined when the file cannot be read as a PDF. */
export async function pdfPageCount(pdf: Buffer): Promise<number | undefined> {
  try {
    const doc = await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false });
    return doc.getPageCount();
  } catch {
    return undefined;
  }
}
