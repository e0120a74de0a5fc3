// The product's own data, as Kysely sees it. Row types follow Kysely's example: Selectable / Insertable / Updateable.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
type Json<T> = ColumnType<T, string, string>;

export type Sex = 'M' | 'F';
/** What a person is to INPS: decides which services they see once they hold a PIN. */
export type RegistryProfile = 'pensioner' | 'private_employee' | 'public_employee' | 'minor' | 'intermediary' | 'other';
export type Fund = 'gestione_privata' | 'gestione_dipendenti_pubblici';
export type DeliveryChannel = 'sms' | 'email';

/** The registry of persons INPS holds (anagrafica): the reference for automatic validation. */
export interface PersonTable {
  id: Generated<string>;
  fiscal_code: string;
  first_name: string;
  last_name: string;
  birth_date: ColumnType<string, string, string>;
  sex: Sex;
  birth_place: string;
  birth_province: string;
  citizenship: string;
  profile: RegistryProfile;
  fund: Fund | null;
  street: string;
  city: string;
  province: string;
  postal_code: string;
  phone: string | null;
  email: string | null;
  created_at: CreatedAt;
}

/**
 * Where a request stands. `received` → `validating` → (`awaiting_verification_call` ↔ `verification_call_scheduled`)
 * → `delivering` → `delivered`, or `rejected`.
 */
export type PinRequestStatus =
  | 'received'
  | 'validating'
  | 'awaiting_verification_call'
  | 'verification_call_scheduled'
  | 'delivering'
  | 'delivered'
  | 'rejected';
export const LIVE_PIN_REQUEST_STATUSES = [
  'received',
  'validating',
  'awaiting_verification_call',
  'verification_call_scheduled',
  'delivering',
] as const satisfies readonly PinRequestStatus[];

/** A first PIN, or a new one for a citizen who lost theirs (brief, "Lost PIN"). */
export type PinRequestPurpose = 'new_pin' | 'lost_pin';
/** Where a request came in: the web form, or a call to 803 164 typed in by an agent (brief, "Three ways", 1 and 2). */
export type PinRequestChannel = 'online' | 'contact_center';
export type RejectionReason =
  | 'identity_not_verified'
  | 'unreachable_by_phone'
  | 'verification_not_completed'
  /** Nobody with this codice fiscale in the registry: only an office, with the identity document, can add them. */
  | 'not_in_registry'
  /** A phone registration whose data no longer matched the registry when it was taken in. */
  | 'registry_mismatch';
export type ValidationFailure =
  'not_in_registry' | 'name_mismatch' | 'birth_data_mismatch' | 'address_mismatch' | 'postal_code_mismatch';

