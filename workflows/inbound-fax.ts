// A fax received on 800 803 164 (brief, "Converting ordinario to dispositivo", c): the form's QR code tells which
// conversion request it belongs to; a fax that cannot be read waits for an agent to attach it by hand. Either way,
// the conversion then hears that its documents are back.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  defineQuery,
  defineUpdate,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
} from '@temporalio/workflow';
import type { FaxActivities } from '../activities/faxes';
import { documentsReturnedSignal, tell } from './conversion';
import { conversionWorkflowId } from './ids';
import { SEARCH_ATTRIBUTES } from './search-attributes';

/**
 * The agent console's word that an agent's attachment is recorded in Postgres: its id. Histories from before decisions
 * were read from Postgres carried the conversion and the agent here instead.
 */
export interface FaxAttachment {
  taskId: string;
  decisionId?: string;
  conversionId?: string;
  staffId?: string;
}

/** Versioning marker (patched): from here the attachment is read back from Postgres by its decision id. */
const DECISIONS_FROM_POSTGRES = 'fax-attachments-from-postgres';

/** Where the fax stands: the task open for it, the conversion it went to. */
export const faxProgressQuery = defineQuery<{ openTaskId?: string; conversionId?: string }>('faxProgress');
/** Sent by the agent console once the agent's attachment of the fax to a request is recorded in Postgres. */
export const attachFaxUpdate = defineUpdate<void, [FaxAttachment]>('attachFax');
/** Sent by the agent console once the agent's discarding of the fax, with its reason, is recorded in Postgres. */
export const discardFaxUpdate = defineUpdate<void, [FaxAttachment]>('discardFax');

/** How a received fax ended: on its request (by its code, or by an agent), or discarded by an agent. */
export type FaxOutcome = { attachedBy: 'code' | 'agent' } | { discarded: true };

const database = proxyActivities<FaxActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function inboundFaxWorkflow({ faxId }: { faxId: string }): Promise<FaxOutcome> {
  let openTaskId: string | undefined;
  let attachedTo: string | undefined;
  let discarded = false;
  /** The agent's word is taken only for the task this fax waits on, once, and only as a decision recorded in Postgres. */
  const awaitedDecision = (attachment: FaxAttachment) => {
    if (attachedTo || discarded || attachment.taskId !== openTaskId)
      throw ApplicationFailure.nonRetryable('This fax is not waiting to be attached', 'FaxNotWaiting');
    if (!attachment.decisionId) throw ApplicationFailure.nonRetryable('No recorded decision named', 'NoDecision');
  };
  // Only executions that receive this update take its path: no earlier history holds one.
  setHandler(
    discardFaxUpdate,
    async (decision) => {
      await database.applyFaxDiscard({ faxId, taskId: decision.taskId, decisionId: decision.decisionId! });
      discarded = true;
    },
    { validator: awaitedDecision },
  );
  setHandler(
    attachFaxUpdate,
    async (attachment) => {
      if (patched(DECISIONS_FROM_POSTGRES)) {
        const { conversionId } = await database.applyFaxAttachment({
          faxId,
          taskId: attachment.taskId,
          decisionId: attachment.decisionId ?? '',
        });
        attachedTo = conversionId;
        return;
      }
      await database.attachFaxByAgent({ ...attachment, faxId });
      attachedTo = attachment.conversionId;
    },
    // Only the id of a decision recorded in Postgres is believed, never a conversion carried in the message.
    { validator: awaitedDecision },
  );
  setHandler(faxProgressQuery, () => ({ openTaskId, conversionId: attachedTo }));
  const stage = (value: string) => upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.faxState, value }]);

  stage('reading_code');
  const match = await database.matchFaxByCode({ faxId });
  let attachedBy: 'code' | 'agent' = 'code';
  if (match.outcome === 'attached') attachedTo = match.conversionId;
  else {
    openTaskId = uuid4();
    await database.openFaxAttachmentTask({ faxId, taskId: openTaskId });
    stage('awaiting_agent');
    await condition(() => attachedTo !== undefined || discarded);
    await condition(allHandlersFinished);
    if (discarded) {
      stage('discarded');
      return { discarded: true };
    }
    attachedBy = 'agent';
  }
  stage('attached');
  await tell(conversionWorkflowId(attachedTo!), documentsReturnedSignal);
  return { attachedBy };
}
