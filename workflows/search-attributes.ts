// Custom search attributes, defined once, so ops can find processes in Temporal Web. They never hold personal data.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SEARCH_ATTRIBUTES = {
  /**
   * The id of the request a process serves (a PIN request, conversion, application, fax, phone PIN or desk-issued
   * credential): `RequestId = "…"` finds every process of one case, a PIN request's credential lifecycle included.
   */
  requestId: defineSearchAttributeKey('RequestId', SearchAttributeType.KEYWORD),
  /** Where a PIN request stands, e.g. `PinRequestStage = "awaiting_verification_call"`. */
  pinRequestStage: defineSearchAttributeKey('PinRequestStage', SearchAttributeType.KEYWORD),
  /** How the request came in: online, contact_center, office. */
  requestChannel: defineSearchAttributeKey('RequestChannel', SearchAttributeType.KEYWORD),
  /** A credential's lifecycle: `initial`, `active`, `expired` or `revoked`, e.g. to list PINs expired this week. */
  credentialState: defineSearchAttributeKey('CredentialState', SearchAttributeType.KEYWORD),
  /** `citizen` or `intermediary`: whose PIN, hence its term (6 or 3 months). */
  credentialHolder: defineSearchAttributeKey('CredentialHolder', SearchAttributeType.KEYWORD),
  /** `ordinario` or `dispositivo`: whether the PIN can file benefit applications. */
  credentialKind: defineSearchAttributeKey('CredentialKind', SearchAttributeType.KEYWORD),
  /** Where a conversion to PIN dispositivo stands: `awaiting_documents`, `in_review`, `approved`, ... */
  conversionState: defineSearchAttributeKey('ConversionState', SearchAttributeType.KEYWORD),
  /** Where a benefit application stands: `waiting_for_pin_dispositivo`, `processing`, `processed`. */
  applicationState: defineSearchAttributeKey('ApplicationState', SearchAttributeType.KEYWORD),
  /** A received fax: `reading_code`, `awaiting_agent` (code unreadable), `attached`, or `discarded` by an agent. */
  faxState: defineSearchAttributeKey('FaxState', SearchAttributeType.KEYWORD),
  /** A temporary phone PIN: `active`, `expired` or `revoked`. */
  phonePinState: defineSearchAttributeKey('PhonePinState', SearchAttributeType.KEYWORD),
  /**
   * A PIN letter: `created`, `printed`, `in_transit`, `delivered`, `returned` or `lost` (`LetterState = "returned"`).
   * A list of one, because the dev server holds at most ten Keyword attributes.
   */
  letterState: defineSearchAttributeKey('LetterState', SearchAttributeType.KEYWORD_LIST),
} as const;

export const requestIdAttribute = (id: string) => ({ key: SEARCH_ATTRIBUTES.requestId, value: id });