export interface PinRequestTable {
  id: string;
  fiscal_code: string;
  first_name: string;
  last_name: string;
  birth_date: ColumnType<string, string, string>;
  sex: Sex;
  birth_place: string;
  birth_province: string;
  street: string;
  city: string;
  province: string;
  postal_code: string;
  /** Null only on a lost-PIN request, which goes to the one contact on record the citizen named. */
  phone: string | null;
  email: string | null;
  delivery_channel: DeliveryChannel;
  purpose: ColumnType<PinRequestPurpose, PinRequestPurpose | undefined, never>;
  channel: ColumnType<PinRequestChannel, PinRequestChannel | undefined, never>;
  /** The agent who typed in a phone registration; null for the web. */
  registered_by: ColumnType<string | null, string | null | undefined, never>;
  status: PinRequestStatus;
  validation_failures: Json<ValidationFailure[]> | null;
  rejection_reason: RejectionReason | null;
  person_id: string | null;
  credential_id: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** PIN ordinario: consultation services. PIN dispositivo: also applications for benefits. */
export type CredentialKind = 'ordinario' | 'dispositivo';
/** A citizen's PIN lasts 6 months a term, an institutional intermediary's (patronati, labour consultants) 3. */
export type CredentialHolder = 'citizen' | 'intermediary';
/**
 * `initial`: the 16-character PIN as delivered, good for the first access only. `active`: the 8-character PIN.
 * `expired`: its term ended; the right PIN leads to renewal. `revoked`: dead for good.
 */
export type CredentialStatus = 'initial' | 'active' | 'expired' | 'revoked';
export const USABLE_CREDENTIAL_STATUSES = [
  'initial',
  'active',
  'expired',
] as const satisfies readonly CredentialStatus[];
export type RevocationReason = 'replaced_by_new_pin' | 'revoked_by_office' | 'retired_for_spid';
export interface CredentialTable {
  id: string;
  person_id: string;
  kind: CredentialKind;
  holder: ColumnType<CredentialHolder, CredentialHolder | undefined, CredentialHolder>;
  status: CredentialStatus;
  /** argon2id, salted; never the PIN itself. */
  pin_hash: string;
  pin_length: number;
  pin_request_id: string | null;
  /** When the current PIN was issued, first changed or last renewed: its term runs from here. */
  term_started_at: ColumnType<Date, Date | undefined, Date>;
  /** Written by the credential's lifecycle workflow, which owns the term; null until it has started. */
  expires_at: Date | null;
  /** A lost PIN's replacement; the old credential is revoked when this one is first used. */
  replaces_credential_id: string | null;
  revoked_at: Date | null;
  revocation_reason: RevocationReason | null;
  issued_at: CreatedAt;
}

/**
 * The two PIN halves between issue and delivery, encrypted with the vault key. Each half is wiped as soon
 * as its channel has taken it, so a delivered PIN exists nowhere but with the citizen.
 */
export interface PinDeliveryTable {
  id: string;
  credential_id: string;
  first_half_ciphertext: Buffer | null;
  second_half_ciphertext: Buffer | null;
  /** A phone registration's first half for the agent to read out: wiped when shown. */
  read_out_ciphertext: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  created_at: CreatedAt;
}

export type LetterStatus = 'dispatched' | 'posted' | 'delivered' | 'returned_to_sender';
export interface LetterTable {
  id: string;
  pin_delivery_id: string;
  pin_request_id: string;
  provider: string;
  provider_reference: string;
  status: LetterStatus;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type NotificationKind =
  | 'pin_first_half'
  | 'request_rejected'
  | 'expiry_reminder'
  | 'conversion_approved'
  | 'conversion_rejected'
  | 'issued_at_office'
  /** The link to follow a request, to the requester's own contact. */
  | 'status_link'
  /** A request under way asked for again: its link, again, to the contact that request gave. */
  | 'status_link_resent'
  /** Someone asked for a PIN with the data of a person who holds one: told at the contact on record. */
  | 'pin_already_held';
export interface NotificationTable {
  /** The idempotency key made in the workflow: a retried activity never sends twice. */
  id: string;
  /** The request a message is about, or (for a reminder) the credential. */
  pin_request_id: string | null;
  credential_id: string | null;
  kind: NotificationKind;
  channel: DeliveryChannel;
  provider_message_id: string;
  created_at: CreatedAt;
}

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
export interface StaffTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  roles: ColumnType<StaffRole[], StaffRole[] | undefined, StaffRole[]>;
  /** Where click-to-call rings the agent first. */
  phone: ColumnType<string | null, string | null | undefined, string | null>;
  password_hash: string;
  created_at: CreatedAt;
}

export interface StaffSessionTable {
  /** SHA-256 of the session token: a database leak yields no usable session. */
  token_hash: string;
  staff_id: string;
  expires_at: Date;
  created_at: CreatedAt;
}

/**
 * `outbound_verification`: call a citizen whose request the registry could not confirm. `document_review`: check
 * the signed conversion form and identity document. `fax_attachment`: a fax whose code could not be read, to be
 * attached to its conversion request by hand.
 */
export type AgentTaskKind = 'outbound_verification' | 'document_review' | 'fax_attachment';
export type AgentTaskStatus = 'open' | 'claimed' | 'completed' | 'cancelled';
export type VerificationOutcome = 'verified' | 'not_verified' | 'no_answer';
export type ReviewOutcome = 'approved' | 'rejected';
export type TaskPriority = 'normal' | 'high';
export interface AgentTaskTable {
  id: string;
  kind: AgentTaskKind;
  /** The subject: a PIN request (verification), a conversion (review) or an inbound fax (attachment). */
  pin_request_id: string | null;
  conversion_id: ColumnType<string | null, string | null | undefined, string | null>;
  inbound_fax_id: ColumnType<string | null, string | null | undefined, string | null>;
  attempt: number;
  status: AgentTaskStatus;
  /** Raised when a task waits past its escalation time. */
  priority: ColumnType<TaskPriority, TaskPriority | undefined, TaskPriority>;
  escalated_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  validation_failures: ColumnType<ValidationFailure[], string | undefined, string>;
  claimed_by: string | null;
  claimed_at: Date | null;
  outcome: VerificationOutcome | ReviewOutcome | 'attached' | null;
  outcome_reason: ColumnType<string | null, string | null | undefined, string | null>;
  note: string | null;
  completed_at: Date | null;
  /** The staff decision that closed the task (staff_decisions). */
  decision_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Verification calls: how the caller's answers compared with the registry, and how often each was asked. */
  registry_checks: ColumnType<RegistryChecks, string | undefined, string>;
  created_at: CreatedAt;
}

export type RegistryChecks = Partial<
  Record<'birthPlace' | 'birthDate' | 'residence', { result: 'matches' | 'differs'; tries: number }>
>;

/** What a person decided on a task, as the console recorded it; the workflows act only on this. */
export type StaffDecisionContent =
  | { kind: 'verification_outcome'; outcome: VerificationOutcome }
  | { kind: 'review_decision'; decision: 'approved' }
  | { kind: 'review_decision'; decision: 'rejected'; reason: ConversionRejectionReason }
  | { kind: 'fax_attachment'; conversionId: string };
export type StaffDecisionKind = StaffDecisionContent['kind'];

export interface StaffDecisionTable {
  id: string;
  task_id: string;
  kind: StaffDecisionKind;
  staff_id: string;
  decision: Json<StaffDecisionContent>;
  created_at: CreatedAt;
  /** When a process acted on it; a decision is acted on once. */
  applied_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/**
 * A request to turn a PIN ordinario into a PIN dispositivo. `awaiting_documents`: the prefilled form is out, to be
 * signed and returned. `in_review`: an agent checks what came back. `approved` / `rejected`: decided.
 * `expired`: nothing came back in time.
 */
export type ConversionStatus = 'awaiting_documents' | 'in_review' | 'approved' | 'rejected' | 'expired';
/** Why an agent refused the documents; the citizen is told in these words. */
export type ConversionRejectionReason = 'incomplete' | 'illegible' | 'registry_mismatch';
export interface ConversionTable {
  id: string;
  /** Printed on the form and carried by its QR code; what a fax is matched on. */
  request_code: string;
  credential_id: string;
  person_id: string;
  channel: 'online' | 'office';
  status: ConversionStatus;
  returned_by: 'upload' | 'fax' | 'office' | null;
  rejection_reason: ConversionRejectionReason | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type DocumentRole = 'signed_form' | 'identity_document' | 'fax';
export type DocumentContentType = 'application/pdf' | 'image/jpeg' | 'image/png';
export interface DocumentTable {
  id: string;
  conversion_id: string | null;
  inbound_fax_id: string | null;
  role: DocumentRole;
  /** Found from the content itself, never from the name or the header the sender gave. */
  content_type: DocumentContentType;
  byte_size: number;
  /** Of the content in clear: tells two identical files apart from two different ones. */
  sha256: string;
  /** The content, sealed with the vault key; read through infra/db/documents.ts. */
  sealed_content: Buffer;
  created_at: CreatedAt;
}

export interface InboundFaxTable {
  id: string;
  provider: string;
  provider_fax_id: string;
  from_number: string | null;
  page_count: number;
  conversion_id: string | null;
  /** `code`: matched by the QR code on the form; `agent`: attached by hand. */
  attached_by: 'code' | 'agent' | null;
  received_at: CreatedAt;
}

/**
 * A benefit application. Filed with a PIN ordinario it waits (`waiting_for_pin_dispositivo`), its filing date
 * already fixed so deadlines stop running; it is handed to the back office once the PIN is dispositivo.
 */
export type BenefitApplicationStatus = 'waiting_for_pin_dispositivo' | 'processing' | 'processed';
export interface BenefitApplicationTable {
  id: string;
  protocol_number: string;
  person_id: string;
  credential_id: string | null;
  service_id: string;
  status: BenefitApplicationStatus;
  filed_at: Date;
  /** Filed in a SPID level 2 or 3 or CIE session: the rights of a PIN dispositivo, whatever PIN the person holds. */
  filed_with_dispositivo_rights: ColumnType<boolean, boolean | undefined, never>;
  processed_at: Date | null;
  back_office_reference: string | null;
}

/**
 * A citizen's session. `first_access` and `renewal` sessions open one guided step only (assigning the new PIN);
 * only `signed_in` opens the services.
 */
export type CitizenSessionStage = 'first_access' | 'renewal' | 'signed_in';
/** How the citizen proved who they are: a PIN, or SPID / CIE through OpenID Connect. */
export type CitizenAuthMethod = 'pin' | 'spid' | 'cie';
export interface CitizenSessionTable {
  /** SHA-256 of the session token. */
  token_hash: string;
  /** The PIN signed in with; null for SPID and CIE. */
  credential_id: string | null;
  person_id: string;
  auth_method: ColumnType<CitizenAuthMethod, CitizenAuthMethod | undefined, never>;
  /** SPID's level of assurance (1, 2 or 3); CIE counts as 3. */
  spid_level: ColumnType<number | null, number | null | undefined, never>;
  stage: CitizenSessionStage;
  expires_at: Date;
  created_at: CreatedAt;
}

/** Wrong PINs in a row per codice fiscale (hashed, so unknown ones can be counted the same way). */
export interface SignInGuardTable {
  subject_key: string;
  consecutive_failures: ColumnType<number, number | undefined, number>;
  lockouts: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  updated_at: UpdatedAt;
}

/**
 * One click-to-call: the agent's phone is rung first (`agent_ringing`), then bridged to the citizen
 * (`citizen_ringing`); the citizen's leg ends `answered` then `completed`, or `busy`, `no_answer`, `failed`.
 */
export type CallStatus =
  | 'agent_ringing'
  | 'citizen_ringing'
  | 'answered'
  | 'completed'
  | 'busy'
  | 'no_answer'
  | 'failed'
  | 'agent_unreachable';
export interface TaskCallTable {
  id: string;
  task_id: string;
  staff_id: string;
  agent_call_sid: string | null;
  citizen_call_sid: string | null;
  status: CallStatus;
  answered_at: Date | null;
  ended_at: Date | null;
  duration_seconds: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AuditLogTable {
  id: Generated<string>;
  actor_type: 'staff' | 'system' | 'citizen';
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  /** The request (PIN request, conversion, fax, application) the action concerns, so it can be read per request. */
  request_id: ColumnType<string | null, string | null | undefined, never>;
  details: Json<Record<string, unknown>>;
  at: CreatedAt;
}

/** One OpenID Connect sign-in in flight: its state (hashed), nonce and PKCE verifier; usable once. */
export interface OidcSignInTable {
  state_hash: string;
  nonce: string;
  code_verifier: string;
  method: 'spid' | 'cie';
  /** Hash of the secret in the cookie of the browser that started the sign-in; null only in rows from before. */
  browser_binding_hash: string | null;
  expires_at: Date;
  used_at: Date | null;
  created_at: CreatedAt;
}

/** The temporary phone PIN (brief, "PIN telefonico"): identifies a SPID user to the contact center for a while. */
export type PhonePinValidity = '1_day' | '1_week' | '1_month' | '3_months';
export type PhonePinStatus = 'active' | 'expired' | 'revoked';
export interface PhonePinTable {
  id: string;
  person_id: string;
  /** argon2id, salted; never the PIN itself. */
  pin_hash: string;
  validity: PhonePinValidity;
  status: PhonePinStatus;
  expires_at: Date;
  created_at: CreatedAt;
  ended_at: Date | null;
}

export interface Database {
  persons: PersonTable;
  pin_requests: PinRequestTable;
  credentials: CredentialTable;
  pin_deliveries: PinDeliveryTable;
  letters: LetterTable;
  notifications: NotificationTable;
  staff: StaffTable;
  staff_sessions: StaffSessionTable;
  agent_tasks: AgentTaskTable;
  audit_log: AuditLogTable;
  task_calls: TaskCallTable;
  citizen_sessions: CitizenSessionTable;
  sign_in_guards: SignInGuardTable;
  conversions: ConversionTable;
  documents: DocumentTable;
  inbound_faxes: InboundFaxTable;
  benefit_applications: BenefitApplicationTable;
  oidc_sign_ins: OidcSignInTable;
  phone_pins: PhonePinTable;
  staff_decisions: StaffDecisionTable;
  submissions: SubmissionTable;
  status_links: StatusLinkTable;
}

/** What became of a submission once taken in; the submitter is told the same thing whatever it is. */
export type SubmissionOutcome =
  | 'new_request'
  | 'request_in_progress'
  | 'pin_already_held'
  | 'lost_pin_issued'
  /** A lost PIN for someone who holds none, or whose contact is not on record, or asked again too soon. */
  | 'nothing_to_do';

export interface SubmissionTable {
  id: string;
  kind: 'pin_request' | 'lost_pin';
  input: ColumnType<unknown, string | null | undefined, string | null>;
  outcome: SubmissionOutcome | null;
  pin_request_id: string | null;
  person_id: string | null;
  status_link_id: string | null;
  created_at: CreatedAt;
  taken_in_at: Date | null;
}

export interface StatusLinkTable {
  id: string;
  pin_request_id: string;
  token_hash: string;
  sealed_token: Buffer | null;
  created_at: CreatedAt;
  sent_at: Date | null;
}

export type PersonRow = Selectable<PersonTable>;
export type NewPerson = Insertable<PersonTable>;
export type PinRequestRow = Selectable<PinRequestTable>;
export type CredentialRow = Selectable<CredentialTable>;
export type StaffRow = Selectable<StaffTable>;
