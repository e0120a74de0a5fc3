// SMS through Twilio and email through SendGrid: the first half of the PIN, the outcome of a rejected request, and
// the reminder before a PIN expires. Each message leaves once, whatever crashes: see `sendOnce`.
import { writtenDay } from '../domain/written-dates';
import { contactCenterInFull } from '../domain/contact-center';
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { italianMidnight, pinRetiredAtEndOfTransition } from '../domain/issuance-policy';
import { issuedAtOffice, usablePinsNotYetNotified } from '../repositories/credentials';
import { comingOfAgeHasCome } from './credentials';
import { stepTime } from './step-clock';
import { reminderTime, type TermPolicy } from '../domain/credential-term';
import type { Transaction } from 'kysely';
import type { Db } from '../infra/db';
import { logger } from '../infra/logger';
import { whileHeartbeating } from './heartbeat';
import { contactsOnRecord } from '../repositories/contacts';
import type { Database } from '../infra/db/schema';
import { HELPLINES, noticeEmail, noticeWords, revocationIsNews, type HolderNotice } from '../domain/notices';
import { TOLD_ONCE, type NotificationKind } from '../domain/delivery';
import type { DeliveryChannel } from '../domain/person';
import type { RejectionReason } from '../domain/pin-request';
import type { Messenger, OutboundMessage } from '../infra/messaging';
import type { Vault } from '../infra/vault';
import { sealedHalfContext } from '../domain/pin';
import { statusLinkHandled, statusLinkSealContext, statusLinkToSend } from '../repositories/status-links';
import {
  credentialHolder,
  credentialNoticeGiven,
  noticeKeptForHomePage,
  firstHalfToSend,
  messageIntended,
  messageLeft,
  messageOnRecord,
  messageSentSince,
  pinHolder,
  requestContact,
  sealedCopyWiped,
  secondHalfToSend,
  type MessageSubject,
} from '../repositories/deliveries';
import { submissionOutcome } from '../repositories/submissions';
import { letterNotDeliveredFor } from '../repositories/letters';
import { conversionWithOutcome } from '../repositories/conversions';

const REJECTION_TEXT: Record<RejectionReason, string> = {
  identity_not_verified:
    'durante la telefonata di verifica non è stato possibile confermare i dati che ha dichiarato (identità o indirizzo di residenza).',
  unreachable_by_phone: 'non siamo riusciti a contattarLa al numero di telefono indicato, nonostante più tentativi.',
  verification_not_completed: 'la verifica telefonica dei Suoi dati non si è conclusa entro i tempi previsti.',
  not_in_registry: 'il codice fiscale indicato non risulta negli archivi dell’INPS.',
  registry_mismatch: 'i dati dichiarati non corrispondono a quelli presenti negli archivi dell’INPS.',
};

/** What happened to a PIN dispositivo, or to the request for one, as its holder is told. */
export type CredentialNews = Extract<
  HolderNotice,
  { kind: 'conversion_approved' | 'conversion_rejected' | 'conversion_lapsed' | 'issued_at_office' }
>;

export interface NotificationConfig {
  /**
   * How long SendGrid's Email Activity may take to show a message: a retry asks it about an earlier attempt only
   * once that attempt is this old (until then the retry waits), so a message sent but not yet listed is not resent.
   */
  emailActivitySettleMs: number;
  /** Where citizens reach the citizen service: status links point there. */
  citizenUrl: string;
  /** At most one notice about the same request or person in this time: a stranger cannot flood anyone. */
  noticeMinIntervalMs: number;
  /** Whether messages may send citizens to an INPS office for a PIN (OFFICE_PIN_ISSUANCE). */
  officePinIssuance: boolean;
  /** The end of the transition (PIN_RETIREMENT_DATE), if set: holders are told a month before. */
  pinRetirementDate?: string;
}

