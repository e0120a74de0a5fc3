// The PIN letter as the citizen reads it: an INPS document on one page, with its protocol number, the recipient as the
// envelope's window shows it, the 8 characters grouped 4 + 4, two steps, how long the PIN lasts, the numbers to call,
// and what to do if nobody asked for it.
import { groupedHalf, letterProtocol, renderPinLetter } from '../../activities/letter-document';
import { PIN_ALPHABET } from '../../domain/pin';
import { pdfText, secondHalfInLetter } from '../support/pdf-text';

it('reads as an INPS letter, and the half it carries is the one given, grouped 4 + 4', async () => {
  const secondHalf = Array.from({ length: 8 }, (_, i) => PIN_ALPHABET[(i * 7) % PIN_ALPHABET.length]).join('');
  const letterId = '3f2a9c1e-1234-4abc-8def-0123456789ab';
  const date = new Date('2026-10-01T08:00:00Z');
  const pdf = await renderPinLetter({
    address: { name: 'Mario Rossi', street: 'Via Appia Nuova 100', postalCode: '00183', city: 'Roma', province: 'RM' },
    secondHalf,
    date,
    letterId,
    validityMonths: 6,
  });
  const text = pdfText(pdf);
  expect(secondHalfInLetter(text)).toBe(secondHalf);
  expect(text).toContain(groupedHalf(secondHalf).replace(/ +/, ' '));
  expect(text).toMatch(/Istituto Nazionale della Previdenza Sociale/);
  expect(text).toMatch(/Se non recapitato, restituire al mittente/);
  expect(text).toMatch(/MARIO ROSSI\nVIA APPIA NUOVA 100\n00183 ROMA RM/);
  expect(text).toContain('Roma, 1° ottobre 2026');
  expect(text).toContain(`Protocollo n. ${letterProtocol(letterId, date)}`);
  expect(text).toMatch(/Le è stato assegnato un PIN di 16 caratteri/);
  expect(text).toMatch(/1\. Vada su www\.inps\.it[\s\S]*2\. Al primo accesso Le sarà assegnato un nuovo PIN/);
  expect(text).toMatch(/Il PIN vale 6 mesi dal rilascio/);
  expect(text).toMatch(/803 164, gratuito da rete fissa; 06 164 164 da cellulare, a pagamento/);
  expect(text).toMatch(/Non ha chiesto un PIN\?/);
  expect(text).toMatch(/-- 1 of 1 --/);
});
