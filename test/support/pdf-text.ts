// The text of a PDF, as a reader would copy it. pdf.js needs real ES-module loading, which Jest's sandbox lacks,
// so it runs in a plain Node child process.
import { execFileSync } from 'node:child_process';

const SCRIPT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c)).on('end', async () => {
  const { text } = await new PDFParse({ data: Buffer.concat(chunks) }).getText();
  process.stdout.write(text);
});`;

export function pdfText(pdf: Buffer): string {
  return execFileSync(process.execPath, ['-e', SCRIPT], { input: pdf, cwd: __dirname, encoding: 'utf8' });
}

/** The second half of a PIN as the letter prints it (two groups of four, alone on its line), read as a person reads it. */
export function secondHalfInLetter(text: string): string {
  const half = /^([A-Z0-9]{4}) +([A-Z0-9]{4})$/m.exec(text);
  if (!half) throw new Error('no PIN half in this letter');
  return half[1]! + half[2]!;
}
