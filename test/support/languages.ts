// Whether a page speaks one language: the lines of its visible text that hold the other language's function words.
// Used on every citizen page and every staff screen (test/e2e/one-language.test.ts, test/e2e/agent-keyboard.test.ts).
import { SERVICE_CATALOG } from '../../domain/service-catalog';

export type Lang = 'it' | 'en';
/** Words that only the other language writes: one of them in a sentence is a sentence of the other language. */
const OTHER_LANGUAGE: Record<Lang, RegExp> = {
  it: /\b(the|your|you|and|with|is|are|please|this|will|not|of|to|for|was|has|have)\b/i,
  en: /\b(il|lo|gli|della|dello|delle|del|dei|Suo|Sua|Lei|è|non|che|una|alla|nel|sono|questo|questa)\b/,
};
/** Proper names that hold such words in either language: the Institute's, its address's, its services' (terms of art). */
const PROPER_NAMES = [
  'Istituto Nazionale della Previdenza Sociale',
  'via Ciro il Grande',
  ...SERVICE_CATALOG.map((service) => service.name),
];

/** Headings that are the same words in both languages: terms of art, the contact center, the services' names. */
export const SAME_IN_BOTH = ['Contact center', ...SERVICE_CATALOG.map((service) => service.name)];

/** The text a person reads on the page: no scripts, styles or markup; entities as characters. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** The sentences of a page's HTML in the other language, with where they were. */
export const strayLines = (lang: Lang, where: string, html: string) => strayLinesOfText(lang, where, visibleText(html));

/** The same for text as a browser shows it (`innerText`): one line per block. */
export function strayLinesOfText(lang: Lang, where: string, shown: string): string[] {
  let text = shown;
  for (const name of PROPER_NAMES) text = text.replaceAll(name, ' ');
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && OTHER_LANGUAGE[lang].test(line))
    .map((line) => `${where} (${lang}): ${line.slice(0, 140)}`);
}
