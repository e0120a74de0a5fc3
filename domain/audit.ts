// The audit trail's words: every action a person or the system takes on a case, and what it is taken on. One list,
// so the trail can be read and filtered without guessing how each writer spelled things.
export const AUDIT_ACTIONS = [
  'agent_task.claimed',
  'agent_task.released',
  'agent_task.claim_expired',
  'agent_task.viewed',
  'audit_trail.viewed',
  'benefit_application.filed',
  'benefit_application.handed_to_back_office',
  'caller.identified',
  'caller.identification_failed',
  'citizen.signed_in',
  'conversion.requested',
  'conversion.documents_uploaded',
  'conversion.approved',
  'conversion.rejected',
  'conversion.approved_at_office',
  'credential.issued_at_office',
  'credential.first_access_completed',
  'credential.renewed',
  'credential.expired',
  'credential.revoked',
  'document.viewed',
  'document_review.escalated',
  'fax.attached_by_code',
  'fax.attached_by_agent',
  /** The print-and-post provider said where a letter is (delivered, returned), or it was given up as lost. */
  'letter.status_changed',
  'payloads.decoded',
  /** A retention run: what it erased and destroyed, as counts. */
  'personal_data.purged',
  'payloads.encoded',
  'phone_pin.created',
  'phone_pin.expired',
  'phone_pin.revoked',
  'phone_registration.checked',
  'phone_registration.refused',
  'pin.first_half_read_out',
  /** "My letter never came": a new PIN by a new letter, the old one dead; a lost-PIN reissue asked by the citizen. */
  'pin.reissued_letter_not_received',
  'pin_request.registered_by_phone',
  'registry.corrected',
  'registry.viewed',
  'staff.signed_in',
  'staff.sign_in_failed',
  'staff.signed_out',
  'verification_call.placed',
  'verification_call.answers_checked',
  'verification_call.outcome_recorded',
  'verification_call.deadline_passed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * What an action is taken on. `case`: a request of any kind (PIN request, conversion, fax, benefit application) read
 * as a whole, as the supervisor's trail does.
 */
export const AUDIT_SUBJECT_TYPES = [
  'agent_task',
  'benefit_application',
  'caller',
  'case',
  'conversion',
  'credential',
  'document',
  'inbound_fax',
  'letter',
  'person',
  'phone_pin',
  'pin_delivery',
  'pin_request',
  'retention_run',
  'staff',
  'temporal_namespace',
] as const;
export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];

export const AUDIT_ACTOR_TYPES = ['staff', 'system', 'citizen'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];
