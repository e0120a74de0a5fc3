// Postgres side of a received fax: reading the QR code on the faxed conversion form to attach it to its request by
// itself, and, when that fails, a task for an agent who attaches it by hand.
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../infra/db';
import { lockConversionAwaitingCode } from '../repositories/conversions';
import { openDocument } from '../repositories/documents';
import { attachFaxToConversion, conversionOfFax, discardFax } from '../repositories/inbound-faxes';
import { DecisionNotValid } from '../repositories/staff-decisions';
import { readQrCodesFromPdf } from '../infra/qr-code';
import { completeTask } from '../repositories/agent-tasks';
import { openTaskOnce } from './agent-tasks';
import type { Vault } from '../infra/vault';
import { actOnStaffDecision } from './staff-decisions';
import { requestCodeSchema } from '../domain/conversion-code';

export type FaxMatch =
  | { outcome: 'attached'; conversionId: string }
  | { outcome: 'unmatched'; why: 'no_readable_code' | 'no_conversion_awaiting_this_code' };

export function createFaxActivities({ db, vault }: { db: Db; vault: Vault }) {
  return {
    /** Reads the form's QR code and attaches the fax to the conversion awaiting documents with that code. */
    async matchFaxByCode({ faxId }: { faxId: string }): Promise<FaxMatch> {
      const attachedTo = await conversionOfFax(db, faxId);
      if (attachedTo) return { outcome: 'attached', conversionId: attachedTo };
      const document = await openDocument(db, vault, { inboundFaxId: faxId });
      if (!document) throw new Error(`fax ${faxId} has no document`);
      const codes = (await readQrCodesFromPdf(document.content))
        .map((text) => requestCodeSchema.safeParse(text))
        .flatMap((parsed) => (parsed.success ? [parsed.data] : []));
      if (!codes.length) return { outcome: 'unmatched', why: 'no_readable_code' };
      return db.transaction().execute(async (trx) => {
        const conversion = await lockConversionAwaitingCode(trx, codes);
        if (!conversion) return { outcome: 'unmatched', why: 'no_conversion_awaiting_this_code' } as const;
        await attachFaxToConversion(trx, { faxId, conversionId: conversion.id, by: 'code' });
        return { outcome: 'attached', conversionId: conversion.id } as const;
      });
    },

    async openFaxAttachmentTask(input: { faxId: string; taskId: string }): Promise<void> {
      await openTaskOnce(db, { id: input.taskId, kind: 'fax_attachment', subject: { inboundFaxId: input.faxId } });
    },

    /**
     * The agent read the code off the fax: the attachment they recorded (read back from Postgres, never taken from the
     * workflow's message) is made and the task closed, audited as theirs, in one transaction.
     */
    async applyFaxAttachment(input: {
      faxId: string;
      taskId: string;
      decisionId: string;
    }): Promise<{ conversionId: string }> {
      const decision = await actOnStaffDecision(
        db,
        { taskId: input.taskId, decisionId: input.decisionId, kind: 'fax_attachment' },
        async (trx, { content, staffId }) => {
          if (!('conversionId' in content)) throw new DecisionNotValid('this decision discards the fax');
          await completeTask(trx, { ...input, staffId, outcome: 'attached' });
          await attachFaxToConversion(trx, {
            faxId: input.faxId,
            conversionId: content.conversionId,
            by: 'agent',
            staffId,
            taskId: input.taskId,
          });
        },
      );
      if (!('conversionId' in decision))
        throw ApplicationFailure.nonRetryable('this decision discards the fax', 'DecisionNotValid');
      return { conversionId: decision.conversionId };
    },

    /**
     * The agent discarded the fax (unreadable, not a form, junk): the decision read back from Postgres, the task closed
     * with its reason and the fax's content destroyed, audited as theirs, in one transaction.
     */
    async applyFaxDiscard(input: { faxId: string; taskId: string; decisionId: string }): Promise<void> {
      await actOnStaffDecision(
        db,
        { taskId: input.taskId, decisionId: input.decisionId, kind: 'fax_attachment' },
        async (trx, { content, staffId }) => {
          if (!('discarded' in content)) throw new DecisionNotValid('this decision attaches the fax');
          await completeTask(trx, { ...input, staffId, outcome: 'discarded', outcomeReason: content.discarded });
          await discardFax(trx, { faxId: input.faxId, staffId, taskId: input.taskId, reason: content.discarded });
        },
      );
    },

    /**
     * Retired: took the conversion and the agent from the workflow's message. Kept, refusing, only so that histories
     * recorded before decisions were read from Postgres still replay.
     */
    async attachFaxByAgent(_input: { faxId: string; taskId: string; conversionId?: string; staffId?: string }) {
      throw ApplicationFailure.nonRetryable('fax attachments are read from staff_decisions', 'Retired');
    },
  };
}

export type FaxActivities = ReturnType<typeof createFaxActivities>;
