// Builds, from the configuration, the clients the activities receive. Only start-up code calls this.
import type { ActivityDependencies } from '../activities';
import type { TermPolicy } from '../domain/credential-term';
import type { Config } from '../infra/config';
import type { Db } from '../infra/db';
import { durationMs } from '../infra/config';
import { createMessenger, createSendGridClient, createTwilioClient } from '../infra/messaging';
import { createLocalPrintHouseDrop } from '../infra/print-house';
import { createLobPrintHouse, STAND_IN_LOB_API_KEY } from '../infra/lob';
import { createVault, loadVaultKey } from '../infra/vault';
import type { Client } from '@temporalio/client';
import { startLostPinWorkflow, startPendingPinRequests, startPinRequestWorkflow } from '../core/pin-request-processes';
import { startLetterWorkflow } from '../core/letter-tracking';
import { startCredentialLifecycle } from '../core/credential-lifecycle-processes';
import { startDeferredProcesses } from '../core/pin-dispositivo-processes';

/** Lob (the local stand-in without LOB_API_KEY), or a print house's drop folder when PRINT_HOUSE_DIR is set. */
export function createPrintHouse(config: Config) {
  if (config.PRINT_HOUSE_DIR) return createLocalPrintHouseDrop(config.PRINT_HOUSE_DIR);
  return createLobPrintHouse({
    apiKey: config.LOB_API_KEY ?? STAND_IN_LOB_API_KEY,
    host: config.LOB_API_URL ?? `${config.standInsBaseUrl}/lob/v1/`,
  });
}

export function termPolicy(config: Config): TermPolicy {
  return {
    validityMonths: {
      citizen: config.CITIZEN_PIN_VALIDITY_MONTHS,
      intermediary: config.INTERMEDIARY_PIN_VALIDITY_MONTHS,
    },
    reminderDaysBefore: config.EXPIRY_REMINDER_DAYS,
  };
}

export function createActivityDependencies(
  config: Config,
  db: Db,
  temporal: Client,
  printHouse: ActivityDependencies['printHouse'] = createPrintHouse(config),
): ActivityDependencies {
  return {
    db,
    vault: createVault(loadVaultKey(config)),
    messenger: createMessenger({
      twilio: createTwilioClient(config),
      sendgrid: createSendGridClient(config),
      smsFrom: config.TWILIO_FROM,
      emailFrom: config.SENDGRID_FROM,
    }),
    printHouse,
    notificationConfig: {
      emailActivitySettleMs: config.sendgridActivitySettleMs,
      citizenUrl: config.citizenPublicUrl,
      noticeMinIntervalMs: durationMs(config.SUBMISSION_NOTICE_MIN_INTERVAL),
      officePinIssuance: config.officePinIssuance,
      pinRetirementDate: config.PIN_RETIREMENT_DATE,
    },
    termPolicy: termPolicy(config),
    lostPinMinIntervalMs: durationMs(config.LOST_PIN_MIN_INTERVAL),
    verificationTaskDeadlineMs: durationMs(config.VERIFICATION_TASK_DEADLINE),
    conversionReturnDeadlineMs: durationMs(config.CONVERSION_RETURN_DEADLINE),
    reviewEscalationAfterMs: durationMs(config.REVIEW_ESCALATION_AFTER),
    switchOffDate: config.SPID_SWITCH_OFF_DATE,
    secondHalfByEmail: config.SECOND_HALF_BY_EMAIL === 'on',
    letterLostAfterWorkingDays: config.LETTER_LOST_AFTER_WORKING_DAYS,
    housekeeping: {
      signInGuardQuietMs: durationMs(config.SIGN_IN_LOCKOUT_MAX),
      statusLinkDaysAfterEnd: config.STATUS_LINK_DAYS_AFTER_END,
      printDropRetentionMs: durationMs(config.PRINT_DROP_RETENTION),
      firstHalfResendKeptMs: durationMs(config.FIRST_HALF_RESEND_KEPT),
    },
    retention: {
      rejectedRequestDays: config.REJECTED_REQUEST_RETENTION_DAYS,
      documentDays: config.DOCUMENT_RETENTION_DAYS,
    },
    startLetterTracking: (letter, journeyNow) => startLetterWorkflow(temporal, config, letter, journeyNow),
    startCredentialLifecycle: ({ credentialId, requestId, begunTerm }) =>
      startCredentialLifecycle(temporal, config, credentialId, { requestId, begunTerm }),
    startRequestProcess: ({ requestId, purpose }) =>
      purpose === 'lost_pin'
        ? startLostPinWorkflow(temporal, config, requestId)
        : startPinRequestWorkflow(temporal, config, requestId, 'online'),
    // Every minute, only what an outage at intake leaves unstarted: submissions not taken in, requests still
    // `received`, and the conversions and applications whose start was deferred. All are empty on a healthy system,
    // whereas re-starting every live case each minute would cost one Temporal call per case (that is start-up work).
    // Rows younger than one sweep period are the intake's own to start (core/submission-starter.ts).
    startPendingProcesses: async () =>
      (await startPendingPinRequests(db, temporal, config, {
        olderThan: new Date(Date.now() - durationMs(config.PENDING_PROCESS_SWEEP_EVERY)),
      })) + (await startDeferredProcesses(db, temporal, config)),
  };
}
