// Starting and telling the processes around the PIN dispositivo, from the services where they begin: a conversion
// (citizen service, office desk), a benefit application, a received fax. Every start is idempotent: the workflow id
// comes from the business key, and a second start attaches to the running process.
import { createHash } from 'node:crypto';
import { WorkflowIdConflictPolicy, type Client } from '@temporalio/client';
import type { Transaction } from 'kysely';
import { durationMs, type Config } from '../../infra/config';
import type { Database, DocumentContentType, DocumentRole } from '../../infra/db/schema';
import { benefitApplicationWorkflow } from '../../workflows/benefit-application';
import { conversionWorkflow, documentsReturnedSignal, type ConversionPolicy } from '../../workflows/conversion';
import { benefitApplicationWorkflowId, conversionWorkflowId, officeIssuanceWorkflowId } from '../../workflows/ids';
import { officeIssuanceWorkflow } from '../../workflows/office-issuance';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';

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
    typedSearchAttributes: [{ key: SEARCH_ATTRIBUTES.requestChannel, value: channel }],
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
  });
}

export async function startOfficeIssuanceWorkflow(client: Client, config: Config, credentialId: string) {
  await client.workflow.start(officeIssuanceWorkflow, {
    workflowId: officeIssuanceWorkflowId(credentialId),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    args: [{ credentialId }],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    typedSearchAttributes: [{ key: SEARCH_ATTRIBUTES.requestChannel, value: 'office' }],
  });
}

/** Stores a checked document; its hash lets a reviewer tell two identical files apart from two different ones. */
export async function storeDocument(
  trx: Transaction<Database>,
  doc: {
    id: string;
    role: DocumentRole;
    contentType: DocumentContentType;
    content: Buffer;
    conversionId?: string;
    inboundFaxId?: string;
  },
) {
  await trx
    .insertInto('documents')
    .values({
      id: doc.id,
      role: doc.role,
      content_type: doc.contentType,
      byte_size: doc.content.length,
      sha256: createHash('sha256').update(doc.content).digest('hex'),
      content: doc.content,
      conversion_id: doc.conversionId ?? null,
      inbound_fax_id: doc.inboundFaxId ?? null,
    })
    .execute();
}
