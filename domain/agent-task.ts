// Work for people (brief, "Identity proofing", "The contact center"): the agent task's kinds, its life, and the
// decisions staff record on it. repositories/agent-tasks.ts enforces the moves.
import type { ConversionRejectionReason } from './conversion';
import { transitionsOf } from './transitions';

/**
 * `outbound_verification`: call a citizen whose request the registry could not confirm. `document_review`: check
 * the signed conversion form and identity document. `fax_attachment`: a fax whose code could not be read, to be
 * attached to its conversion request by hand.
 */
export const AGENT_TASK_KINDS = ['outbound_verification', 'document_review', 'fax_attachment'] as const;
export type AgentTaskKind = (typeof AGENT_TASK_KINDS)[number];

/** `open` → `claimed` (one agent works it) → `completed`, or back to `open` when released or the claim runs out. */
export const AGENT_TASK_STATUSES = ['open', 'claimed', 'completed', 'cancelled'] as const;
export type AgentTaskStatus = (typeof AGENT_TASK_STATUSES)[number];
export const LIVE_AGENT_TASK_STATUSES = ['open', 'claimed'] as const satisfies readonly AgentTaskStatus[];

export const AGENT_TASK_TRANSITIONS = transitionsOf<AgentTaskStatus>({
  open: ['claimed', 'cancelled'],
  claimed: ['open', 'completed', 'cancelled'],
  completed: [],
  cancelled: [],
});

export const VERIFICATION_OUTCOMES = ['verified', 'not_verified', 'no_answer'] as const;
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];
export const REVIEW_OUTCOMES = ['approved', 'rejected'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];
export type AgentTaskOutcome = VerificationOutcome | ReviewOutcome | 'attached' | 'discarded';

/**
 * Why an agent discarded a fax nobody can attach: unreadable pages, something that is not for this service, or a blank
 * or junk transmission. Its content is destroyed at once (domain/retention.ts keeps nothing that serves no one).
 */
export const FAX_DISCARD_REASONS = ['unreadable', 'not_a_conversion_form', 'blank_or_junk'] as const;
export type FaxDiscardReason = (typeof FAX_DISCARD_REASONS)[number];

export const TASK_PRIORITIES = ['normal', 'high'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/** Verification calls: how the caller's answers compared with the registry, and how often each was asked. */
export type RegistryChecks = Partial<
  Record<'birthPlace' | 'birthDate' | 'residence', { result: 'matches' | 'differs'; tries: number }>
>;

/** What a person decided on a task, as the console recorded it; the workflows act only on this. */
export type StaffDecisionContent =
  | { kind: 'verification_outcome'; outcome: VerificationOutcome }
  | { kind: 'review_decision'; decision: 'approved' }
  | { kind: 'review_decision'; decision: 'rejected'; reason: ConversionRejectionReason }
  | { kind: 'fax_attachment'; conversionId: string }
  | { kind: 'fax_attachment'; discarded: FaxDiscardReason };
export type StaffDecisionKind = StaffDecisionContent['kind'];
