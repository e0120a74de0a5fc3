// Every activity the worker registers, built from the clients the worker's start-up (or a test) passes in.
import type { TermPolicy } from '../domain/credential-term';
import type { Db } from '../infra/db';
import type { Messenger } from '../infra/messaging';
import type { PrintHouse } from '../infra/print-house';
import type { Vault } from '../infra/vault';
import { createAgentTaskActivities } from './agent-tasks';
import { createBenefitApplicationActivities } from './benefit-applications';
import { createConversionActivities } from './conversions';
import { createCredentialActivities, type StartCredentialLifecycle } from './credentials';
import { createFaxActivities } from './faxes';
import { createHousekeepingActivities, type HousekeepingConfig } from './housekeeping';
import { createRetentionActivities } from './retention';
import type { RetentionPolicy } from '../domain/retention';
import { createPhonePinActivities } from './phone-pins';
import { createLetterActivities, type StartLetterTracking } from './letters';
import { createNotificationActivities, type NotificationConfig } from './notifications';
import { createPinRequestActivities } from './pin-requests';
import { createProcessSweepActivities, type StartPendingProcesses } from './processes';
import { createSubmissionActivities, type StartRequestProcess } from './submissions';

export interface ActivityDependencies {
  db: Db;
  vault: Vault;
  messenger: Messenger;
  printHouse: PrintHouse;
  notificationConfig: NotificationConfig;
  termPolicy: TermPolicy;
  lostPinMinIntervalMs: number;
  /** VERIFICATION_TASK_DEADLINE, in ms. */
  verificationTaskDeadlineMs: number;
  /** CONVERSION_RETURN_DEADLINE, in ms. */
  conversionReturnDeadlineMs: number;
  /** REVIEW_ESCALATION_AFTER, in ms. */
  reviewEscalationAfterMs: number;
  switchOffDate: string;
  /** LETTER_LOST_AFTER_WORKING_DAYS: a letter not delivered in this time counts as lost. */
  letterLostAfterWorkingDays: number;
  /** SECOND_HALF_BY_EMAIL: the second half may go by email to the registry's address. */
  secondHalfByEmail: boolean;
  housekeeping: HousekeepingConfig;
  /** How long personal data is kept (domain/retention.ts). */
  retention: RetentionPolicy;
  /** The Temporal client's side, for the one activity that starts a request's own workflow. */
  startRequestProcess: StartRequestProcess;
  /** The Temporal client's side, for the letter activity that starts a letter's own workflow. */
  startLetterTracking: StartLetterTracking;
  /** The Temporal client's side, for the step that issues a PIN and starts its lifecycle. */
  startCredentialLifecycle: StartCredentialLifecycle;
  /** The Temporal client's side of the pending-process sweep. */
  startPendingProcesses: StartPendingProcesses;
}

export function createActivities(deps: ActivityDependencies) {
  return {
    ...createPinRequestActivities(deps),
    ...createCredentialActivities(deps),
    ...createNotificationActivities({ ...deps, config: deps.notificationConfig }),
    ...createLetterActivities(deps),
    ...createConversionActivities(deps),
    ...createBenefitApplicationActivities({ db: deps.db }),
    ...createFaxActivities(deps),
    ...createPhonePinActivities(deps),
    ...createSubmissionActivities(deps),
    ...createAgentTaskActivities({ db: deps.db }),
    ...createProcessSweepActivities(deps),
    ...createHousekeepingActivities(deps),
    ...createRetentionActivities(deps),
  };
}
