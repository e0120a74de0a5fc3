// What a citizen does in the end-to-end tests, through the citizen API: get a PIN delivered, sign in, go through
// the first access; and where the test then looks (the credential row, its lifecycle workflow).
import { randomUUID } from 'node:crypto';
import { computeFiscalCode } from '../../domain/fiscal-code';
import { tokenHash } from '../../services/shared/session-token';
import { credentialLifecycleWorkflowId } from '../../workflows/ids';
import { requestFor } from './demo';
import { deliveredPin } from './pins';
import { eventually, type TestProduct } from './product';
import { pinRequestActions } from './requests';

export const fiscalCodeOf = (lastName: string) => requestFor(lastName).fiscalCode;

/** A well-formed codice fiscale nobody in the registry holds. */
export const strangerFiscalCode = (n: number) =>
  computeFiscalCode({
    firstName: 'Ignoto',
    lastName: `Sconosciuto`,
    birthDate: `1980-01-${String(1 + (n % 28)).padStart(2, '0')}`,
    sex: n % 56 < 28 ? 'M' : 'F',
    birthPlace: ['Roma', 'Milano', 'Napoli', 'Torino'][Math.floor(n / 56) % 4]!,
    birthProvince: ['RM', 'MI', 'NA', 'TO'][Math.floor(n / 56) % 4]!,
  })!;

export function citizenActions(product: TestProduct) {
  const signIn = (fiscalCode: string, pin: string) => product.citizen.post('/api/session', { fiscalCode, pin });
  return {
    signIn,

    /** A demo citizen's PIN request, delivered: the 16-character PIN read off the SMS and the letter. */
    async newPinFor(lastName: string): Promise<{ pin: string; requestId: string }> {
      const res = await pinRequestActions(product).submit(requestFor(lastName));
      expect(res.status).toBe(202);
      const requestId = res.requestId;
      const pin = await eventually(() => deliveredPin(product, requestId));
      return { pin, requestId };
    },

    /** Through the first access: the 8-character PIN the citizen signs in with from then on. */
    async firstAccess(fiscalCode: string, initialPin: string): Promise<string> {
      const session = await signIn(fiscalCode, initialPin);
      expect(session.body.stage).toBe('first_access');
      const assigned = await product.citizen.post('/api/first-access', {}, session.body.token);
      expect(assigned.status).toBe(201);
      return assigned.body.pin;
    },

    /** The person's newest credential (of that status, if given). */
    credentialOf(fiscalCode: string, status?: 'initial' | 'active' | 'expired' | 'revoked') {
      let query = product.db
        .selectFrom('credentials')
        .innerJoin('persons', 'persons.id', 'credentials.person_id')
        .selectAll('credentials')
        .where('persons.fiscal_code', '=', fiscalCode)
        .orderBy('credentials.issued_at', 'desc');
      if (status) query = query.where('credentials.status', '=', status);
      return query.executeTakeFirstOrThrow();
    },

    lifecycle: (credentialId: string) =>
      product.temporal.workflow.getHandle(credentialLifecycleWorkflowId(credentialId)),
  };
}

/**
 * A SPID level 2 session for a demo person, written as the provider's callback writes one (the sign-in itself is
 * tested against the provider's stand-in): the session a phone PIN is made in. Returns its token.
 */
export async function spidSession(product: TestProduct, lastName: string): Promise<string> {
  const person = await product.db
    .selectFrom('persons')
    .select('id')
    .where('fiscal_code', '=', fiscalCodeOf(lastName))
    .executeTakeFirstOrThrow();
  const token = randomUUID();
  await product.db
    .insertInto('citizen_sessions')
    .values({
      token_hash: tokenHash(token),
      credential_id: null,
      person_id: person.id,
      auth_method: 'spid',
      spid_level: 2,
      stage: 'signed_in',
      expires_at: new Date(Date.now() + 3 * 3_600_000),
    })
    .execute();
  return token;
}
