// Starting and telling the processes around the PIN dispositivo, from the services where they begin: a conversion
// (citizen service, office desk), a benefit application, a received fax. Every start is idempotent: the workflow id
// comes from the business key, and a second start attaches to the running process.
import { type Client } from '@temporalio/client';
import type { Db } from '../infra/db';
import { FAX_PROVIDER } from '../infra/fax';
import { logger } from '../infra/logger';
import { durationMs, type Config } from '../infra/config';
import { benefitApplicationWorkflow, pinDispositivoGrantedSignal } from '../workflows/benefit-application';
import { conversionWorkflow, documentsReturnedSignal, type ConversionPolicy } from '../workflows/conversion';
import {
  benefitApplicationWorkflowId,
  conversionWorkflowId,
  inboundFaxWorkflowId,
  officeIssuanceWorkflowId,
} from '../workflows/ids';
import { inboundFaxWorkflow } from '../workflows/inbound-fax';
import { officeIssuanceWorkflow } from '../workflows/office-issuance';
import { applicationsNotProcessed, applicationsWaitingOf } from '../repositories/benefit-applications';
import { liveOnlineConversions } from '../repositories/conversions';
import { faxesNeverRead } from '../repositories/inbound-faxes';
import { deferredStartMade, deferredStarts, deferStart } from '../repositories/deferred-starts';
import type { DeferredStartKind } from '../infra/db/schema';
import { startAfterStoring, startProcess } from './processes';

function conversionPolicy(config: Config): ConversionPolicy {
  return {
    returnDeadline: durationMs(config.CONVERSION_RETURN_DEADLINE),
    reviewEscalationAfter: durationMs(config.REVIEW_ESCALATION_AFTER),
  };
}

export async function startConversionWorkflow(
  client: Client,
  config: Config,
  conversionId: string,
  channel: 'online' | 'office',
) {
  await startProcess(client, config, conversionWorkflow, {
    workflowId: conversionWorkflowId(conversionId),
    args: [{ conversionId, channel, policy: conversionPolicy(config) }],
    requestId: conversionId,
    channel,
  });
}

/** The documents are stored: the conversion moves on to review. */
export async function tellDocumentsReturned(client: Client, conversionId: string) {
  await client.workflow.getHandle(conversionWorkflowId(conversionId)).signal(documentsReturnedSignal);
}

export async function startBenefitApplicationWorkflow(client: Client, config: Config, applicationId: string) {
  await startProcess(client, config, benefitApplicationWorkflow, {
    workflowId: benefitApplicationWorkflowId(applicationId),
    args: [{ applicationId }],
    requestId: applicationId,
  });
}

/**
 * The person now has the rights of a PIN dispositivo (a strong sign-in, recorded in Postgres): each of their waiting
 * applications is told to look again. Best effort: one whose process cannot be told now is released when its process
 * is resumed (it reads the same record at start), and the sign-in never fails for it.
 */
export async function releaseWaitingApplications(client: Client, db: Db, personId: string): Promise<number> {
  const waiting = await applicationsWaitingOf(db, personId);
  for (const applicationId of waiting)
    await client.workflow
      .getHandle(benefitApplicationWorkflowId(applicationId))
      .signal(pinDispositivoGrantedSignal)
      .catch((err: unknown) =>
        logger.warn({ applicationId, err: (err as Error).message }, 'a waiting application could not be told now'),
      );
  return waiting.length;
}

export async function startOfficeIssuanceWorkflow(client: Client, config: Config, credentialId: string) {
  await startProcess(client, config, officeIssuanceWorkflow, {
    workflowId: officeIssuanceWorkflowId(credentialId),
    args: [{ credentialId }],
    requestId: credentialId,
    channel: 'office',
  });
}

export async function startInboundFaxWorkflow(
  client: Client,
  config: Config,
  fax: { id: string; providerFaxId: string },
) {
  await startProcess(client, config, inboundFaxWorkflow, {
    workflowId: inboundFaxWorkflowId(FAX_PROVIDER, fax.providerFaxId),
    args: [{ faxId: fax.id }],
    requestId: fax.id,
  });
}

/**
 * Starts an online conversion's or an application's workflow once its case is stored; if Temporal does not take it
 * in time, the start is noted for the pending-process sweep (`startDeferredProcesses`).
 */
export function startStoredCase(
  db: Db,
  client: Client,
  config: Config,
  stored: { kind: DeferredStartKind; id: string },
) {
  const start = () =>
    stored.kind === 'conversion'
      ? startConversionWorkflow(client, config, stored.id, 'online')
      : startBenefitApplicationWorkflow(client, config, stored.id);
  return startAfterStoring(client, stored, start, () => deferStart(db, stored));
}

/** The starts Temporal did not take when their cases were stored, made now and crossed off: none on a healthy day. */
export async function startDeferredProcesses(db: Db, client: Client, config: Config): Promise<number> {
  const deferred = await deferredStarts(db);
  for (const stored of deferred) {
    if (stored.kind === 'conversion') await startConversionWorkflow(client, config, stored.id, 'online');
    else await startBenefitApplicationWorkflow(client, config, stored.id);
    await deferredStartMade(db, stored);
  }
  return deferred.length;
}

/**
 * What a crash between a commit and the workflow call can leave behind, put back on its way at start-up: open
 * conversions and unprocessed applications whose workflow never started, documents stored but never announced, and
 * faxes stored but never read. Every step is idempotent, so running it on a healthy system changes nothing.
 */
export async function resumePinDispositivoProcesses(db: Db, client: Client, config: Config) {
  const conversions = await liveOnlineConversions(db);
  for (const c of conversions) {
    await startConversionWorkflow(client, config, c.id, 'online');
    if (c.status === 'awaiting_documents' && c.returned_by) await tellDocumentsReturned(client, c.id);
  }
  const applications = await applicationsNotProcessed(db);
  for (const a of applications) await startBenefitApplicationWorkflow(client, config, a.id);
  const faxes = await faxesNeverRead(db);
  for (const f of faxes) await startInboundFaxWorkflow(client, config, { id: f.id, providerFaxId: f.provider_fax_id });
  const counts = { conversions: conversions.length, applications: applications.length, faxes: faxes.length };
  if (counts.conversions + counts.applications + counts.faxes) logger.info(counts, 'PIN dispositivo processes resumed');
  return counts;
}
