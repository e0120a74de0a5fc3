// The console's words for the domain's, in Italian and English: one table each, shared by the page the server renders
// and the script that runs in the agent's browser (browser/console.ts). Every kind, reason and status has its words,
// or this does not compile.
import type { AgentTaskKind, AgentTaskOutcome, AgentTaskStatus, FaxDiscardReason } from '../../domain/agent-task';
import type { CallStatus } from '../../domain/calls';
import type { ConversionChannel, ConversionRejectionReason, ConversionStatus } from '../../domain/conversion';
import type { PinRequestChannel, PinRequestStatus, ValidationFailure } from '../../domain/pin-request';
import type { StaffRole } from '../../domain/staff';

/** A phrase in both languages, Italian first: the page's language picks one. */
export type Words = readonly [it: string, en: string];

export const VALIDATION_FAILURE_WORDS: Record<ValidationFailure, Words> = {
  not_in_registry: ['Non presente in anagrafe', 'Not in the registry'],
  name_mismatch: ['Nome diverso', 'Name differs'],
  birth_data_mismatch: ['Dati di nascita diversi', 'Birth data differ'],
  address_mismatch: ['Indirizzo diverso da quello in anagrafe', 'Address differs from the registry'],
  postal_code_mismatch: ['CAP diverso', 'Postal code differs'],
};

export const STAFF_ROLE_WORDS: Record<StaffRole, Words> = {
  outbound_verification: ['chiamate di verifica', 'verification calls'],
  document_review: ['esame dei documenti', 'document review'],
  inbound_registration: ['chiamanti del Contact Center', 'contact-center callers'],
  supervisor: ['supervisione', 'supervisor'],
  office_operator: ['sportello', 'office desk'],
  ops: ['operazioni', 'operations'],
};

export const TASK_KIND_WORDS: Record<AgentTaskKind, Words> = {
  outbound_verification: ['Chiamata di verifica', 'Verification call'],
  document_review: ['Esame dei documenti', 'Document review'],
  fax_attachment: ['Fax illeggibile', 'Unreadable fax'],
};

export const TASK_OUTCOME_WORDS: Record<AgentTaskOutcome | AgentTaskStatus, Words> = {
  verified: ['identità verificata', 'verified'],
  not_verified: ['identità non verificata', 'not verified'],
  no_answer: ['nessuna risposta', 'no answer'],
  approved: ['approvati', 'approved'],
  rejected: ['rifiutati', 'rejected'],
  attached: ['allegato', 'attached'],
  discarded: ['scartato', 'discarded'],
  open: ['in attesa', 'open'],
  claimed: ['in lavorazione', 'being worked'],
  completed: ['completata', 'completed'],
  cancelled: ['annullata', 'cancelled'],
};

/** A case as the supervisor's search lists it: what kind of request, where it stands, how it came in. */
export const CASE_KIND_WORDS: Record<'pin_request' | 'conversion', Words> = {
  pin_request: ['Richiesta di PIN', 'PIN request'],
  conversion: ['Conversione in PIN dispositivo', 'Conversion to PIN dispositivo'],
};

export const CASE_STATUS_WORDS: Record<PinRequestStatus | ConversionStatus, Words> = {
  received: ['ricevuta', 'received'],
  validating: ['in verifica con l’anagrafe', 'being checked with the registry'],
  awaiting_verification_call: ['in attesa della chiamata di verifica', 'waiting for the verification call'],
  verification_call_scheduled: ['chiamata da ripetere', 'call to be tried again'],
  delivering: ['PIN in consegna', 'PIN being delivered'],
  delivered: ['PIN consegnato', 'PIN delivered'],
  rejected: ['respinta', 'rejected'],
  awaiting_documents: ['in attesa dei documenti', 'waiting for the documents'],
  in_review: ['documenti in esame', 'documents in review'],
  approved: ['approvata', 'approved'],
  expired: ['scaduta', 'expired'],
};

export const CASE_CHANNEL_WORDS: Record<PinRequestChannel | ConversionChannel, Words> = {
  online: ['online', 'online'],
  contact_center: ['contact center', 'contact center'],
  office: ['sportello', 'office desk'],
};

export const REJECTION_REASON_WORDS: Record<ConversionRejectionReason, Words> = {
  incomplete: ['Incompleti (manca il modulo o il documento)', 'Incomplete (form or document missing)'],
  illegible: ['Illeggibili', 'Illegible'],
  registry_mismatch: ['Non corrispondono all’anagrafe', 'Do not match the registry'],
};

export const FAX_DISCARD_WORDS: Record<FaxDiscardReason, Words> = {
  unreadable: ['Le pagine non si leggono', 'The pages cannot be read'],
  not_a_conversion_form: ['Non è un modulo di conversione', 'It is not a conversion form'],
  blank_or_junk: ['Pagine bianche o fax indesiderato', 'Blank pages or junk'],
};

