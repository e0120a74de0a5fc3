// PIN letters: rendered as PDF with the second half of the PIN and handed to the print-and-post provider.
import PDFDocument from 'pdfkit';
import type { Db } from '../infra/db';
import { whileHeartbeating } from './heartbeat';
import { dispatchedLetter, letterDispatched, letterHeldUp, secondHalfToPost } from '../repositories/deliveries';
import { logger } from '../infra/logger';
import type { LetterAddress, PrintHouse } from '../infra/print-house';
import { addWorkingDays, type LetterStatus } from '../domain/delivery';
import { letterNotDelivered, letterStatus } from '../repositories/letters';
import type { Vault } from '../infra/vault';
import { sealedHalfContext } from '../domain/pin';

/** The letter as the citizen receives it (Italian: it goes to an Italian residence address). */
export function renderPinLetter(input: { address: LetterAddress; secondHalf: string; date: Date; letterId: string }) {
  return new Promise<Buffer>((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: 'INPS - Seconda parte del PIN', Author: 'INPS' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const { address: a } = input;
    doc.font('Helvetica-Bold').fontSize(18).fillColor('#0b4a8b').text('INPS', { continued: true });
    doc.font('Helvetica').fontSize(10).fillColor('#333').text('  Istituto Nazionale della Previdenza Sociale');
    doc.moveDown(3);
    doc
      .fontSize(11)
      .fillColor('#000')
      .text(a.name, 320)
      .text(a.street, 320)
      .text(`${a.postalCode} ${a.city} (${a.province})`, 320);
    doc.moveDown(3);
    doc.text(`Roma, ${input.date.toLocaleDateString('it-IT', { day: 'numeric', month: 'long', year: 'numeric' })}`, 56);
    doc.moveDown();
    doc.font('Helvetica-Bold').text('Oggetto: seconda parte del Suo PIN INPS');
    doc.moveDown().font('Helvetica');
    doc.text(
      'Gentile cittadina, gentile cittadino, come da Sua richiesta Le inviamo la seconda parte del PIN che Le consente di accedere ai servizi online dell\u2019INPS. La prima parte Le è stata inviata via SMS o email.',
      { align: 'justify' },
    );
    doc.moveDown();
    doc.text('Seconda parte del PIN (ultimi 8 caratteri):');
    doc.moveDown(0.5);
    doc.font('Courier-Bold').fontSize(22).text(input.secondHalf.split('').join(' '), { align: 'center' });
    doc.moveDown();
    doc.font('Helvetica').fontSize(11);
    doc.text(
      'Al primo accesso inserisca i 16 caratteri del PIN: prima gli 8 ricevuti via SMS o email, poi gli 8 di questa lettera. Le sarà chiesto subito di scegliere un nuovo PIN di 8 caratteri, da conservare con cura.',
      { align: 'justify' },
    );
    doc.moveDown();
    doc.text('Non comunichi mai il PIN a nessuno: l\u2019INPS non Le chiederà mai il PIN per telefono o per email.');
    doc.moveDown(3);
    doc.fontSize(8).fillColor('#666').text(`Rif. ${input.letterId}`);
    doc.end();
  });
}

export function createLetterActivities({
  db,
  vault,
  printHouse,
  letterLostAfterWorkingDays,
}: {
  db: Db;
  vault: Vault;
  printHouse: PrintHouse;
  letterLostAfterWorkingDays: number;
}) {
  return {
    /** Where the letter is, and from when it counts as lost (LETTER_LOST_AFTER_WORKING_DAYS after it left). */
    async letterJourney(input: { letterId: string }): Promise<{ status: LetterStatus; lostAt: string }> {
      const letter = await letterStatus(db, input.letterId);
      return {
        status: letter.status,
        lostAt: addWorkingDays(letter.created_at, letterLostAfterWorkingDays).toISOString(),
      };
    },

    /**
     * The letter came back, or is given up as lost now: recorded, and its PIN revoked if nobody used it yet. The id of
     * the revoked PIN, so its lifecycle can be told.
     */
    async recordLetterNotDelivered(input: { letterId: string; lost: boolean }) {
      return letterNotDelivered(db, input);
    },

    /** Renders and posts the letter with the second half, to the registry address; then wipes the sealed half. */
    async dispatchPinLetter(input: {
      requestId: string;
      deliveryId: string;
      letterId: string;
    }): Promise<{ reference: string }> {
      const sent = await dispatchedLetter(db, input.letterId);
      if (sent) return { reference: sent.provider_reference };

      const row = await secondHalfToPost(db, input.deliveryId);
      if (!row.sealed) throw new Error(`delivery ${input.deliveryId}: second half already delivered by another letter`);

      const address: LetterAddress = {
        name: `${row.first_name} ${row.last_name}`,
        street: row.street,
        postalCode: row.postal_code,
        city: row.city,
        province: row.province,
      };
      const secondHalf = vault.unseal(row.sealed, sealedHalfContext(input.deliveryId, 'second'));
      const handedOver = await whileHeartbeating(async () => {
        const pdf = await renderPinLetter({ address, secondHalf, date: new Date(), letterId: input.letterId });
        return printHouse.submit({ letterId: input.letterId, pdf, address });
      }).catch(async (err: unknown) => {
        // Never silent: the request's status page says the letter is held up, ops see this line and, in Temporal
        // Web, the workflow's pending activity with its last failure; the activity retries until the letter is taken.
        await letterHeldUp(db, input.deliveryId);
        logger.warn(
          { requestId: input.requestId, letterId: input.letterId, err: (err as Error).message },
          'the print house did not take a PIN letter; it will be retried',
        );
        throw err;
      });
      await letterDispatched(db, {
        letterId: input.letterId,
        deliveryId: input.deliveryId,
        requestId: input.requestId,
        provider: printHouse.name,
        ...handedOver,
      });
      return { reference: handedOver.reference };
    },
  };
}

export type LetterActivities = ReturnType<typeof createLetterActivities>;
