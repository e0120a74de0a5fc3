// The print-and-post provider behind PIN letters. The default adapter is a local drop folder (one PDF and one
// manifest per letter), the way print houses take batches by SFTP; a real provider implements the same interface.
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

export interface LetterAddress {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  province: string;
}

export interface PrintHouse {
  readonly name: string;
  /** Hands over one letter; returns the provider's reference. Submitting the same letter id again is a no-op. */
  submit(letter: { letterId: string; pdf: Buffer; address: LetterAddress }): Promise<string>;
}

export interface DroppedLetter {
  letterId: string;
  reference: string;
  address: LetterAddress;
  submittedAt: string;
  pdfFile: string;
  /** What the PDF must be, so a half-written one is never taken for the letter (absent in older manifests). */
  pdfBytes?: number;
  pdfSha256?: string;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Writes the file under a temporary name, flushed to disk, checks what was written, then renames it into place: a
 * full disk or a crash leaves either the whole file or none under its name, never a short one.
 */
function writeAtomically(file: string, data: Buffer): void {
  const temporary = `${file}.partial`;
  const fd = openSync(temporary, 'w');
  try {
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written, data.length - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (!readFileSync(temporary).equals(data))
    throw new Error(`print house: ${temporary} does not hold what was written`);
  renameSync(temporary, file);
}

export function createLocalPrintHouseDrop(
  dir: string,
): PrintHouse & { list(): DroppedLetter[]; pdfPath(letterId: string): string | undefined } {
  mkdirSync(dir, { recursive: true });
  const manifestPath = (letterId: string) => path.join(dir, `${letterId}.json`);
  /** A letter counts as handed over when its manifest reads whole and its PDF is the one the manifest names. */
  const handedOver = (letterId: string): boolean => {
    try {
      const manifest = JSON.parse(readFileSync(manifestPath(letterId), 'utf8')) as DroppedLetter;
      const pdf = readFileSync(path.join(dir, manifest.pdfFile));
      return manifest.letterId === letterId && (!manifest.pdfSha256 || manifest.pdfSha256 === sha256(pdf));
    } catch {
      return false;
    }
  };
  return {
    name: 'local-print-house-drop',
    async submit({ letterId, pdf, address }) {
      if (!/^[0-9a-f-]{36}$/.test(letterId)) throw new Error('letter id must be a uuid');
      const reference = `PH-${letterId.slice(0, 8).toUpperCase()}`;
      if (handedOver(letterId)) return reference;
      writeAtomically(path.join(dir, `${letterId}.pdf`), pdf);
      const manifest: DroppedLetter = {
        letterId,
        reference,
        address,
        submittedAt: new Date().toISOString(),
        pdfFile: `${letterId}.pdf`,
        pdfBytes: pdf.length,
        pdfSha256: sha256(pdf),
      };
      // The manifest is written last: a letter counts as handed over only once it is complete.
      writeAtomically(manifestPath(letterId), Buffer.from(JSON.stringify(manifest, null, 2)));
      return reference;
    },
    list() {
      // An unreadable drop (a disk gone) holds no letter anyone can take: the same as an empty one, to the reader.
      const files = (() => {
        try {
          return readdirSync(dir);
        } catch {
          return [];
        }
      })();
      return files
        .filter((f) => f.endsWith('.json') && handedOver(f.slice(0, -'.json'.length)))
        .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as DroppedLetter)
        .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
    },
    pdfPath(letterId) {
      const file = path.join(dir, `${letterId}.pdf`);
      return /^[0-9a-f-]{36}$/.test(letterId) && existsSync(file) ? file : undefined;
    },
  };
}
