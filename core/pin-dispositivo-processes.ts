// Starting and telling the processes around the PIN dispositivo, from the services where they begin: a conversion
// (citizen service, office desk), a benefit application, a received fax. Every start is idempotent: the workflow id
// comes from the business key, and a second start attaches to the running process.
import { type Client } from '@temporalio/client';
import type { Db } from '../infra/db';
import { FAX_PROVIDER } from '../infra/fax';
import { logger } from '../infra/logger';
import { durationMs, type Config } from '../infra/config';
import { benefitApplicationWorkflow } from '../workflows/benefit-application';
import { conversionWorkflow, documentsReturnedSignal, type ConversionPolicy } from '../workflows/conversion';
import {
  benefitApplicationWorkflowId,
  conversionWorkflowId,
  inboundFaxWorkflowId,
  officeIssuanceWorkflowId,
} from '../workflows/ids';
import { inboundFaxWorkflow } from '../workflows/inbound-fax';
import { officeIssuanceWorkflow } from '../workflows/office-issuance';
import { applicationsNotProcessed } from '../repositories/benefit-applications';
import { liveOnlineConversions } from '../repositories/conversions';
import { faxesNeverRead } from '../repositories/inbound-faxes';
import { startProcess } from './processes';

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
 * What a crash between a commit and the workflow call can leave behind, put back on its way at start-up: open
 * conversions and unprocessed applications whose workflow never started, documents stored but never announced, and
 * faxes stored but never read. Every step is idempotent, so running it on a healthy system changes nothing.
 * With `since`, only conversions and applications made since then: what a Temporal outage at intake left unstarted,
 * swept every minute at the cost of the few made in that time.
 */
export async function resumePinDispositivoProcesses(db: Db, client: Client, config: Config, since?: Date) {
  const conversions = await liveOnlineConversions(db, since);
  for (const c of conversions) {
    await startConversionWorkflow(client, config, c.id, 'online');
    if (c.status === 'awaiting_documents' && c.returned_by) await tellDocumentsReturned(client, c.id);
  }
  const applications = await applicationsNotProcessed(db, since);
  for (const a of applications) await startBenefitApplicationWorkflow(client, config, a.id);
  // The fax provider retries its webhook until it is answered: faxes need the start-up sweep only.
  const faxes = since ? [] : await faxesNeverRead(db);
  for (const f of faxes) await startInboundFaxWorkflow(client, config, { id: f.id, providerFaxId: f.provider_fax_id });
  const counts = { conversions: conversions.length, applications: applications.length, faxes: faxes.length };
  if (counts.conversions + counts.applications + counts.faxes) logger.info(counts, 'PIN dispositivo processes resumed');
  return counts;
}
