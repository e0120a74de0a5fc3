// The switch-off rule applied where a new PIN can be asked for (the web request, the office desk): the person's
// registry record decides; someone not in the registry is judged on the birth date they declared.
import type { Kysely, Transaction } from 'kysely';
import { issuedUnderOf, pinIssuanceDecision, useSpidMessage, type IssuedUnder } from '../domain/issuance-policy';
import type { Config } from '../infra/config';
import type { Database } from '../infra/db/schema';
import { Refusal } from '../domain/refusal';
import { personByFiscalCode } from '../repositories/registry';

export async function assertPinMayBeIssued(
  db: Kysely<Database> | Transaction<Database>,
  config: Config,
  applicant: { fiscalCode: string; declaredBirthDate?: string },
): Promise<IssuedUnder | null> {
  const person = await personByFiscalCode(db, applicant.fiscalCode);
  const birthDate = person?.birth_date ?? applicant.declaredBirthDate;
  if (!birthDate) return null;
  const decision = pinIssuanceDecision(
    { birthDate, citizenship: person?.citizenship ?? null },
    new Date(),
    config.SPID_SWITCH_OFF_DATE,
  );
  if (!decision.allowed)
    throw new Refusal('not_allowed', 'use_spid', useSpidMessage(config.SPID_SWITCH_OFF_DATE), undefined, {
      spid: '/login/spid',
    });
  return issuedUnderOf(decision);
}
