// Custom search attributes, defined once, so ops can find processes in Temporal Web. They never hold personal data.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SEARCH_ATTRIBUTES = {
  /** Where a PIN request stands, e.g. `PinRequestStage = "awaiting_verification_call"`. */
  pinRequestStage: defineSearchAttributeKey('PinRequestStage', SearchAttributeType.KEYWORD),
  /** How the request came in: online, contact_center, office. */
  requestChannel: defineSearchAttributeKey('RequestChannel', SearchAttributeType.KEYWORD),
} as const;
