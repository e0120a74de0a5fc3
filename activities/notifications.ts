// SMS through Twilio and email through SendGrid: the first half of the PIN, and the outcome of a rejected request.
// Each message carries the workflow's idempotency key; a retry after a recorded send sends nothing.
import type { Transaction } from 'kysely';
import type { Db } from '../infra/db';
import type { Database, DeliveryChannel, NotificationKind, RejectionReason } from '../infra/db/schema';
import type { SendGridClient, TwilioClient } from '../infra/messaging';
import type { PinVault } from '../infra/vault';
import { sealedHalfContext } from './credentials';

const REJECTION_TEXT: Record<RejectionReason, string> = {
  identity_not_verified:
    'durante la telefonata di verifica non è stato possibile confermare i dati che ha dichiarato (identità o indirizzo di residenza).',
  unreachable_by_phone: 'non siamo riusciti a contattarLa al numero di telefono indicato, nonostante più tentativi.',
  verification_not_completed: 'la verifica telefonica dei Suoi dati non si è conclusa entro i tempi previsti.',
};

export interface NotificationConfig {
  smsFrom: string;
  emailFrom: string;
}

export function createNotificationActivities(deps: {
  db: Db;
  twilio: TwilioClient;
  sendgrid: SendGridClient;
  vault: PinVault;
  config: NotificationConfig;
}) {
  const { db, twilio, sendgrid, vault, config } = deps;

  async function alreadySent(id: string) {
    return db.selectFrom('notifications').select('provider_message_id').where('id', '=', id).executeTakeFirst();
  }

  async function send(channel: DeliveryChannel, to: string, subject: string, text: string): Promise<string> {
    if (channel === 'sms') {
      const message = await twilio.messages.create({ to, from: config.smsFrom, body: text });
      return message.sid;
    }
    const [response] = await sendgrid.send({ to, from: { email: config.emailFrom, name: 'INPS' }, subject, text });
    return String(response.headers['x-message-id'] ?? response.statusCode);
  }

  async function record(
    to: Db | Transaction<Database>,
    id: string,
    requestId: string,
    kind: NotificationKind,
    channel: DeliveryChannel,
    providerId: string,
  ) {
    await to
      .insertInto('notifications')
      .values({ id, pin_request_id: requestId, kind, channel, provider_message_id: providerId })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  return {
    /** The first 8 characters of the PIN, by the channel the citizen chose; then the sealed half is wiped. */
    async sendPinFirstHalf(input: { requestId: string; deliveryId: string; notificationId: string }): Promise<void> {
      if (await alreadySent(input.notificationId)) return;
      const row = await db
        .selectFrom('pin_requests')
        .innerJoin('credentials', 'credentials.pin_request_id', 'pin_requests.id')
        .innerJoin('pin_deliveries', 'pin_deliveries.credential_id', 'credentials.id')
        .select([
          'pin_requests.delivery_channel',
          'pin_requests.phone',
          'pin_requests.email',
          'pin_deliveries.first_half_ciphertext as sealed',
        ])
        .where('pin_deliveries.id', '=', input.deliveryId)
        .executeTakeFirstOrThrow();
      if (!row.sealed)
        throw new Error(`delivery ${input.deliveryId}: first half already wiped but no notification recorded`);
      const firstHalf = vault.unseal(row.sealed, sealedHalfContext(input.deliveryId, 'first'));
      const channel = row.delivery_channel;
      const text =
        `INPS: la prima parte del Suo PIN è ${firstHalf}. ` +
        'La seconda parte arriverà per lettera al Suo indirizzo di residenza. Non comunichi il PIN a nessuno.';
      const providerId = await send(
        channel,
        channel === 'sms' ? row.phone : row.email,
        'INPS - Prima parte del Suo PIN',
        text,
      );
      await db.transaction().execute(async (trx) => {
        await record(trx, input.notificationId, input.requestId, 'pin_first_half', channel, providerId);
        await trx
          .updateTable('pin_deliveries')
          .set({ first_half_ciphertext: null })
          .where('id', '=', input.deliveryId)
          .execute();
      });
    },

    /** Tells the citizen, by email, that the request was rejected and why. */
    async sendRejectionNotice(input: {
      requestId: string;
      reason: RejectionReason;
      notificationId: string;
    }): Promise<void> {
      if (await alreadySent(input.notificationId)) return;
      const request = await db
        .selectFrom('pin_requests')
        .select(['email', 'first_name', 'last_name'])
        .where('id', '=', input.requestId)
        .executeTakeFirstOrThrow();
      const text =
        `Gentile ${request.first_name} ${request.last_name},\n\n` +
        `la Sua richiesta di PIN (n. ${input.requestId}) non è stata accolta: ${REJECTION_TEXT[input.reason]}\n\n` +
        'Può presentare una nuova richiesta online, chiamare il Contact Center (803 164 da rete fissa, ' +
        '06 164 164 da cellulare) oppure recarsi presso una sede INPS con un documento di identità.\n\nINPS';
      const providerId = await send('email', request.email, 'INPS - Esito della Sua richiesta di PIN', text);
      await record(db, input.notificationId, input.requestId, 'request_rejected', 'email', providerId);
    },
  };
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
