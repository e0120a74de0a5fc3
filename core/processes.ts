// How the product starts a process in Temporal, in one place: the workflow id is the business key; a second start
// attaches to the running process, and a start that comes after the process ran to its end (a sweep that read the
// case while it still waited, a local activity run again) starts nothing: one business key, one run. On the product's
// task queue, findable in Temporal Web by the request it serves and, where it has one, its channel and stage.
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  type Client,
  type WorkflowStartOptions,
} from '@temporalio/client';
import type { SearchAttributePair, Workflow } from '@temporalio/common';
import type { PinRequestStatus } from '../domain/pin-request';
import type { LetterStatus } from '../domain/delivery';
import type { CredentialHolder, CredentialKind, CredentialStatus } from '../domain/credential';
import type { Config } from '../infra/config';
import { logger } from '../infra/logger';
import { requestIdAttribute, SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

export interface ProcessStart<W extends Workflow> {
  workflowId: string;
  args: Parameters<W>;
  /** The request (PIN request, conversion, application, fax, phone PIN, credential) the process serves. */
  requestId?: string;
  channel?: 'online' | 'contact_center' | 'office';
  stage?: PinRequestStatus;
  /** A credential's lifecycle whose term is already known at its start. */
  credential?: { status: CredentialStatus; holder: CredentialHolder; kind?: CredentialKind };
  /** A letter's journey whose state is already known at its start. */
  letterState?: LetterStatus;
}

export function processStartOptions<W extends Workflow>(
  config: Config,
  start: ProcessStart<W>,
): WorkflowStartOptions<W> & { workflowIdConflictPolicy: WorkflowIdConflictPolicy } {
  const attributes: SearchAttributePair[] = [];
  if (start.channel) attributes.push({ key: SEARCH_ATTRIBUTES.requestChannel, value: start.channel });
  if (start.stage) attributes.push({ key: SEARCH_ATTRIBUTES.pinRequestStage, value: start.stage });
  if (start.requestId) attributes.push(requestIdAttribute(start.requestId));
  if (start.credential) {
    attributes.push({ key: SEARCH_ATTRIBUTES.credentialState, value: start.credential.status });
    attributes.push({ key: SEARCH_ATTRIBUTES.credentialHolder, value: start.credential.holder });
    if (start.credential.kind) attributes.push({ key: SEARCH_ATTRIBUTES.credentialKind, value: start.credential.kind });
  }
  if (start.letterState) attributes.push({ key: SEARCH_ATTRIBUTES.letterState, value: [start.letterState] });
  // The SDK types `args` by a conditional on the workflow's parameters, which stays unresolved for a generic W; it is
  // Parameters<W> by construction.
  return {
    workflowId: start.workflowId,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    args: start.args,
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    // Only a run that failed (a bug, an operator's termination) may be followed by a new one.
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
    typedSearchAttributes: attributes,
  } as unknown as WorkflowStartOptions<W> & { workflowIdConflictPolicy: WorkflowIdConflictPolicy };
}

/** Starts the process, or finds it running, or finds it ran to its end already (and starts nothing). */
export async function startProcess<W extends Workflow>(
  client: Client,
  config: Config,
  workflow: W,
  start: ProcessStart<W>,
): Promise<void> {
  await unlessFinished(() => client.workflow.start(workflow, processStartOptions(config, start)));
}

/**
 * A start with processStartOptions is refused as "already started" only when its process ran to its end: for the
 * caller that is done, not a failure (a local activity that threw here would be retried for ever).
 */
export async function unlessFinished(start: () => Promise<unknown>): Promise<'started' | 'finished already'> {
  try {
    await start();
    return 'started';
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'finished already';
    throw err;
  }
}

/** Ids per visibility query: a filter of this many stays short for the server to parse. */
const IDS_PER_QUERY = 100;
/** A run that ended by failure (a bug, an operator's termination) may be followed by a new one; these may not. */
const UNDER_WAY_OR_DONE = new Set(['RUNNING', 'COMPLETED', 'CONTINUED_AS_NEW']);

/**
 * Of these workflow ids, the ones Temporal already holds a live or completed run of, read from its visibility store
 * a hundred at a time. Under a backlog most stored cases are started and merely waiting for the worker: a sweep that
 * asks here makes one call per hundred cases instead of one start per case. Visibility may lag a start by moments;
 * an id not seen yet is started again, which attaches to its run.
 */
async function workflowsUnderWay(client: Client, workflowIds: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < workflowIds.length; i += IDS_PER_QUERY) {
    const ids = workflowIds.slice(i, i + IDS_PER_QUERY);
    // Ids are built by workflows/ids.ts from uuids; one with a quote would end the literal, so it is never asked.
    const quoted = ids.filter((id) => !id.includes("'")).map((id) => `'${id}'`);
    if (!quoted.length) continue;
    for await (const run of client.workflow.list({ query: `WorkflowId IN (${quoted.join(', ')})` }))
      if (run.status.name && UNDER_WAY_OR_DONE.has(run.status.name)) found.add(run.workflowId);
  }
  return found;
}

/** The cases whose workflow (`workflowIdOf`) Temporal does not hold a live or completed run of: the ones to start. */
export async function notUnderWay<T>(client: Client, cases: T[], workflowIdOf: (c: T) => string): Promise<T[]> {
  const underWay = await workflowsUnderWay(client, cases.map(workflowIdOf));
  return cases.filter((c) => !underWay.has(workflowIdOf(c)));
}

/** How long an answer waits for Temporal to take a start before the pending-process sweep is left to make it. */
const START_DEADLINE_MS = 3_000;

/**
 * Starts the workflow of something already stored, without letting a Temporal outage turn the answer into an error:
 * what is stored is answered as accepted, and if Temporal does not take the start in time, `deferred` notes it for
 * the pending-process sweep (core/schedules.ts), which starts it once Temporal answers. A citizen who retried after
 * an error would file twice.
 */
export async function startAfterStoring(
  client: Client,
  stored: { kind: string; id: string },
  start: () => Promise<unknown>,
  deferred?: () => Promise<void>,
): Promise<void> {
  try {
    await client.connection.withDeadline(Date.now() + START_DEADLINE_MS, start);
  } catch (err) {
    logger.warn(
      { err: (err as Error).message, [`${stored.kind}Id`]: stored.id },
      `${stored.kind} stored; its workflow starts later`,
    );
    await deferred?.();
  }
}
