// The conversion of a PIN ordinario into a PIN dispositivo (brief, "PIN dispositivo"), in the domain's words: where
// a conversion stands, how the signed form came back, and why an agent may refuse it (the citizen is told in these
// words).
import { transitionsOf } from './transitions';

/**
 * `awaiting_documents`: the prefilled form is out, to be signed and returned. `in_review`: an agent checks what came
 * back. `approved` / `rejected`: decided. `expired`: nothing came back in time.
 */
export const CONVERSION_STATUSES = ['awaiting_documents', 'in_review', 'approved', 'rejected', 'expired'] as const;
export type ConversionStatus = (typeof CONVERSION_STATUSES)[number];
export const LIVE_CONVERSION_STATUSES = [
  'awaiting_documents',
  'in_review',
] as const satisfies readonly ConversionStatus[];

export const CONVERSION_TRANSITIONS = transitionsOf<ConversionStatus>({
  awaiting_documents: ['in_review', 'approved', 'expired'],
  in_review: ['approved', 'rejected'],
  approved: [],
  rejected: [],
  expired: [],
});

/** Online, the form is downloaded and returned by upload or fax; at an office, signed at the desk. */
export const CONVERSION_CHANNELS = ['online', 'office'] as const;
export type ConversionChannel = (typeof CONVERSION_CHANNELS)[number];
export const RETURN_ROUTES = ['upload', 'fax', 'office'] as const;
export type ReturnRoute = (typeof RETURN_ROUTES)[number];

/** Why an agent refused the documents, with the words the citizen and the agent read. */
export const CONVERSION_REJECTION_REASONS = ['incomplete', 'illegible', 'registry_mismatch'] as const;
export type ConversionRejectionReason = (typeof CONVERSION_REJECTION_REASONS)[number];
