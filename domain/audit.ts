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
  /**
   * A supervisor looked up a person's requests; the subject is what was looked up: the person, a form's code, or a
   * codice fiscale nobody in the registry holds (as its fingerprint).
   */
  'cases.searched',
  'caller.identification_failed',
  'citizen.signed_in',
  'conversion.requested',
  'conversion.documents_uploaded',
  'conversion.approved',
  'conversion.rejected',
  'conversion.approved_at_office',
  /** The signed form was not back by CONVERSION_RETURN_DEADLINE: the request lapsed. */
  'conversion.lapsed',
  'credential.issued_at_office',
  'credential.first_access_completed',
  'credential.renewed',
  'credential.expired',
  'credential.revoked',
  'document.viewed',
  'document_review.escalated',
  'fax.attached_by_code',
  'fax.attached_by_agent',
  'fax.discarded',
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
  /** A codice fiscale nobody in the registry holds, as its keyed fingerprint (infra/vault.ts), never the code. */
  'fiscal_code',
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

/** Each action as a supervisor reads it: Italian first (the staff's language), then English. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, readonly [it: string, en: string]> = {
  'agent_task.claimed': ['Attività presa in carico', 'Task claimed'],
  'agent_task.released': ['Attività rimessa in coda', 'Task put back in the queue'],
  'agent_task.claim_expired': [
    'Presa in carico scaduta: attività tornata in coda',
    'Claim ran out: task back in the queue',
  ],
  'agent_task.viewed': ['Attività aperta', 'Task opened'],
  'audit_trail.viewed': ['Registro delle operazioni consultato', 'Audit trail viewed'],
  'benefit_application.filed': ['Domanda di prestazione presentata', 'Benefit application filed'],
  'benefit_application.handed_to_back_office': [
    'Domanda passata all’ufficio competente',
    'Application handed to the back office',
  ],
  'caller.identified': ['Chiamante identificato con PIN telefonico', 'Caller identified by phone PIN'],
  'caller.identification_failed': ['Identificazione del chiamante non riuscita', 'Caller identification failed'],
  'cases.searched': ['Richieste di una persona cercate', 'A person’s requests looked up'],
  'citizen.signed_in': ['Accesso del cittadino', 'Citizen signed in'],
  'conversion.requested': ['Conversione in PIN dispositivo richiesta', 'Conversion to PIN dispositivo requested'],
  'conversion.documents_uploaded': ['Documenti della conversione caricati', 'Conversion documents uploaded'],
  'conversion.approved': ['Conversione approvata', 'Conversion approved'],
  'conversion.rejected': ['Conversione respinta', 'Conversion rejected'],
  'conversion.approved_at_office': ['Conversione approvata allo sportello', 'Conversion approved at the office'],
  'conversion.lapsed': [
    'Conversione decaduta: modulo non restituito in tempo',
    'Conversion lapsed: form not returned in time',
  ],
  'credential.issued_at_office': ['PIN rilasciato allo sportello', 'PIN issued at the office'],
  'credential.first_access_completed': ['Primo accesso completato', 'First access completed'],
  'credential.renewed': ['PIN rinnovato', 'PIN renewed'],
  'credential.expired': ['PIN scaduto', 'PIN expired'],
  'credential.revoked': ['PIN revocato', 'PIN revoked'],
  'document.viewed': ['Documento visualizzato', 'Document viewed'],
  'document_review.escalated': ['Verifica dei documenti sollecitata', 'Document review escalated'],
  'fax.attached_by_code': ['Fax abbinato dal codice del modulo', 'Fax attached by the form’s code'],
  'fax.attached_by_agent': ['Fax abbinato da un operatore', 'Fax attached by an agent'],
  'fax.discarded': ['Fax scartato da un operatore', 'Fax discarded by an agent'],
  'letter.status_changed': ['Stato della lettera cambiato', 'Letter status changed'],
  'payloads.decoded': ['Dati dei processi decifrati (Temporal Web)', 'Workflow payloads decoded (Temporal Web)'],
  'personal_data.purged': ['Dati personali cancellati per scadenza', 'Personal data purged at the end of its keeping'],
  'payloads.encoded': ['Dati dei processi cifrati (Temporal Web)', 'Workflow payloads encoded (Temporal Web)'],
  'phone_pin.created': ['PIN telefonico creato', 'Phone PIN created'],
  'phone_pin.expired': ['PIN telefonico scaduto', 'Phone PIN expired'],
  'phone_pin.revoked': ['PIN telefonico revocato', 'Phone PIN revoked'],
  'phone_registration.checked': [
    'Dati del chiamante verificati con l’anagrafe',
    'Caller’s data checked with the registry',
  ],
  'phone_registration.refused': ['Registrazione telefonica rifiutata', 'Phone registration refused'],
  'pin.first_half_read_out': ['Prima metà del PIN letta al chiamante', 'First half of the PIN read out to the caller'],
  'pin.reissued_letter_not_received': ['Nuovo PIN: la lettera non è arrivata', 'New PIN: the letter never came'],
  'pin_request.registered_by_phone': ['Richiesta registrata al telefono', 'Request registered on the phone'],
  'registry.corrected': ['Anagrafe corretta', 'Registry corrected'],
  'registry.viewed': ['Anagrafe consultata', 'Registry viewed'],
  'staff.signed_in': ['Accesso dell’operatore', 'Staff member signed in'],
  'staff.sign_in_failed': ['Accesso dell’operatore non riuscito', 'Staff sign-in failed'],
  'staff.signed_out': ['Uscita dell’operatore', 'Staff member signed out'],
  'verification_call.placed': ['Telefonata di verifica avviata', 'Verification call placed'],
  'verification_call.answers_checked': ['Risposte del cittadino verificate', 'Citizen’s answers checked'],
  'verification_call.outcome_recorded': ['Esito della telefonata registrato', 'Call outcome recorded'],
  'verification_call.deadline_passed': [
    'Termine per la verifica telefonica scaduto',
    'Verification call deadline passed',
  ],
};
