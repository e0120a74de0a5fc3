// The product's own data, as Kysely sees it. Row types follow Kysely's example: Selectable / Insertable / Updateable.
import type { IssuedUnder } from '../../domain/issuance-policy';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type {
  AgentTaskOutcome,
  AgentTaskKind,
  AgentTaskStatus,
  RegistryChecks,
  StaffDecisionContent,
  StaffDecisionKind,
  TaskPriority,
} from '../../domain/agent-task';
import type { AuditAction, AuditActorType, AuditSubjectType } from '../../domain/audit';
import type { BenefitApplicationStatus } from '../../domain/benefit-application';
import type { CallStatus } from '../../domain/calls';
import type { CitizenAuthMethod, CitizenSessionStage } from '../../domain/citizen-session';
import type {
  ConversionChannel,
  ConversionRejectionReason,
  ConversionStatus,
  ReturnRoute,
} from '../../domain/conversion';
import type { CredentialHolder, CredentialKind, CredentialStatus, RevocationReason } from '../../domain/credential';
import type { LetterStatus, NotificationKind, SecondHalfChannel } from '../../domain/delivery';
import type { HolderNotice } from '../../domain/notices';
import type { DocumentContentType, DocumentRole } from '../../domain/documents';
import type { DeliveryChannel, Fund, RegistryProfile, Sex } from '../../domain/person';
import type { PhonePinStatus, PhonePinValidity } from '../../domain/phone-pin';
import type {
  PinRequestChannel,
  PinRequestPurpose,
  PinRequestStatus,
  RejectionReason,
  SubmissionKind,
  SubmissionOutcome,
  ValidationFailure,
} from '../../domain/pin-request';
import type { StaffRole } from '../../domain/staff';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
type Json<T> = ColumnType<T, string, string>;

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
  /** The last sign-in as strong as a PIN dispositivo (SPID level 2 or 3, CIE, CNS); null if none yet. */
  strong_sign_in_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: CreatedAt;
}

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
  /** When its name, address, phone and email were erased (domain/retention.ts); null while they are kept. */
  personal_data_erased_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** "My letter never came": the request whose letter this one sends again (the first of them). */
  reissue_of: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

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
  /** Issued after the switch-off under one of its exceptions: it opens only the services dedicated to them. */
  issued_under: ColumnType<IssuedUnder | null, IssuedUnder | null | undefined, never>;
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
  /** Since when the print house has been refusing this delivery's letter (retried until it takes it). */
  letter_held_up_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The first half, sealed, for one resend to the same contact ("the SMS never came"); wiped when used or stale. */
  resend_ciphertext: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  first_half_resent_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Which way the second half goes: decided at issue, never changed. */
  second_half_channel: ColumnType<SecondHalfChannel, SecondHalfChannel | undefined, never>;
  created_at: CreatedAt;
}

export interface LetterTable {
  id: string;
  pin_delivery_id: string;
  pin_request_id: string;
  provider: string;
  provider_reference: string;
  status: LetterStatus;
  /** The provider's estimate, when it gives one: what the citizen is told to wait for. */
  expected_delivery_date: ColumnType<string | null, string | null | undefined, string | null>;
  status_changed_at: Generated<Date>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** A tracking event from the print-and-post provider, kept once under the provider's id. */
export interface LetterEventTable {
  id: string;
  letter_id: string;
  event_type: string;
  status: LetterStatus;
  occurred_at: Date;
  received_at: Generated<Date>;
}

/** A notice for someone INPS can reach neither by email nor by SMS: it waits on their home page. */
export interface HomePageNoticeTable {
  id: string;
  person_id: string;
  credential_id: string | null;
  kind: HolderNotice['kind'];
  facts: ColumnType<HolderNotice, HolderNotice, never>;
  created_at: CreatedAt;
}

export interface NotificationTable {
  /** The idempotency key made in the workflow: a retried activity never sends twice. */
  id: string;
  /** The request a message is about, or (for a reminder) the credential. */
  pin_request_id: string | null;
  credential_id: string | null;
  kind: NotificationKind;
  channel: DeliveryChannel;
  /** The provider's id for the message; empty while only the intent to send it is recorded. */
  provider_message_id: string | null;
  /** When the first attempt to send began: a retry looks for what the provider sent from then on. */
  attempted_at: Generated<Date>;
  /** How many copies the provider holds; more than one is a duplicate (logged, and counted on the worker's metrics). */
  provider_copies: Generated<number>;
  created_at: CreatedAt;
}

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
  /** When the claim runs out: past it, the task is open again whatever `status` says until the sweep writes it. */
  claim_expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  outcome: AgentTaskOutcome | null;
  outcome_reason: ColumnType<string | null, string | null | undefined, string | null>;
  note: string | null;
  completed_at: Date | null;
  /** The staff decision that closed the task (staff_decisions). */
  decision_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Verification calls: how the caller's answers compared with the registry, and how often each was asked. */
  registry_checks: ColumnType<RegistryChecks, string | undefined, string>;
  created_at: CreatedAt;
}

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

export interface ConversionTable {
  id: string;
  /** Printed on the form and carried by its QR code; what a fax is matched on. */
  request_code: string;
  credential_id: string;
  person_id: string;
  channel: ConversionChannel;
  status: ConversionStatus;
  returned_by: ReturnRoute | null;
  rejection_reason: ConversionRejectionReason | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

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
  /** The content, sealed with the vault key; read through repositories/documents.ts. Empty once destroyed. */
  sealed_content: Buffer;
  /** When the content was destroyed (domain/retention.ts); null while it is kept. */
  destroyed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
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

/** The processes whose start Temporal did not take when their case was stored. */
export type DeferredStartKind = 'conversion' | 'benefit_application';
export interface DeferredStartTable {
  kind: DeferredStartKind;
  id: string;
  deferred_at: Generated<Date>;
}

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
  actor_type: AuditActorType;
  actor_id: string | null;
  action: AuditAction;
  subject_type: AuditSubjectType;
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
  letter_events: LetterEventTable;
  notifications: NotificationTable;
  home_page_notices: HomePageNoticeTable;
  staff: StaffTable;
  staff_sessions: StaffSessionTable;
  agent_tasks: AgentTaskTable;
  audit_log: AuditLogTable;
  task_calls: TaskCallTable;
  deferred_starts: DeferredStartTable;
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

export interface SubmissionTable {
  id: string;
  kind: SubmissionKind;
  input: ColumnType<unknown, string | null | undefined, string | null>;
  outcome: SubmissionOutcome | null;
  pin_request_id: string | null;
  person_id: string | null;
  status_link_id: string | null;
  created_at: CreatedAt;
  /** Claimed by a starter to be handed to Temporal (core/submission-starter.ts); in Temporal until taken in. */
  start_claimed_at: Date | null;
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
