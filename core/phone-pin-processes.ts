// Starting and telling a temporary phone PIN's process (brief, "PIN telefonico"): its timer ends the PIN on time; a
// revocation, already written in Postgres, ends it early.
import type { Client } from '@temporalio/client';
import type { Config } from '../infra/config';
import { logger } from '../infra/logger';
import { phonePinWorkflowId } from '../workflows/ids';
import { phonePinRevokedSignal, phonePinWorkflow } from '../workflows/phone-pin';
import { startProcess } from './processes';

export async function startPhonePinProcess(client: Client, config: Config, phonePin: { id: string; expiresAt: Date }) {
  await startProcess(client, config, phonePinWorkflow, {
    workflowId: phonePinWorkflowId(phonePin.id),
    args: [{ phonePinId: phonePin.id, expiresAt: phonePin.expiresAt.toISOString() }],
    requestId: phonePin.id,
  });
}

export async function tellPhonePinRevoked(client: Client, phonePinId: string): Promise<void> {
  try {
    await client.workflow.getHandle(phonePinWorkflowId(phonePinId)).signal(phonePinRevokedSignal);
  } catch (err) {
    // Revoked in Postgres, which the contact center checks: the workflow's timer finds it so and changes nothing.
    logger.warn({ err: (err as Error).message, phonePinId }, 'phone PIN workflow not told of the revocation');
  }
}
