// INPS staff: the roles a person may hold, each opening one kind of work.

/**
 * What a staff member may do; one person may hold several. The contact center's work is split by kind
 * (`outbound_verification` calls, `document_review` of uploads and faxes, `inbound_registration` of callers);
 * `supervisor` watches the queues and reads the audit trail; `office_operator` works an INPS branch's desk; `ops`
 * may see decoded workflow payloads in Temporal Web.
 */
export const STAFF_ROLES = [
  'outbound_verification',
  'document_review',
  'inbound_registration',
  'supervisor',
  'office_operator',
  'ops',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
