// Telling a credential's lifecycle workflow what happened to the PIN, from the services that change it. Postgres
// is changed first and is the truth: a message lost here is caught up by the workflow when its timer fires.
import { type Client } from '@temporalio/client';
import type { Config } from '../infra/config';
import type { Db } from '../infra/db';
import { logger } from '../infra/logger';
import {
  credentialLifecycleWorkflow,
  credentialRevokedSignal,
  newPinAssignedSignal,
  type CredentialLifecycleInput,
} from '../workflows/credential-lifecycle';
import { credentialLifecycleWorkflowId } from '../workflows/ids';
import { processStartOptions, startProcess, unlessFinished, type ProcessStart } from './processes';
import { credentialsWithoutTerm } from '../repositories/credentials';

/**
 * Found in Temporal Web under the request the PIN was issued for, when there is one, else under the credential; a
 * term begun before the start is published with it.
 */
const lifecycleProcess = (
  input: CredentialLifecycleInput,
  requestId = input.credentialId,
): ProcessStart<typeof credentialLifecycleWorkflow> => ({
  workflowId: credentialLifecycleWorkflowId(input.credentialId),
  args: [input],
  requestId,
  ...(input.begunTerm ? { credential: input.begunTerm } : {}),
});
const startOptions = (config: Config, input: CredentialLifecycleInput) =>
  processStartOptions(config, lifecycleProcess(input));

/** Starting twice is harmless: the second start attaches to the running lifecycle. */
export async function startCredentialLifecycle(
  client: Client,
  config: Config,
  credentialId: string,
  opts: { termStart?: Date; requestId?: string; begunTerm?: CredentialLifecycleInput['begunTerm'] } = {},
) {
  const input = {
    credentialId,
    termStart: opts.termStart?.toISOString(),
    ...(opts.begunTerm ? { begunTerm: opts.begunTerm } : {}),
  };
  await startProcess(client, config, credentialLifecycleWorkflow, lifecycleProcess(input, opts.requestId));
}

/** A new PIN is in place since `termStart`: a new term begins (the workflow is started if it was missing). */
export async function tellNewPinAssigned(client: Client, config: Config, credentialId: string, termStart: Date) {
  await deliver('newPinAssigned', credentialId, () =>
    client.workflow.signalWithStart(credentialLifecycleWorkflow, {
      ...startOptions(config, { credentialId, termStart: termStart.toISOString() }),
      signal: newPinAssignedSignal,
      signalArgs: [],
    }),
  );
}

export async function tellRevoked(client: Client, config: Config, credentialId: string) {
  await deliver('credentialRevoked', credentialId, () =>
    client.workflow.signalWithStart(credentialLifecycleWorkflow, {
      ...startOptions(config, { credentialId }),
      signal: credentialRevokedSignal,
      signalArgs: [],
    }),
  );
}

/** The citizen's step is done and stored; a Temporal outage must not undo it in their eyes. */
async function deliver(signal: string, credentialId: string, send: () => Promise<unknown>) {
  try {
    // A lifecycle that ended (its PIN revoked) has nothing more to hear, and is not started again to hear it.
    if ((await unlessFinished(send)) === 'finished already')
      logger.info({ signal, credentialId }, 'lifecycle ended already; signal not needed');
  } catch (err) {
    logger.error(
      { err: (err as Error).message, signal, credentialId },
      'lifecycle signal not delivered; the workflow catches up at its next timer',
    );
  }
}

/**
 * Credentials whose lifecycle never wrote a term: issued at an office by a process that died before starting it, or
 * issued before lifecycles existed. Started now, with the term they already run; a lifecycle already running (a
 * renewal it is taking in) is left as it is. Run at start-up.
 */
export async function startPendingCredentialLifecycles(db: Db, client: Client, config: Config): Promise<number> {
  const pending = await credentialsWithoutTerm(db);
  for (const { id, term_started_at } of pending)
    await startCredentialLifecycle(client, config, id, { termStart: term_started_at ?? undefined });
  if (pending.length) logger.info({ count: pending.length }, 'started pending credential lifecycles');
  return pending.length;
}
