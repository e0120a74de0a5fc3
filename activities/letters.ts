// PIN letters: rendered as PDF with the second half of the PIN (letter-document.ts) and handed to the print-and-post
// provider; then followed through the post, as the letter's workflow asks.
import type { Db } from '../infra/db';
import type { TermPolicy } from '../domain/credential-term';
import { whileHeartbeating } from './heartbeat';
import { dispatchedLetter, letterDispatched, letterHeldUp, secondHalfToSend } from '../repositories/deliveries';
import { logger } from '../infra/logger';
import type { LetterAddress, PrintHouse } from '../infra/print-house';
import { addWorkingDays, type LetterJourney } from '../domain/delivery';
import { letterNotDelivered, letterStatus } from '../repositories/letters';
import type { Vault } from '../infra/vault';
import { renderPinLetter } from './letter-document';
import { stepTime } from './step-clock';
import { sealedHalfContext } from '../domain/pin';

/**
 * Starts a letter's own workflow (idempotently: a second start finds it running, or finished), with where the letter
 * is at the start (`journeyNow` reads it), so that its first workflow task need not ask.
 */
export type StartLetterTracking = (
  letter: { letterId: string; requestId: string },
  journeyNow: () => Promise<LetterJourney>,
) => Promise<void>;

export function createLetterActivities({
  db,
  vault,
  printHouse,
  letterLostAfterWorkingDays,
  termPolicy,
  startLetterTracking,
}: {
  db: Db;
  vault: Vault;
  printHouse: PrintHouse;
  letterLostAfterWorkingDays: number;
  termPolicy: TermPolicy;
  startLetterTracking: StartLetterTracking;
}) {
  /** Where the letter is, and from when it counts as lost (LETTER_LOST_AFTER_WORKING_DAYS after it left). */
  const journeyOf = async (letterId: string): Promise<LetterJourney> => {
    const letter = await letterStatus(db, letterId);
    return {
      status: letter.status,
      lostAt: addWorkingDays(letter.created_at, letterLostAfterWorkingDays).toISOString(),
    };
  };
  const startTracking = (letter: { letterId: string; requestId: string }) =>
    startLetterTracking(letter, () => journeyOf(letter.letterId));

  return {
    async letterJourney(input: { letterId: string }): Promise<LetterJourney> {
      return journeyOf(input.letterId);
    },

    /**
     * The letter came back, or is given up as lost now: recorded, and its PIN revoked if nobody used it yet. The id of
     * the revoked PIN, so its lifecycle can be told.
     */
    async recordLetterNotDelivered(input: { letterId: string; lost: boolean }) {
      // Lost only once its time has come, by the step's time (step-clock.ts) and from the hand-over date
      // Postgres holds: a run started by anyone else, with a journey made up, cannot hurry a letter in the post.
      const { lostAt } = await journeyOf(input.letterId);
      const itsTimeCame = stepTime() >= Date.parse(lostAt);
      return letterNotDelivered(db, { letterId: input.letterId, lost: input.lost && itsTimeCame });
    },

    /** Renders and posts the letter with the second half, to the registry address; then wipes the sealed half. */
    async dispatchPinLetter(input: {
      requestId: string;
      deliveryId: string;
      letterId: string;
    }): Promise<{ reference: string }> {
      const sent = await dispatchedLetter(db, input.letterId);
      if (sent) {
        // Handed over by an earlier attempt that may have died before starting the letter's workflow.
        if (printHouse.tracksLetters) await startTracking({ letterId: input.letterId, requestId: input.requestId });
        return { reference: sent.provider_reference };
      }

      const row = await secondHalfToSend(db, input.deliveryId);
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
        const pdf = await renderPinLetter({
          address,
          secondHalf,
          date: new Date(),
          letterId: input.letterId,
          validityMonths: termPolicy.validityMonths.citizen,
        });
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
      if (printHouse.tracksLetters) await startTracking({ letterId: input.letterId, requestId: input.requestId });
      return { reference: handedOver.reference };
    },
  };
}

export type LetterActivities = ReturnType<typeof createLetterActivities>;
