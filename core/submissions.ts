// Storing what a citizen submitted online and starting the workflow that takes it in, after the answer: one insert and
// one workflow start, the same work whoever the submission names (brief, "Identity proofing").
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Config } from '../infra/config';
import type { Db } from '../infra/db';
import { storeSubmissionRow, type Submission } from '../repositories/submissions';
import { startSubmissionWorkflow } from './pin-request-processes';
import { startAfterStoring } from './processes';

export async function storeSubmission(
  { db, temporal, config }: { db: Db; temporal: Client; config: Config },
  submission: Submission,
): Promise<void> {
  const id = randomUUID();
  await storeSubmissionRow(db, { id, ...submission });
  await startAfterStoring(temporal, { kind: 'submission', id }, () => startSubmissionWorkflow(temporal, config, id));
}
