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
