// Storing what a citizen submitted online, the same work whoever the submission names (brief, "Identity proofing"):
// one insert, and the answer. The workflow that takes it in is started behind the answer, at the pipeline's pace
// (core/submission-starter.ts).
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Config } from '../infra/config';
import type { Db } from '../infra/db';
import { storeSubmissionRow, type Submission } from '../repositories/submissions';
import { submissionStarter } from './submission-starter';

export async function storeSubmission(
  deps: { db: Db; temporal: Client; config: Config },
  submission: Submission,
): Promise<void> {
  await storeSubmissionRow(deps.db, { id: randomUUID(), ...submission });
  submissionStarter(deps).wake();
}
