// Issuing a credential: the PIN is generated and hashed here, and its two halves sealed for delivery. Only the
// ids leave this activity, so no PIN ever reaches the workflow history.
import { generatePin, hashPin, INITIAL_PIN_LENGTH, splitPin } from '../domain/pin';
import type { Db } from '../infra/db';
import type { PinVault } from '../infra/vault';

export const sealedHalfContext = (deliveryId: string, half: 'first' | 'second') => `pin-delivery:${deliveryId}:${half}`;

/**
 * The registry person the credential belongs to. Someone not yet in the registry, whose identity an agent has
 * verified on the phone, is entered with the data they declared.
 */
async function registryPersonFor(db: Db, requestId: string): Promise<string> {
  const request = await db.selectFrom('pin_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
  if (request.person_id) return request.person_id;
  const person = await db
    .insertInto('persons')
    .values({
      fiscal_code: request.fiscal_code,
      first_name: request.first_name,
      last_name: request.last_name,
      birth_date: request.birth_date,
      sex: request.sex,
      birth_place: request.birth_place,
      birth_province: request.birth_province,
      citizenship: request.birth_province === 'EE' ? 'unknown' : 'ITA',
      profile: 'other',
      fund: null,
      street: request.street,
      city: request.city,
      province: request.province,
      postal_code: request.postal_code,
      phone: request.phone,
      email: request.email,
    })
    // A no-op update on conflict, so that `returning` yields the id of a row a retry already inserted.
    .onConflict((oc) => oc.column('fiscal_code').doUpdateSet({ fiscal_code: request.fiscal_code }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('pin_requests').set({ person_id: person.id }).where('id', '=', requestId).execute();
  return person.id;
}

export function createCredentialActivities({ db, vault }: { db: Db; vault: PinVault }) {
  return {
    /** Issues the 16-character initial PIN ordinario of a validated request; a retry finds the one already issued. */
    async issueInitialPin(input: {
      requestId: string;
      credentialId: string;
      deliveryId: string;
    }): Promise<{ credentialId: string; deliveryId: string }> {
      const existing = await db
        .selectFrom('credentials')
        .innerJoin('pin_deliveries', 'pin_deliveries.credential_id', 'credentials.id')
        .select(['credentials.id as credentialId', 'pin_deliveries.id as deliveryId'])
        .where('credentials.pin_request_id', '=', input.requestId)
        .executeTakeFirst();
      if (existing) return existing;

      const personId = await registryPersonFor(db, input.requestId);

      const pin = generatePin(INITIAL_PIN_LENGTH);
      const { firstHalf, secondHalf } = splitPin(pin);
      const pinHash = await hashPin(pin);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('credentials')
          .values({
            id: input.credentialId,
            person_id: personId,
            kind: 'ordinario',
            status: 'initial',
            pin_hash: pinHash,
            pin_length: INITIAL_PIN_LENGTH,
            pin_request_id: input.requestId,
          })
          .execute();
        await trx
          .insertInto('pin_deliveries')
          .values({
            id: input.deliveryId,
            credential_id: input.credentialId,
            first_half_ciphertext: vault.seal(firstHalf, sealedHalfContext(input.deliveryId, 'first')),
            second_half_ciphertext: vault.seal(secondHalf, sealedHalfContext(input.deliveryId, 'second')),
          })
          .execute();
        await trx
          .updateTable('pin_requests')
          .set({ credential_id: input.credentialId })
          .where('id', '=', input.requestId)
          .execute();
      });
      return { credentialId: input.credentialId, deliveryId: input.deliveryId };
    },
  };
}

export type CredentialActivities = ReturnType<typeof createCredentialActivities>;
