// The product's browser scripts (services/*/browser), type-checked with the rest of the code by `npm run lint` and
// bundled here, once each, when a service starts: one file of plain JavaScript per page script, with the words it
// shares with the page.
import { buildSync } from 'esbuild';
import { join } from 'node:path';

const bundled = new Map<string, string>();

/** The script whose entry is `entry` (a path to a `services/*\/browser/*.ts` file), bundled. */
export function browserScript(entry: string): string {
  let text = bundled.get(entry);
  if (text === undefined) {
    text = buildSync({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2022',
      platform: 'browser',
      charset: 'utf8',
      legalComments: 'none',
    }).outputFiles[0]!.text;
    bundled.set(entry, text);
  }
  return text;
}

/** The session keeper of a server-rendered signed-in page, both services' (served at SIGNED_IN_PAGE_SCRIPT_PATH). */
export const signedInPageScript = () => browserScript(join(__dirname, 'browser', 'signed-in-page.ts'));
