// The PIN letter as INPS sends it: letterhead and return address, place, date and protocol number, the recipient in
// the window of an Italian envelope (on the right), the 8 characters large and grouped 4 + 4, what to do in two steps,
// how long the PIN stays valid, the numbers to call, and what to do if nobody asked for it. Italian only: it goes to
// an Italian residence.
import { writtenDay } from '../domain/written-dates';
import { contactCenterInFull } from '../domain/contact-center';
import PDFDocument from 'pdfkit';
import type { LetterAddress } from '../infra/print-house';
import { INPS_RETURN_ADDRESS } from '../infra/lob';

const MM = 72 / 25.4;
const BLUE = '#0b4a8b';

/** The protocol number printed on the letter: the year and the letter's own id, so a call can find it. */
export const letterProtocol = (letterId: string, date: Date) =>
  `INPS.PIN.${date.getUTCFullYear()}.${letterId.slice(0, 8).toUpperCase()}`;

/** The 8 characters as the citizen copies them: two groups of four. */
export const groupedHalf = (half: string) => `${half.slice(0, 4)}  ${half.slice(4)}`;

export function renderPinLetter(input: {
  address: LetterAddress;
  secondHalf: string;
  date: Date;
  letterId: string;
  /** How many months the PIN stays valid from issue if never used (the citizen's term). */
  validityMonths: number;
}) {
  return new Promise<Buffer>((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 20 * MM, bottom: 18 * MM, left: 22 * MM, right: 20 * MM },
      info: { Title: 'INPS - PIN: seconda parte', Author: 'INPS - Istituto Nazionale della Previdenza Sociale' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const left = 22 * MM;
    const width = doc.page.width - left - 20 * MM;
    const day = writtenDay(input.date, 'it');
    const r = INPS_RETURN_ADDRESS;
    const a = input.address;

    // Letterhead.
    doc
      .font('Helvetica-Bold')
      .fontSize(26)
      .fillColor(BLUE)
      .text('INPS', left, 18 * MM);
    doc.font('Helvetica').fontSize(9).fillColor('#333').text('Istituto Nazionale della Previdenza Sociale', left);
    doc.text('Direzione centrale Tecnologia, informatica e innovazione', left);
    doc
      .moveTo(left, 36 * MM)
      .lineTo(left + width, 36 * MM)
      .lineWidth(0.8)
      .strokeColor(BLUE)
      .stroke();

    // The envelope's window (DL, on the right): the return line for undelivered mail, then the recipient.
    const windowX = 110 * MM;
    doc
      .fontSize(7)
      .fillColor('#555')
      .text(
        `Mittente: ${r.name.replace(' - ', ', ')}, ${r.street}, ${r.postalCode} ${r.city} ${r.province}`,
        windowX,
        46 * MM,
        {
          width: 85 * MM,
        },
      )
      .text('Se non recapitato, restituire al mittente', windowX);
    doc
      .fontSize(11)
      .fillColor('#000')
      .text(a.name.toUpperCase(), windowX, 56 * MM, { width: 85 * MM })
      .text(a.street.toUpperCase(), windowX, undefined, { width: 85 * MM })
      .text(`${a.postalCode} ${a.city.toUpperCase()} ${a.province}`, windowX, undefined, { width: 85 * MM });

    // Place, date, protocol, subject.
    doc
      .fontSize(10)
      .fillColor('#000')
      .text(`Roma, ${day}`, left, 92 * MM);
    doc.text(`Protocollo n. ${letterProtocol(input.letterId, input.date)}`, left);
    doc.moveDown(1.2);
    doc.font('Helvetica-Bold').fontSize(11).text('Oggetto: PIN per i servizi online dell’INPS – seconda parte', left);
    doc.moveDown(0.8).font('Helvetica').fontSize(10.5);
    doc.text(
      'Gentile cittadina, gentile cittadino,\nin seguito alla Sua richiesta Le è stato assegnato un PIN di 16 caratteri per accedere ai servizi ' +
        'online dell’INPS. I primi 8 caratteri Le sono stati inviati per SMS o per email; gli altri 8 sono questi:',
      left,
      undefined,
      { width, align: 'justify' },
    );

    // The 8 characters, large, grouped 4 + 4, in a box.
    const boxY = doc.y + 4 * MM;
    doc
      .roundedRect(left + width / 2 - 45 * MM, boxY, 90 * MM, 18 * MM, 3)
      .lineWidth(1)
      .strokeColor('#888')
      .stroke();
    doc
      .font('Courier-Bold')
      .fontSize(26)
      .fillColor('#000')
      .text(groupedHalf(input.secondHalf), left, boxY + 5 * MM, { width, align: 'center' });
    doc.y = boxY + 24 * MM;

    doc.font('Helvetica-Bold').fontSize(10.5).text('Cosa fare', left);
    doc.font('Helvetica').moveDown(0.3);
    doc.list(
      [
        'Vada su www.inps.it, scelga «Entra in MyINPS» e poi l’accesso con PIN: scriva il Suo codice fiscale e i 16 ' +
          'caratteri del PIN, prima gli 8 ricevuti per SMS o email e subito dopo gli 8 di questa lettera, senza spazi.',
        'Al primo accesso Le sarà assegnato un nuovo PIN personale di 8 caratteri, che vedrà sullo schermo: lo ' +
          'conservi con cura. Da quel momento questa lettera non serve più e può distruggerla.',
      ],
      left,
      undefined,
      { width, listType: 'numbered', bulletRadius: 2, textIndent: 6 * MM, align: 'justify' },
    );
    doc.moveDown(0.6);
    doc.text(
      `Il PIN vale ${input.validityMonths} mesi dal rilascio: se non lo usa entro questo termine smette di funzionare ` +
        'e dovrà chiederne uno nuovo. I caratteri sono scelti in modo da non confondere lettere e cifre simili ' +
        '(per esempio O e 0, I e 1).',
      left,
      undefined,
      { width, align: 'justify' },
    );
    doc.moveDown(0.6);
    doc
      .font('Helvetica-Bold')
      .text('Non ha chiesto un PIN? ', left, undefined, { continued: true, width })
      .font('Helvetica')
      .text(
        'Non usi questi caratteri e ci chiami subito: qualcuno potrebbe aver chiesto un PIN a Suo nome. Non comunichi ' +
          'mai il PIN a nessuno: l’INPS non Le chiederà mai il PIN per telefono, per email o per SMS.',
        { width, align: 'justify' },
      );
    doc.moveDown(0.6);
    doc.text(
      `Contact Center INPS: ${contactCenterInFull().it}. Dal lunedì al venerdì dalle 8 alle 20, il sabato dalle 8 alle 14.`,
      left,
      undefined,
      { width, align: 'justify' },
    );
    doc.moveDown(1.2);
    doc.text('Cordiali saluti.', left);
    doc.text('INPS – Istituto Nazionale della Previdenza Sociale', left);

    // The footer sits in the bottom margin: with no margin left, pdfkit would start a second page for it.
    doc.page.margins.bottom = 0;
    doc
      .fontSize(7)
      .fillColor('#666')
      .text(
        `${r.name} · ${r.street}, ${r.postalCode} ${r.city} · www.inps.it · Rif. ${input.letterId}`,
        left,
        doc.page.height - 14 * MM,
        { width, align: 'center', lineBreak: false },
      );
    doc.end();
  });
}
