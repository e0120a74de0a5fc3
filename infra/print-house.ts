// The print-and-post provider behind PIN letters, as the letter activity sees it. Lob's adapter (infra/lob.ts) is the
// default; this file also holds a local drop folder (one PDF and one manifest per letter), the way print houses take
// batches by SFTP, used with PRINT_HOUSE_DIR and as the Lob stand-in's own store.
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
  rmSync,
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
  /**
   * Whether the provider reports what became of a letter (delivered, returned). Only then is a letter followed, and
   * given up as lost when no word comes: silence from a provider that never speaks means nothing.
   */
  readonly tracksLetters: boolean;
  /**
   * Hands over one letter; returns the provider's reference and, if it gives one, the expected delivery date
   * (YYYY-MM-DD). Submitting the same letter id again posts nothing new.
   */
  submit(letter: { letterId: string; pdf: Buffer; address: LetterAddress }): Promise<HandedOver>;
  /**
   * Removes what the product itself keeps of letters handed over before `cutoff` (a PDF carries half a PIN); returns
   * how many. The letter's id stays known, so submitting it again is still a no-op.
   */
  removeLettersHandedOverBefore(cutoff: Date): Promise<number>;
}

export interface HandedOver {
  reference: string;
  expectedDelivery?: string;
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

/** What stays of a letter once its PDF and address are removed: enough to know it was handed over. */
interface RemovedLetter {
  letterId: string;
  reference: string;
  submittedAt: string;
  removedAt: string;
}
const isRemoved = (m: DroppedLetter | RemovedLetter): m is RemovedLetter => 'removedAt' in m;

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
  const manifestOf = (letterId: string) =>
    JSON.parse(readFileSync(manifestPath(letterId), 'utf8')) as DroppedLetter | RemovedLetter;
  const handedOver = (letterId: string): boolean => {
    try {
      const manifest = manifestOf(letterId);
      if (isRemoved(manifest)) return manifest.letterId === letterId;
      const pdf = readFileSync(path.join(dir, manifest.pdfFile));
      return manifest.letterId === letterId && (!manifest.pdfSha256 || manifest.pdfSha256 === sha256(pdf));
    } catch {
      return false;
    }
  };
  /** The letters whose PDF is in the drop, oldest first. */
  const list = (): DroppedLetter[] => {
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
      .map((f) => manifestOf(f.slice(0, -'.json'.length)))
      .filter((m): m is DroppedLetter => !isRemoved(m))
      .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  };
  return {
    name: 'local-print-house-drop',
    tracksLetters: false,
    async submit({ letterId, pdf, address }) {
      if (!/^[0-9a-f-]{36}$/.test(letterId)) throw new Error('letter id must be a uuid');
      const reference = `PH-${letterId.slice(0, 8).toUpperCase()}`;
      if (handedOver(letterId)) return { reference };
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
      return { reference };
    },
    async removeLettersHandedOverBefore(cutoff) {
      let removed = 0;
      for (const letter of list()) {
        if (new Date(letter.submittedAt) >= cutoff) continue;
        const tombstone: RemovedLetter = {
          letterId: letter.letterId,
          reference: letter.reference,
          submittedAt: letter.submittedAt,
          removedAt: new Date().toISOString(),
        };
        // The manifest first: from then on the letter reads as handed over and removed, whatever happens to the PDF.
        writeAtomically(manifestPath(letter.letterId), Buffer.from(JSON.stringify(tombstone, null, 2)));
        rmSync(path.join(dir, letter.pdfFile), { force: true });
        removed++;
      }
      return removed;
    },
    list,
    pdfPath(letterId) {
      const file = path.join(dir, `${letterId}.pdf`);
      return /^[0-9a-f-]{36}$/.test(letterId) && existsSync(file) ? file : undefined;
    },
  };
}
