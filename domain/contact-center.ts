// The INPS contact center's numbers (brief, "Three ways to request a PIN", 2), said the same way wherever a citizen is
// told to call: 803 164 is free but answers only from landlines, so 06 164 164 (from mobiles, at the caller's cost)
// always stands beside it. Call-backs come from 06 164 164 too (TWILIO_VOICE_CALLER_ID).

/** A number as printed, and as dialled (a page makes it a `tel:` link, one tap on a phone). */
export interface PhoneNumber {
  shown: string;
  dialled: string;
}

export const CONTACT_CENTER = {
  landline: { shown: '803 164', dialled: '803164' },
  mobile: { shown: '06 164 164', dialled: '+3906164164' },
} as const satisfies Record<string, PhoneNumber>;

type Words = Record<'it' | 'en', string>;
/** How a number is written: as it is, in text; as a link, in a page. */
type Write = (number: PhoneNumber) => string;
const asText: Write = (number) => number.shown;

/** "803 164 (06 164 164 from mobiles)": where a sentence has room for little more than the numbers. */
export function contactCenterInShort(write: Write = asText): Words {
  const [landline, mobile] = [write(CONTACT_CENTER.landline), write(CONTACT_CENTER.mobile)];
  return { it: `${landline} (${mobile} da cellulare)`, en: `${landline} (${mobile} from mobiles)` };
}

/** Both numbers with what each costs: the help page, letters, the footer. */
export function contactCenterInFull(write: Write = asText): Words {
  const [landline, mobile] = [write(CONTACT_CENTER.landline), write(CONTACT_CENTER.mobile)];
  return {
    it: `${landline}, gratuito da rete fissa; ${mobile} da cellulare, a pagamento secondo la tariffa del Suo operatore`,
    en: `${landline}, free from landlines; ${mobile} from mobiles, at your operator’s rates`,
  };
}
