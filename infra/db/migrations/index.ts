// Every migration, in order. Listed statically so the same code runs under tsx, Jest and a bundled build.
import type { Migration } from 'kysely';
import * as initialSchema from './2026_11_23_120000_initial_schema';
import * as credentialLifecycle from './2026_11_24_090000_credential_lifecycle';
import * as pinDispositivo from './2026_11_25_090000_pin_dispositivo';
import * as spidEra from './2026_11_26_090000_spid_era';
import * as consoles from './2026_11_27_090000_consoles';
import * as inboundRegistration from './2026_11_28_090000_inbound_registration';
import * as supervisionIndexes from './2026_11_28_100000_supervision_indexes';
import * as staffDecisions from './2026_11_29_090000_staff_decisions';
import * as oidcBrowserBinding from './2026_11_29_100000_oidc_browser_binding';
import * as submissions from './2026_11_29_110000_submissions_and_status_links';
import * as taskClaimExpiry from './2026_11_29_120000_task_claim_expiry';
import * as messageIntents from './2026_11_29_130000_message_intents';
import * as letterHoldUps from './2026_11_29_140000_letter_hold_ups';
import * as deferredStarts from './2026_11_29_150000_deferred_starts';
import * as strongSignIns from './2026_11_29_160000_strong_sign_ins';
import * as whatCitizensAreTold from './2026_11_30_090000_what_citizens_are_told';
import * as trackedLetters from './2026_11_30_100000_tracked_letters';
import * as citizenFollowUp from './2026_11_30_110000_citizen_follow_up';
import * as retention from './2026_11_30_120000_retention';
import * as submissionStartClaims from './2026_11_30_130000_submission_start_claims';
import * as oneTaskPerSubject from './2026_12_02_090000_one_task_per_subject';

export const migrations: Record<string, Migration> = {
  '2026_11_23_120000_initial_schema': initialSchema,
  '2026_11_24_090000_credential_lifecycle': credentialLifecycle,
  '2026_11_25_090000_pin_dispositivo': pinDispositivo,
  '2026_11_26_090000_spid_era': spidEra,
  '2026_11_27_090000_consoles': consoles,
  '2026_11_28_090000_inbound_registration': inboundRegistration,
  '2026_11_28_100000_supervision_indexes': supervisionIndexes,
  '2026_11_29_090000_staff_decisions': staffDecisions,
  '2026_11_29_100000_oidc_browser_binding': oidcBrowserBinding,
  '2026_11_29_110000_submissions_and_status_links': submissions,
  '2026_11_29_120000_task_claim_expiry': taskClaimExpiry,
  '2026_11_29_130000_message_intents': messageIntents,
  '2026_11_29_140000_letter_hold_ups': letterHoldUps,
  '2026_11_29_150000_deferred_starts': deferredStarts,
  '2026_11_29_160000_strong_sign_ins': strongSignIns,
  '2026_11_30_090000_what_citizens_are_told': whatCitizensAreTold,
  '2026_11_30_100000_tracked_letters': trackedLetters,
  '2026_11_30_110000_citizen_follow_up': citizenFollowUp,
  '2026_11_30_120000_retention': retention,
  '2026_11_30_130000_submission_start_claims': submissionStartClaims,
  '2026_12_02_090000_one_task_per_subject': oneTaskPerSubject,
};