export const CALL_STATUS_WORDS: Record<CallStatus, Words> = {
  agent_ringing: [
    'Squilla il Suo telefono: risponda per essere collegato',
    'Your phone is ringing: answer it to be connected',
  ],
  citizen_ringing: ['Chiamata al cittadino in corso…', 'Calling the citizen…'],
  answered: ['Collegato: sta parlando con il cittadino', 'Connected: you are speaking with the citizen'],
  completed: ['Chiamata terminata', 'Call ended'],
  busy: ['Linea occupata', 'The line was busy'],
  no_answer: ['Nessuna risposta', 'Nobody answered'],
  failed: ['La chiamata non è riuscita', 'The call failed'],
  agent_unreachable: ['Il Suo telefono non ha risposto', 'Your phone did not answer'],
};

/**
 * The console API's errors in Italian, by code (the API's messages are English, and an English console shows them as
 * they are). A code not listed shows the API's message rather than nothing.
 */
export const API_ERRORS_IT: Record<string, string> = {
  invalid_credentials: 'Nome utente o password errati.',
  too_many_attempts: 'Troppi accessi non riusciti. Attenda 15 minuti e riprovi.',
  unauthenticated: 'Acceda prima con nome utente e password.',
  forbidden: 'Il Suo ruolo non consente questa operazione.',
  forbidden_task_kind: 'I Suoi ruoli non comprendono questo tipo di attività.',
  not_found: 'Non trovato: potrebbe essere già stato chiuso.',
  not_open: 'Questa attività non è più aperta: forse l’ha presa un altro operatore.',
  not_claimed_by_you: 'Prenda prima in carico l’attività.',
  holding_another:
    'Ha ancora in carico un’altra attività: la concluda o la restituisca prima di prenderne un’altra («Attività successiva» la riapre).',
  task_closed: 'Questa pratica non attende più questa attività.',
  invalid_registration: 'Alcuni campi mancano o non sono validi.',
  invalid_input: 'Alcuni campi mancano o non sono validi.',
  not_in_registry: 'Nessuno con questo codice fiscale risulta in anagrafe.',
  invalid_case_search:
    'Scriva un codice fiscale di 16 caratteri, il codice stampato sul modulo (CNV-…) o l’id di una richiesta.',
  invalid_identification: 'Il codice fiscale o il PIN telefonico non è valido.',
  invalid_answers: 'Scriva almeno una delle risposte del chiamante.',
  invalid_outcome:
    'L’esito non è valido: se l’identità non è verificata, ne scriva il motivo (al massimo 1000 caratteri).',
  invalid_review: 'Approvi, oppure respinga indicando il motivo.',
  invalid_attachment: 'Scriva il codice della richiesta stampato sul modulo (CNV-XXXX-XXXX).',
  invalid_discard: 'Scelga perché il fax viene scartato.',
  invalid_filter: 'Il filtro della coda non è valido.',
  invalid_login: 'Scriva nome utente e password.',
  invalid_request_id: 'L’id di una richiesta ha la forma 8-4-4-4-12 (UUID).',
  wrong_task_kind: 'Questa azione non vale per questo tipo di attività.',
  not_identified: 'Codice fiscale e PIN telefonico non corrispondono a un PIN telefonico attivo.',
  not_your_registration: 'Solo l’operatore che ha registrato il chiamante può leggergli il PIN.',
  already_read_out: 'La prima metà di questo PIN è già stata mostrata una volta.',
  already_dispositivo: 'Il PIN di questa persona è già un PIN dispositivo.',
  no_agent_phone: 'Il Suo profilo non ha un telefono da far squillare: chieda a un supervisore di aggiungerlo.',
  no_citizen_phone: 'Questa richiesta non ha un numero di telefono da chiamare.',
  call_not_placed: 'Il centralino non è riuscito a effettuare la chiamata; riprovi.',
  office_pin_issuance_suspended:
    'Il rilascio del PIN presso le sedi INPS è sospeso: lo sportello non rilascia né converte PIN. Le correzioni anagrafiche proseguono. I cittadini accedono con SPID, CIE o CNS; minori e cittadini extra-UE chiedono il PIN online o per telefono.',
  fiscal_code_mismatch: 'Il codice fiscale non deriva dai dati del documento d’identità: controlli le correzioni.',
  not_an_intermediary: 'L’anagrafe non indica questa persona come intermediario istituzionale.',
  pin_already_held:
    'Questa persona ha già un PIN: per rilasciarne uno nuovo va prima revocato, oppure lo converta in PIN dispositivo.',
  no_pin_to_convert: 'Questa persona non ha un PIN: rilasci invece un PIN dispositivo (modulo MV35).',
  service_unavailable:
    'Il servizio non è disponibile in questo momento; riprovi tra poco. Non è stato modificato nulla.',
  internal: 'Si è verificato un errore da parte nostra. Non è stato modificato nulla; riprovi.',
};

/** An API error as a staff screen says it: in Italian by its code, else (and in English) the API's own message. */
export const staffErrorIn = (lang: 'it' | 'en', err: { code: string; message: string }) =>
  (lang === 'it' && API_ERRORS_IT[err.code]) || err.message;
