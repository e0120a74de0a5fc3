// Starting and telling the processes around the PIN dispositivo, from the services where they begin: a conversion
// (citizen service, office desk), a benefit application, a received fax. Every start is idempotent: the workflow id
// comes from the business key, and a second start attaches to the running process.
import { WorkflowIdConflictPolicy, type Client } from '@temporalio/client';
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
import { requestIdAttribute, SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

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
  await client.workflow.start(conversionWorkflow, {
    workflowId: conversionWorkflowId(conversionId),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    args: [{ conversionId, channel, policy: conversionPolicy(config) }],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    typedSearchAttributes: [
      { key: SEARCH_ATTRIBUTES.requestChannel, value: channel },
      requestIdAttribute(conversionId),
    ],
  });
}

/** The documents are stored: the conversion moves on to review. */
export async function tellDocumentsReturned(client: Client, conversionId: string) {
  await client.workflow.getHandle(conversionWorkflowId(conversionId)).signal(documentsReturnedSignal);
}

export async function startBenefitApplicationWorkflow(client: Client, config: Config, applicationId: string) {
  await client.workflow.start(benefitApplicationWorkflow, {
    workflowId: benefitApplicationWorkflowId(applicationId),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    args: [{ applicationId }],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    typedSearchAttributes: [requestIdAttribute(applicationId)],
  });
}

export async function startOfficeIssuanceWorkflow(client: Client, config: Config, credentialId: string) {
  await client.workflow.start(officeIssuanceWorkflow, {
    workflowId: officeIssuanceWorkflowId(credentialId),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    args: [{ credentialId }],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    typedSearchAttributes: [
      { key: SEARCH_ATTRIBUTES.requestChannel, value: 'office' },
      requestIdAttribute(credentialId),
    ],
  });
}

export async function startInboundFaxWorkflow(
  client: Client,
  config: Config,
  fax: { id: string; providerFaxId: string },
) {
  await client.workflow.start(inboundFaxWorkflow, {
    workflowId: inboundFaxWorkflowId(FAX_PROVIDER, fax.providerFaxId),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    args: [{ faxId: fax.id }],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    typedSearchAttributes: [requestIdAttribute(fax.id)],
  });
}

/**
 * What a crash between a commit and the workflow call can leave behind, put back on its way at start-up: open
 * conversions and unprocessed applications whose workflow never started, documents stored but never announced, and
 * faxes stored but never read. Every step is idempotent, so running it on a healthy system changes nothing.
 */
export async function resumePinDispositivoProcesses(db: Db, client: Client, config: Config) {
  const conversions = await db
    .selectFrom('conversions')
    .select(['id', 'status', 'returned_by'])
    .where('channel', '=', 'online')
    .where('status', 'in', ['awaiting_documents', 'in_review'])
    .execute();
  for (const c of conversions) {
    await startConversionWorkflow(client, config, c.id, 'online');
    if (c.status === 'awaiting_documents' && c.returned_by) await tellDocumentsReturned(client, c.id);
  }
  const applications = await db
    .selectFrom('benefit_applications')
    .select('id')
    .where('status', '!=', 'processed')
    .execute();
  for (const a of applications) await startBenefitApplicationWorkflow(client, config, a.id);
  const faxes = await db
    .selectFrom('inbound_faxes')
    .leftJoin('agent_tasks', 'agent_tasks.inbound_fax_id', 'inbound_faxes.id')
    .select(['inbound_faxes.id', 'inbound_faxes.provider_fax_id'])
    .where('inbound_faxes.conversion_id', 'is', null)
    .where('agent_tasks.id', 'is', null)
    .execute();
  for (const f of faxes) await startInboundFaxWorkflow(client, config, { id: f.id, providerFaxId: f.provider_fax_id });
  const counts = { conversions: conversions.length, applications: applications.length, faxes: faxes.length };
  if (counts.conversions + counts.applications + counts.faxes) logger.info(counts, 'PIN dispositivo processes resumed');
  return counts;
}
