// The print-and-post provider behind PIN letters. The default adapter is a local drop folder (one PDF and one
// manifest per letter), the way print houses take batches by SFTP; a real provider implements the same interface.
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
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
}

export function createLocalPrintHouseDrop(
  dir: string,
): PrintHouse & { list(): DroppedLetter[]; pdfPath(letterId: string): string | undefined } {
  mkdirSync(dir, { recursive: true });
  const manifestPath = (letterId: string) => path.join(dir, `${letterId}.json`);
  return {
    name: 'local-print-house-drop',
    async submit({ letterId, pdf, address }) {
      if (!/^[0-9a-f-]{36}$/.test(letterId)) throw new Error('letter id must be a uuid');
      const reference = `PH-${letterId.slice(0, 8).toUpperCase()}`;
      if (existsSync(manifestPath(letterId))) return reference;
      writeFileSync(path.join(dir, `${letterId}.pdf`), pdf);
      const manifest: DroppedLetter = {
        letterId,
        reference,
        address,
        submittedAt: new Date().toISOString(),
        pdfFile: `${letterId}.pdf`,
      };
      // The manifest is written last: a letter counts as handed over only once it is complete.
      writeFileSync(manifestPath(letterId), JSON.stringify(manifest, null, 2));
      return reference;
    },
    list() {
      return readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as DroppedLetter)
        .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
    },
    pdfPath(letterId) {
      const file = path.join(dir, `${letterId}.pdf`);
      return /^[0-9a-f-]{36}$/.test(letterId) && existsSync(file) ? file : undefined;
    },
  };
}