/** A notification id that is the same however often it is computed: one notice per credential, even across crashes. */
function stableNotificationId(purpose: string, credentialId: string): string {
  const h = createHash('sha256').update(`${purpose}:${credentialId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A message to send, what it is about, and what kind of message it is. */
type Message = OutboundMessage & { about: MessageSubject; kind: NotificationKind };

export function createNotificationActivities(deps: {
  db: Db;
  messenger: Messenger;
  vault: Vault;
  config: NotificationConfig;
  termPolicy: TermPolicy;
}) {
  const { db, messenger, vault, config, termPolicy } = deps;

  /** Whether the message with this idempotency key already left: then a retry has nothing to do. */
  const alreadySent = async (id: string) => Boolean((await messageOnRecord(db, id))?.provider_message_id);

  /** The copies the provider holds of a message whose earlier attempt may or may not have gone out. */
  async function copiesOfEarlierAttempt(message: Message, attemptedAt: Date): Promise<string[]> {
    if (message.channel === 'email' && Date.now() - attemptedAt.getTime() < config.emailActivitySettleMs)
      throw new Error(`message ${message.id}: waiting for SendGrid's Email Activity to show the earlier attempt`);
    return messenger.copiesOf(message, attemptedAt);
  }

  /** Whether another message of this kind was ever meant for this request or PIN. */
  const toldBefore = (message: Message) =>
    messageSentSince(db, { kind: message.kind, about: message.about, since: new Date(0), except: message.id });

  /**
   * Sends a message once, whatever crashes. The intent is recorded before the provider is called; a retry that finds
   * it asks the provider for the copies it holds, and sends only if there are none. `andThen` runs in the transaction
   * that records the message left (wiping what it carried). A copy too many is logged and counted, never silent. News
   * told once (TOLD_ONCE) is not told again under another id, whoever asks.
   */
  async function sendOnce(message: Message, andThen?: (trx: Transaction<Database>) => Promise<void>): Promise<void> {
    const earlier = await messageOnRecord(db, message.id);
    if (earlier?.provider_message_id) return;
    if (!earlier && TOLD_ONCE.has(message.kind) && (await toldBefore(message))) {
      logger.warn({ notificationId: message.id, kind: message.kind }, 'told once already: not sent again');
      return;
    }
    const copies = earlier ? await whileHeartbeating(() => copiesOfEarlierAttempt(message, earlier.attempted_at)) : [];
    if (!earlier) await messageIntended(db, message);
    if (copies.length > 1)
      logger.warn(
        { notificationId: message.id, kind: message.kind, channel: message.channel, copies: copies.length },
        'a message left more than once',
      );
    const providerMessageId = copies[0] ?? (await whileHeartbeating(() => messenger.send(message)));
    await db.transaction().execute(async (trx) => {
      await messageLeft(trx, { id: message.id, providerMessageId, copies: Math.max(copies.length, 1) });
      await andThen?.(trx);
    });
  }
  /**
   * A notice about a PIN to its holder (the SPID era's notices, news of a PIN dispositivo): by email if one is on
   * record, else by SMS, once (sendOnce); for someone with neither, kept for their home page. Never dropped.
   */
  async function tellHolder(input: {
    id: string;
    credentialId: string;
    notice: HolderNotice;
  }): Promise<'sent' | 'on_home_page'> {
    const holder = await credentialHolder(db, input.credentialId);
    const { emails, phones } = await contactsOnRecord(db, holder.personId);
    const [email] = emails;
    const to = email ?? phones[0];
    if (!to) {
      await noticeKeptForHomePage(db, { ...input, personId: holder.personId });
      return 'on_home_page';
    }
    const context = { officeOpen: config.officePinIssuance };
    const words = email
      ? noticeEmail(input.notice, `${holder.first_name} ${holder.last_name}`, context)
      : { subject: '', text: noticeWords(input.notice, context).sms };
    await sendOnce({
      id: input.id,
      about: { credentialId: input.credentialId },
      kind: input.notice.kind,
      channel: email ? 'email' : 'sms',
      to,
      ...words,
    });
    return 'sent';
  }

  /**
   * Since when Postgres holds what the news says happened to the credential, or to the request for a PIN dispositivo
   * (a desk issue or an approval happen once; a rejection or a lapse, once per conversion); undefined if it does not.
   */
  async function newsOnRecordSince(credentialId: string, news: CredentialNews): Promise<Date | undefined> {
    const ever = new Date(0);
    switch (news.kind) {
      case 'issued_at_office':
        return (await issuedAtOffice(db, credentialId)) ? ever : undefined;
      case 'conversion_approved':
        return (await conversionWithOutcome(db, { credentialId, status: 'approved' })) && ever;
      case 'conversion_rejected':
        return conversionWithOutcome(db, {
          credentialId,
          status: 'rejected',
          requestCode: news.requestCode,
          reason: news.reason,
        });
      case 'conversion_lapsed':
        return conversionWithOutcome(db, { credentialId, status: 'expired', requestCode: news.requestCode });
    }
  }

  /** Whether a message of this kind went about this request or person recently (then another is not sent). */
  const sentRecently = (kind: NotificationKind, about: MessageSubject, except: string) =>
    messageSentSince(db, { kind, about, since: new Date(Date.now() - config.noticeMinIntervalMs), except });

  return {
    /**
     * What a submission's answer promised ("the link to follow your request has been sent"): for a request, its status
     * link, to the contact that request gave (a request already under way: its own, never the new submitter's); for
     * someone who already holds a PIN, a word to the contact on record that someone asked, and about Lost PIN.
     */
    async sendSubmissionNotice(input: { submissionId: string; notificationId: string }): Promise<void> {
      if (await alreadySent(input.notificationId)) return;
      const submission = await submissionOutcome(db, input.submissionId);
      if (submission.outcome === 'pin_already_held') {
        const holder = await pinHolder(db, submission.person_id!);
        const contacts = await contactsOnRecord(db, submission.person_id!);
        const [email, phone] = [contacts.emails[0], contacts.phones[0]];
        if (!holder || (!email && !phone)) return;
        if (await sentRecently('pin_already_held', { credentialId: holder.id }, input.notificationId)) return;
        const channel: DeliveryChannel = email ? 'email' : 'sms';
        const text =
          `Gentile ${holder.first_name} ${holder.last_name},\n\nabbiamo ricevuto una richiesta di PIN con i Suoi dati. ` +
          'Lei ha già un PIN INPS, quindi non ne è stato emesso un altro. Se ha smarrito il Suo PIN, ne chieda uno ' +
          `nuovo con "PIN smarrito": ${config.citizenUrl}/lost-pin. Se non è stato Lei a fare la richiesta, non deve ` +
          'fare nulla: il Suo PIN resta valido.\n\nINPS';
        await sendOnce({
          id: input.notificationId,
          about: { credentialId: holder.id },
          kind: 'pin_already_held',
          channel,
          to: channel === 'email' ? email! : phone!,
          subject: 'INPS - Richiesta di PIN',
          text,
        });
        return;
      }
      if (!submission.status_link_id || !submission.pin_request_id) return;
      const link = await statusLinkToSend(db, submission.status_link_id);
      const requestId = submission.pin_request_id;
      const wipe = () => statusLinkHandled(db, { linkId: submission.status_link_id! });
      // A request under way asked about again and again, or looked for again and again: its owner hears once in a
      // while, not at every submission.
      const kind =
        submission.outcome === 'request_in_progress'
          ? 'status_link_resent'
          : submission.outcome === 'request_found'
            ? 'status_link_found'
            : 'status_link';
      if (
        !link.sealed_token ||
        (kind !== 'status_link' && (await sentRecently(kind, { requestId }, input.notificationId)))
      )
        return void (await wipe());
      const token = vault.unseal(link.sealed_token, statusLinkSealContext(submission.status_link_id));
      const channel = link.delivery_channel;
      const to = channel === 'sms' ? link.phone : link.email;
      if (!to) return void (await wipe());
      const url = `${config.citizenUrl}/follow?t=${token}`;
      const text =
        kind === 'status_link_resent'
          ? `INPS: è stata ripresentata una richiesta di PIN con i Suoi dati; vale quella già in corso. La segua qui: ${url}`
          : kind === 'status_link_found'
            ? `INPS: ecco il link per seguire la Sua richiesta di PIN, come ha chiesto: ${url} (è personale, non lo inoltri). Se non l’ha chiesto Lei, ignori questo messaggio.`
            : `INPS: abbiamo ricevuto la Sua richiesta di PIN. La segua qui: ${url} (il link è personale, non lo inoltri).`;
      await sendOnce(
        {
          id: input.notificationId,
          about: { requestId },
          kind,
          channel,
          to,
          subject: 'INPS - La Sua richiesta di PIN',
          text,
        },
        (trx) => statusLinkHandled(trx, { linkId: submission.status_link_id!, sentAt: new Date() }),
      );
    },

    /** The first 8 characters of the PIN, by the channel the citizen chose; then the sealed half is wiped. */
    async sendPinFirstHalf(input: { requestId: string; deliveryId: string; notificationId: string }): Promise<void> {
      if (await alreadySent(input.notificationId)) return;
      const row = await firstHalfToSend(db, input.deliveryId);
      if (!row.sealed)
        throw new Error(`delivery ${input.deliveryId}: first half already wiped but no notification recorded`);
      const firstHalf = vault.unseal(row.sealed, sealedHalfContext(input.deliveryId, 'first'));
      const channel = row.delivery_channel;
      const to = channel === 'sms' ? row.phone : row.email;
      if (!to) throw new Error(`request ${row.requestId}: no ${channel} contact to send the first half to`);
      const text =
        `INPS: la prima parte del Suo PIN è ${firstHalf}. ` +
        (row.second_half_channel === 'email'
          ? 'La seconda parte arriverà per email all’indirizzo registrato presso l’INPS. '
          : 'La seconda parte arriverà per lettera al Suo indirizzo di residenza. ') +
        'Non comunichi il PIN a nessuno.';
      await sendOnce(
        {
          id: input.notificationId,
          about: { requestId: row.requestId },
          kind: 'pin_first_half',
          channel,
          to,
          subject: 'INPS - Prima parte del Suo PIN',
          text,
        },
        (trx) => sealedCopyWiped(trx, input.deliveryId, 'first'),
      );
    },

    /**
     * "The SMS never came": the same first 8 characters once more, to the contact the request gave, by its channel;
     * then the resend copy is wiped, in the transaction that records the message left.
     */
    async sendPinFirstHalfAgain(input: {
      requestId: string;
      deliveryId: string;
      notificationId: string;
    }): Promise<void> {
      if (await alreadySent(input.notificationId)) return;
      const row = await firstHalfToSend(db, input.deliveryId, 'resend');
      // Only the resend a citizen claimed through the citizen service, whoever started this step.
      if (row.first_half_resent_at === null)
        throw ApplicationFailure.nonRetryable(`delivery ${input.deliveryId}: no resend was asked for`, 'NotAsked');
      if (!row.sealed)
        throw ApplicationFailure.nonRetryable(
          `delivery ${input.deliveryId}: no first half kept to send again`,
          'NoCopy',
        );
      const firstHalf = vault.unseal(row.sealed, sealedHalfContext(input.deliveryId, 'resend'));
      const channel = row.delivery_channel;
      const to = channel === 'sms' ? row.phone : row.email;
      if (!to) throw new Error(`request ${row.requestId}: no ${channel} contact to send the first half to`);
      await sendOnce(
        {
          id: input.notificationId,
          about: { requestId: row.requestId },
          kind: 'pin_first_half_again',
          channel,
          to,
          subject: 'INPS - Prima parte del Suo PIN (nuovo invio)',
          text:
            `INPS: come ha chiesto, Le inviamo di nuovo la prima parte del Suo PIN: ${firstHalf}. ` +
            'È la stessa del primo messaggio. Non comunichi il PIN a nessuno.',
        },
        (trx) => sealedCopyWiped(trx, input.deliveryId, 'resend'),
      );
    },

    /**
     * The other 8 characters by email, where the delivery was issued to go that way (SECOND_HALF_BY_EMAIL): to the
     * address the registry holds at the time of sending, never one a request gave; then the sealed half is wiped.
     */
    async sendPinSecondHalf(input: { requestId: string; deliveryId: string; notificationId: string }): Promise<void> {
      if (await alreadySent(input.notificationId)) return;
      const row = await secondHalfToSend(db, input.deliveryId);
      if (row.second_half_channel !== 'email' || !row.email)
        throw ApplicationFailure.nonRetryable(
          `delivery ${input.deliveryId}: its second half goes by letter, or the registry holds no email`,
          'NotByEmail',
        );
      if (!row.sealed)
        throw new Error(`delivery ${input.deliveryId}: second half already wiped but no notification recorded`);
      const secondHalf = vault.unseal(row.sealed, sealedHalfContext(input.deliveryId, 'second'));
      await sendOnce(
        {
          id: input.notificationId,
          about: { requestId: input.requestId },
          kind: 'pin_second_half',
          channel: 'email',
          to: row.email,
          subject: 'INPS - Seconda parte del Suo PIN',
          text:
            `Gentile ${row.first_name} ${row.last_name},\n\nla seconda parte del Suo PIN INPS è ${secondHalf}. ` +
            'La prima parte Le è stata inviata separatamente. Al primo accesso inserisca i 16 caratteri: prima gli 8 ' +
            'della prima parte, poi questi. Le sarà chiesto subito di scegliere un nuovo PIN di 8 caratteri.\n\n' +
            'Le inviamo questa parte all’indirizzo email registrato presso l’INPS. Se non ha chiesto un PIN, chiami ' +
            `subito il Contact Center.\n\nL’INPS non Le chiederà mai il PIN per telefono o per email.\n\n${HELPLINES.it}`,
        },
        (trx) => sealedCopyWiped(trx, input.deliveryId, 'second'),
      );
    },

    /**
     * The letter with the second half came back or never arrived, so its PIN no longer works: the requester is told,
     * at the contact the request gave (SMS or email, as they chose), in plain words and with what to do.
     */
    async sendLetterNotDeliveredNotice(input: {
      requestId: string;
      returned: boolean;
      notificationId: string;
    }): Promise<void> {
      if (await alreadySent(input.notificationId)) return;
      // Only what the print house's tracking or the letter's deadline put in Postgres, whoever asks.
      const notDelivered = await letterNotDeliveredFor(db, input.requestId);
      if (!notDelivered)
        throw ApplicationFailure.nonRetryable(
          `request ${input.requestId}: its letter is not recorded as returned or lost`,
          'LetterNotUndelivered',
        );
      const request = await requestContact(db, input.requestId);
      const channel = request.delivery_channel;
      const to = channel === 'sms' ? request.phone : request.email;
      if (!to) throw new Error(`request ${input.requestId}: no ${channel} contact to tell`);
      const what =
        notDelivered === 'returned'
          ? 'la lettera con la seconda parte del Suo PIN ci è tornata indietro: il postino non ha potuto consegnarla.'
          : 'la lettera con la seconda parte del Suo PIN non risulta consegnata nei tempi previsti.';
      const next =
        'Per sicurezza il PIN non è più valido: anche la prima parte che ha ricevuto non serve più. Controlli ' +
        'l’indirizzo di residenza che l’INPS conosce: accedendo con SPID, CIE o CNS, o presso una sede INPS. Se è ' +
        'cambiato, ne chieda l’aggiornamento al Suo Comune; poi potrà chiedere un nuovo PIN.';
      await sendOnce({
        id: input.notificationId,
        about: { requestId: input.requestId },
        kind: 'letter_not_delivered',
        channel,
        to,
        subject: 'INPS - La lettera con il Suo PIN non è stata consegnata',
        text:
          channel === 'sms'
            ? `INPS: ${what} ${next}`
            : `Gentile ${request.first_name} ${request.last_name},\n\n${what[0]!.toUpperCase()}${what.slice(1)}\n\n${next}\n\n${HELPLINES.it}\n\nINPS`,
      });
    },

    /** Tells the citizen, by email, that the request was rejected and why. */
    async sendRejectionNotice(input: {
      requestId: string;
      reason: RejectionReason;
      notificationId: string;
    }): Promise<void> {
      if (await alreadySent(input.notificationId)) return;
      const request = await requestContact(db, input.requestId);
      // A rejection Postgres holds, and for the reason it holds, whoever asks (recordRejection rests it on evidence).
      if (request.status !== 'rejected' || request.rejection_reason !== input.reason)
        throw ApplicationFailure.nonRetryable(
          `request ${input.requestId} is not rejected for "${input.reason}": nobody is told so`,
          'NotRejected',
        );
      const text =
        `Gentile ${request.first_name} ${request.last_name},\n\n` +
        `la Sua richiesta di PIN (n. ${input.requestId}) non è stata accolta: ${REJECTION_TEXT[input.reason]}\n\n` +
        'La lettera con la seconda parte del PIN viene spedita solo all’indirizzo di residenza che l’INPS ' +
        'conosce. Se ha cambiato residenza, ne chieda l’aggiornamento al Suo Comune; oppure si rechi presso una ' +
        'sede INPS con un documento di identità: lì i Suoi dati possono essere corretti. Può anche chiamare il ' +
        `Contact Center: ${contactCenterInFull().it}.\n\nINPS`;
      if (!request.email) throw new Error(`request ${input.requestId}: rejected without an email to tell`);
      await sendOnce({
        id: input.notificationId,
        about: { requestId: input.requestId },
        kind: 'request_rejected',
        channel: 'email',
        to: request.email,
        subject: 'INPS - Esito della Sua richiesta di PIN',
        text,
      });
    },

    /**
     * Tells the holder, by email, that the PIN expires soon and how to renew it, once per term. Nothing is sent for a
     * term that has already ended or been replaced, nor to someone with no email on record.
     */
    async sendExpiryReminder(input: {
      credentialId: string;
      expiresAt: string;
      notificationId: string;
    }): Promise<'sent' | 'not_current' | 'no_email_on_record'> {
      if (await alreadySent(input.notificationId)) return 'sent';
      const credential = await credentialHolder(db, input.credentialId);
      const current =
        (credential.status === 'initial' || credential.status === 'active') &&
        credential.expires_at?.getTime() === new Date(input.expiresAt).getTime();
      // Not before the reminder date of the term Postgres holds, by the step's Temporal clock, whatever the run said.
      if (!current || stepTime() < reminderTime(credential.expires_at!, termPolicy).getTime()) return 'not_current';
      // Once per term: a run started again on the same term (by a wake-up, a forged one too) reminds nobody twice.
      const remindedThisTerm = await messageSentSince(db, {
        kind: 'expiry_reminder',
        about: { credentialId: input.credentialId },
        since: credential.term_started_at,
        except: input.notificationId,
      });
      if (remindedThisTerm) return 'sent';
      const [email] = (await contactsOnRecord(db, credential.personId)).emails;
      if (!email) return 'no_email_on_record';
      const day = writtenDay(input.expiresAt, 'it');
      const text =
        `Gentile ${credential.first_name} ${credential.last_name},\n\n` +
        `il Suo PIN INPS scade il ${day}. Per rinnovarlo basta accedere ai servizi online con il Suo codice fiscale e ` +
        'il PIN attuale: anche dopo la scadenza, una procedura guidata Le assegnerà un nuovo PIN con gli stessi ' +
        'servizi.\n\nL’INPS non Le chiederà mai il PIN per telefono o per email.\n\nINPS';
      await sendOnce({
        id: input.notificationId,
        about: { credentialId: input.credentialId },
        kind: 'expiry_reminder',
        channel: 'email',
        to: email,
        subject: 'INPS - Il Suo PIN sta per scadere',
        text,
      });
      return 'sent';
    },

    /**
     * A minor's PIN ends on the 18th birthday: the holder is told a month before (tellHolder) when it stops and how to
     * go on (SPID, CIE, CNS). Once per credential, whichever run of its lifecycle asks.
     */
    async sendComingOfAgeNotice(input: {
      credentialId: string;
      at: string;
      notificationId: string;
    }): Promise<'sent' | 'not_current' | 'on_home_page'> {
      if (await alreadySent(input.notificationId)) return 'sent';
      if (await credentialNoticeGiven(db, input.credentialId, 'coming_of_age_notice')) return 'sent';
      if (!(await comingOfAgeHasCome(db, input.credentialId, 'noticeAt'))) return 'not_current';
      const credential = await credentialHolder(db, input.credentialId);
      if (credential.status === 'revoked') return 'not_current';
      return tellHolder({
        id: input.notificationId,
        credentialId: input.credentialId,
        notice: { kind: 'coming_of_age_notice', day: input.at },
      });
    },

    /**
     * A month before PIN_RETIREMENT_DATE, each holder whose PIN then stops working (anyone who could use SPID) is told
     * so (tellHolder), once per PIN. At most `limit` told per run; how many were.
     */
    async sendPinRetirementNotices({ limit }: { limit: number }): Promise<number> {
      const retirementDate = config.pinRetirementDate;
      if (!retirementDate) return 0;
      const retiresAt = italianMidnight(retirementDate);
      const noticeFrom = new Date(retiresAt.getTime());
      noticeFrom.setUTCMonth(noticeFrom.getUTCMonth() - 1);
      const now = new Date();
      if (now < noticeFrom || now >= retiresAt) return 0;
      let told = 0;
      // Page through every PIN not yet told: those whose PIN goes on (minors, non-EU citizens) are never told, and
      // must not fill the batch for ever.
      let after: string | undefined;
      while (told < limit) {
        const page = await usablePinsNotYetNotified(db, { kind: 'pin_retirement_notice', limit, after });
        if (!page.length) break;
        after = page[page.length - 1]!.id;
        for (const pin of page) {
          const holder = { birthDate: pin.birth_date, citizenship: pin.citizenship };
          if (told >= limit || !pinRetiredAtEndOfTransition(holder, retiresAt, retirementDate)) continue;
          await tellHolder({
            id: stableNotificationId('pin-retirement-notice', pin.id),
            credentialId: pin.id,
            notice: { kind: 'pin_retirement_notice', day: retiresAt.toISOString() },
          });
          told++;
        }
      }
      return told;
    },

    /**
     * Tells the holder that their PIN no longer works and why (tellHolder): revoked at an office, retired for SPID,
     * ended at 18 or at the end of the transition. A PIN replaced by a new one the holder just used says nothing (they
     * did it).
     */
    async sendRevocationNotice(input: {
      credentialId: string;
      notificationId: string;
    }): Promise<'sent' | 'nothing_to_tell' | 'on_home_page'> {
      if (await alreadySent(input.notificationId)) return 'sent';
      const holder = await credentialHolder(db, input.credentialId);
      const reason = holder.revocation_reason;
      if (holder.status !== 'revoked' || !reason || !revocationIsNews(reason)) return 'nothing_to_tell';
      return tellHolder({
        id: input.notificationId,
        credentialId: input.credentialId,
        notice: { kind: 'pin_revoked', reason },
      });
    },

    /**
     * Tells the holder (tellHolder) what happened to their PIN dispositivo, or to their request for one, only if
     * Postgres holds it so (newsOnRecordSince), and once, whoever asks for the step.
     */
    async sendCredentialNews(input: {
      credentialId: string;
      news: CredentialNews;
      notificationId: string;
    }): Promise<'sent' | 'on_home_page' | 'not_recorded'> {
      if (await alreadySent(input.notificationId)) return 'sent';
      const since = await newsOnRecordSince(input.credentialId, input.news);
      if (!since) {
        logger.warn({ credentialId: input.credentialId, news: input.news.kind }, 'news not on record: nothing told');
        return 'not_recorded';
      }
      const about = { credentialId: input.credentialId };
      const kind = input.news.kind;
      if (await messageSentSince(db, { kind, about, since, except: input.notificationId })) return 'sent';
      return tellHolder({ id: input.notificationId, credentialId: input.credentialId, notice: input.news });
    },
  };
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
