// The console's browser script (browser/console.ts), type-checked with the rest of the code by `npm run lint` and
// bundled here, once, when the console starts: one file of plain JavaScript, with the words it shares with the page.
import { buildSync } from 'esbuild';
import { join } from 'node:path';

let bundled: string | undefined;

export function consoleScript(): string {
  bundled ??= buildSync({
    entryPoints: [join(__dirname, 'browser', 'console.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    charset: 'utf8',
    legalComments: 'none',
  }).outputFiles[0]!.text;
  return bundled;
}
