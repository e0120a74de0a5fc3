// The print-house drop never takes a letter for handed over unless it is whole: a disk that fills up mid-letter makes
// the hand-over fail (so the letter activity retries), and what a failed write left behind is never read as a letter.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalPrintHouseDrop, type LetterAddress } from '../../infra/print-house';

const address: LetterAddress = {
  name: 'Mario Rossi',
  street: 'Via Roma 1',
  postalCode: '00184',
  city: 'Roma',
  province: 'RM',
};
const pdf = Buffer.from('%PDF-1.7 a letter with the second half of a PIN');

function drop() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'print-house-'));
  return { dir, printHouse: createLocalPrintHouseDrop(dir) };
}

it('fails the hand-over when the disk is full, and leaves nothing that reads as a letter', async () => {
  const { dir, printHouse } = drop();
  const letterId = randomUUID();
  // Every write of the manifest lands on a full disk.
  symlinkSync('/dev/full', path.join(dir, `${letterId}.json.partial`));
  await expect(printHouse.submit({ letterId, pdf, address })).rejects.toThrow(/ENOSPC|no space/i);
  expect(existsSync(path.join(dir, `${letterId}.json`))).toBe(false);
  expect(printHouse.list()).toEqual([]);
});

it('does not take an empty manifest left by an earlier failed write for a letter handed over: it writes it whole', async () => {
  const { dir, printHouse } = drop();
  const letterId = randomUUID();
  writeFileSync(path.join(dir, `${letterId}.json`), '');
  const { reference } = await printHouse.submit({ letterId, pdf, address });
  expect(printHouse.list()).toEqual([expect.objectContaining({ letterId, reference, address })]);
  expect(readFileSync(printHouse.pdfPath(letterId)!)).toEqual(pdf);
});

it('hands a letter over once: a second submission finds it whole and changes nothing', async () => {
  const { printHouse } = drop();
  const letterId = randomUUID();
  const first = await printHouse.submit({ letterId, pdf, address });
  const again = await printHouse.submit({ letterId, pdf: Buffer.from('%PDF-1.7 another'), address });
  expect(again).toEqual(first);
  expect(readFileSync(printHouse.pdfPath(letterId)!)).toEqual(pdf);
});
