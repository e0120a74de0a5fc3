// The online services a PIN opens, and who sees them (brief, "Two kinds of PIN"): consultation needs any PIN,
// applications a PIN dispositivo; each service is also for certain registry profiles and funds only.
import type { CredentialHolder, CredentialKind } from './credential';
import type { IssuedUnder } from './issuance-policy';
import type { Fund, RegistryProfile } from './person';

export interface OnlineService {
  id: string;
  /** The name citizens know it by, in Italian. */
  name: string;
  /** What it is for, in the citizen site's two languages. */
  description: { it: string; en: string };
  needs: 'any_pin' | 'pin_dispositivo';
  profiles: readonly RegistryProfile[];
  /** Only for members of this fund, when set. */
  fund?: Fund;
  /**
   * The people, among those who may still get a PIN after the switch-off, whose PIN opens this service: such a PIN
   * opens only the services dedicated to them ("per i soli servizi loro dedicati").
   */
  dedicatedTo?: readonly IssuedUnder[];
}

const WORKERS = ['private_employee', 'public_employee'] as const satisfies readonly RegistryProfile[];

export const SERVICE_CATALOG: readonly OnlineService[] = [
  {
    id: 'contribution_statement',
    name: 'Estratto conto contributivo',
    description: {
      it: 'I contributi versati per Lei, anno per anno.',
      en: 'The contributions paid for you, year by year.',
    },
    needs: 'any_pin',
    profiles: [...WORKERS, 'other', 'minor'],
    dedicatedTo: ['minor', 'non_eu_citizen'],
  },
  {
    id: 'certificazione_unica',
    name: 'Certificazione Unica',
    description: {
      it: 'Scarichi la certificazione dei redditi dell’anno per la dichiarazione.',
      en: 'Download your yearly income certificate for the tax return.',
    },
    needs: 'any_pin',
    profiles: [...WORKERS, 'pensioner', 'minor'],
    dedicatedTo: ['minor', 'non_eu_citizen'],
  },
  {
    id: 'pension_data',
    name: 'Fascicolo previdenziale del pensionato',
    description: {
      it: 'La Sua pensione: importi mensili, cedolino, trattenute fiscali.',
      en: 'Your pension: monthly amounts, payment slips (cedolino), tax deductions.',
    },
    needs: 'any_pin',
    profiles: ['pensioner'],
  },
  {
    id: 'medical_certificates',
    name: 'Certificati medici di malattia',
    description: {
      it: 'I certificati di malattia che il Suo medico ha inviato all’INPS.',
      en: 'The sick-leave certificates your doctor sent to INPS.',
    },
    needs: 'any_pin',
    profiles: [...WORKERS, 'minor'],
    dedicatedTo: ['minor', 'non_eu_citizen'],
  },
  {
    id: 'family_allowance',
    name: 'Assegno per il nucleo familiare',
    description: {
      it: 'Presenti la domanda di assegno per il nucleo familiare.',
      en: 'Apply for the family allowance.',
    },
    needs: 'pin_dispositivo',
    profiles: [...WORKERS, 'pensioner'],
    dedicatedTo: ['non_eu_citizen'],
  },
  {
    id: 'naspi',
    name: 'NASpI - indennità di disoccupazione',
    description: {
      it: 'Presenti la domanda di indennità di disoccupazione dopo la perdita del lavoro.',
      en: 'Apply for unemployment benefit after losing your job.',
    },
    needs: 'pin_dispositivo',
    profiles: ['private_employee'],
    fund: 'gestione_privata',
    dedicatedTo: ['non_eu_citizen'],
  },
  {
    id: 'pension_application',
    name: 'Domanda di pensione',
    description: {
      it: 'Presenti la domanda di pensione di vecchiaia o anticipata.',
      en: 'Apply for your old-age or early pension.',
    },
    needs: 'pin_dispositivo',
    profiles: WORKERS,
  },
  {
    id: 'small_loan_public_employees',
    name: 'Piccolo prestito (Gestione Dipendenti Pubblici)',
    description: {
      it: 'Chieda un piccolo prestito alla Gestione Dipendenti Pubblici.',
      en: 'Apply for a small loan from the public employees fund.',
    },
    needs: 'pin_dispositivo',
    profiles: ['public_employee', 'pensioner'],
    fund: 'gestione_dipendenti_pubblici',
  },
  {
    id: 'intermediary_mandates',
    name: 'Deleghe e mandati di assistenza',
    description: {
      it: 'I cittadini che Le hanno conferito un mandato, e le loro pratiche.',
      en: 'The citizens who gave you a mandate, and their cases.',
    },
    needs: 'any_pin',
    profiles: ['intermediary'],
  },
  {
    id: 'intermediary_applications',
    name: 'Invio domande per conto del cittadino',
    description: {
      it: 'Presenti domande per conto dei cittadini che Le hanno conferito un mandato.',
      en: 'File applications on behalf of the citizens who gave you a mandate.',
    },
    needs: 'pin_dispositivo',
    profiles: ['intermediary'],
  },
];

export interface ServiceAccess extends OnlineService {
  /** `usable`: open now. `needs_pin_dispositivo`: visible, but applying needs the PIN converted first. */
  access: 'usable' | 'needs_pin_dispositivo';
}

/**
 * The services a PIN holder sees: those of their registry profile and fund (an intermediary's credential opens the
 * intermediary services, whatever the person's own profile), marked by whether their kind of PIN is enough.
 */
export function servicesFor(holder: {
  profile: RegistryProfile;
  fund: Fund | null;
  credentialKind: CredentialKind;
  credentialHolder: CredentialHolder;
  /** The switch-off exception the PIN was issued under, if any; none for a SPID, CIE or CNS sign-in. */
  issuedUnder?: IssuedUnder | null;
}): ServiceAccess[] {
  const profile: RegistryProfile = holder.credentialHolder === 'intermediary' ? 'intermediary' : holder.profile;
  const { issuedUnder } = holder;
  return SERVICE_CATALOG.filter(
    (s) =>
      s.profiles.includes(profile) &&
      (!s.fund || s.fund === holder.fund) &&
      (!issuedUnder || (s.dedicatedTo ?? []).includes(issuedUnder)),
  ).map((s) => ({
    ...s,
    access:
      s.needs === 'pin_dispositivo' && holder.credentialKind !== 'dispositivo' ? 'needs_pin_dispositivo' : 'usable',
  }));
}
