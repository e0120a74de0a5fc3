// Storing what a citizen submitted online and starting the workflow that takes it in, after the answer: one insert and
// one workflow start, the same work whoever the submission names (brief, "Identity proofing").
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Config } from '../infra/config';
import type { Db } from '../infra/db';
import { logger } from '../infra/logger';
import { storeSubmissionRow, type Submission } from '../repositories/submissions';
import { startSubmissionWorkflow } from './pin-request-processes';

/** How long an answer waits for Temporal to take a start before the sweep is left to make it. */
const START_DEADLINE_MS = 3_000;

export async function storeSubmission(
  { db, temporal, config }: { db: Db; temporal: Client; config: Config },
  submission: Submission,
): Promise<void> {
  const id = randomUUID();
  await storeSubmissionRow(db, { id, ...submission });
  // Stored is answered: if Temporal does not take the start in time, the pending-process sweep starts it once it does.
  try {
    await temporal.connection.withDeadline(Date.now() + START_DEADLINE_MS, () =>
      startSubmissionWorkflow(temporal, config, id),
    );
  } catch (err) {
    logger.warn({ err: (err as Error).message, submissionId: id }, 'submission stored; its workflow starts later');
  }
}
