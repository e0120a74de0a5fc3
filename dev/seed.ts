// Demo data for the embedded run and the tests: the registry of persons INPS holds and the staff accounts.
// Idempotent: a second start finds the rows already there and changes nothing.
import { hash } from '@node-rs/argon2';
import { computeFiscalCode } from '../domain/fiscal-code';
import type { Db } from '../infra/db/index';
import type { NewPerson } from '../infra/db/schema';
import type { Fund, RegistryProfile, Sex } from '../domain/person';
import type { StaffRole } from '../domain/staff';

interface DemoPerson {
  firstName: string;
  lastName: string;
  sex: Sex;
  birthDate: string;
  birthPlace: string;
  birthProvince: string;
  citizenship: string;
  profile: RegistryProfile;
  fund: Fund | null;
  street: string;
  city: string;
  province: string;
  postalCode: string;
  phone: string | null;
  email: string | null;
}

const p = (
  firstName: string,
  lastName: string,
  sex: Sex,
  birthDate: string,
  [birthPlace, birthProvince, citizenship]: [string, string, string],
  [profile, fund]: [RegistryProfile, Fund | null],
  [street, city, province, postalCode]: [string, string, string, string],
  phone: string | null = null,
  email: string | null = null,
): DemoPerson => ({
  firstName,
  lastName,
  sex,
  birthDate,
  birthPlace,
  birthProvince,
  citizenship,
  profile,
  fund,
  street,
  city,
  province,
  postalCode,
  phone,
  email,
});

const IT = (place: string, prov: string): [string, string, string] => [place, prov, 'ITA'];
const PRIVATE: [RegistryProfile, Fund] = ['private_employee', 'gestione_privata'];
const PUBLIC: [RegistryProfile, Fund] = ['public_employee', 'gestione_dipendenti_pubblici'];
const PENSIONER_PRIVATE: [RegistryProfile, Fund] = ['pensioner', 'gestione_privata'];
const PENSIONER_PUBLIC: [RegistryProfile, Fund] = ['pensioner', 'gestione_dipendenti_pubblici'];

/** The first entries are the ones the README names; the registry address is what automatic validation compares. */
// One person a line: it reads as the table it is.
// prettier-ignore
export const DEMO_PERSONS: DemoPerson[] = [
  p('Mario', 'Rossi', 'M', '1955-12-03', IT('Roma', 'RM'), PENSIONER_PRIVATE, ['Via Appia Nuova 100', 'Roma', 'RM', '00183'], '+393331234567', 'mario.rossi@example.it'),
  p('Giulia', 'Bianchi', 'F', '1988-04-21', IT('Milano', 'MI'), PRIVATE, ['Corso Buenos Aires 45', 'Milano', 'MI', '20124'], '+393471112233', 'giulia.bianchi@example.it'),
  p('Francesca', 'Esposito', 'F', '1979-09-12', IT('Napoli', 'NA'), PUBLIC, ['Via Toledo 256', 'Napoli', 'NA', '80134'], '+393289876543', 'f.esposito@example.it'),
  // Moved to Bologna; the registry still has the old address in Torino: automatic validation fails.
  p('Luca', 'Ferrari', 'M', '1992-07-30', IT('Torino', 'TO'), PRIVATE, ['Via Garibaldi 12', 'Torino', 'TO', '10122'], '+393401234000', 'luca.ferrari@example.it'),
  // The registry has "Viale dei Mille 8"; people type "Via dei Mille 8": validation fails on the address.
  p('Chiara', 'Romano', 'F', '1969-02-14', IT('Firenze', 'FI'), PENSIONER_PUBLIC, ['Viale dei Mille 8', 'Firenze', 'FI', '50131'], '+393395550101', 'chiara.romano@example.it'),
  p('Amina', 'Diallo', 'F', '1990-02-03', ['Senegal', 'EE', 'SEN'], PRIVATE, ['Via Nizza 30', 'Torino', 'TO', '10125'], '+393515550000', 'amina.diallo@example.it'),
  p('Sofia', 'Ricci', 'F', '2010-05-17', IT('Bologna', 'BO'), ['minor', null], ['Via San Felice 40', 'Bologna', 'BO', '40122']),
  p('Paolo', 'Greco', 'M', '1975-11-02', IT('Bari', 'BA'), ['intermediary', null], ['Corso Cavour 120', 'Bari', 'BA', '70121'], '+393386667788', 'patronato.greco@example.it'),
  p('Giuseppe', 'Russo', 'M', '1948-01-25', IT('Palermo', 'PA'), PENSIONER_PRIVATE, ['Via Maqueda 180', 'Palermo', 'PA', '90133']),
  p('Anna', 'Colombo', 'F', '1952-06-08', IT('Monza', 'MB'), PENSIONER_PRIVATE, ['Via Italia 15', 'Monza', 'MB', '20900']),
  p('Marco', 'Bruno', 'M', '1983-03-19', IT('Genova', 'GE'), PUBLIC, ['Via XX Settembre 70', 'Genova', 'GE', '16121']),
  p('Elena', 'Gallo', 'F', '1995-12-01', IT('Verona', 'VR'), PRIVATE, ['Corso Porta Nuova 22', 'Verona', 'VR', '37122']),
  p('Antonio', 'Conti', 'M', '1960-08-11', IT('Salerno', 'SA'), PUBLIC, ['Corso Vittorio Emanuele 55', 'Salerno', 'SA', '84123']),
  p('Laura', 'De Luca', 'F', '1971-10-27', IT('Pescara', 'PE'), PRIVATE, ['Corso Umberto I 10', 'Pescara', 'PE', '65122']),
  p('Roberto', 'Mancini', 'M', '1945-04-04', IT('Ancona', 'AN'), PENSIONER_PUBLIC, ['Corso Garibaldi 90', 'Ancona', 'AN', '60121']),
  p('Valentina', 'Costa', 'F', '1999-01-13', IT('Cagliari', 'CA'), PRIVATE, ['Via Roma 75', 'Cagliari', 'CA', '09124']),
  p('Stefano', 'Giordano', 'M', '1986-06-23', IT('Catania', 'CT'), PUBLIC, ['Via Etnea 200', 'Catania', 'CT', '95124']),
  p('Alessandra', 'Rizzo', 'F', '1958-09-30', IT('Messina', 'ME'), PENSIONER_PRIVATE, ['Viale San Martino 33', 'Messina', 'ME', '98123']),
  p('Davide', 'Lombardi', 'M', '2008-02-29', IT('Brescia', 'BS'), ['minor', null], ['Corso Zanardelli 5', 'Brescia', 'BS', '25121']),
  p('Martina', 'Moretti', 'F', '1993-07-07', IT('Padova', 'PD'), PRIVATE, ['Via del Santo 18', 'Padova', 'PD', '35123']),
  p('Francesco', 'Barbieri', 'M', '1951-12-24', IT('Trieste', 'TS'), PENSIONER_PUBLIC, ['Via Carducci 9', 'Trieste', 'TS', '34122']),
  p('Silvia', 'Fontana', 'F', '1977-03-03', IT('Bergamo', 'BG'), PUBLIC, ['Via XX Settembre 14', 'Bergamo', 'BG', '24122']),
  p('Andrea', 'Santoro', 'M', '1968-05-15', IT('Lecce', 'LE'), ['intermediary', null], ['Via Trinchese 40', 'Lecce', 'LE', '73100']),
  p('Ioana', 'Popescu', 'F', '1985-11-11', ['Romania', 'EE', 'ROU'], PRIVATE, ['Via Nazionale 60', 'Roma', 'RM', '00184']),
  p('Mohamed', 'El Amrani', 'M', '1982-04-09', ['Marocco', 'EE', 'MAR'], PRIVATE, ['Via Padova 150', 'Milano', 'MI', '20127']),
  p('Wei', 'Chen', 'M', '1991-08-18', ['Cina Repubblica Popolare', 'EE', 'CHN'], PRIVATE, ['Via Pistoiese 100', 'Prato', 'PO', '59100']),
  p('Priya', 'Sharma', 'F', '1994-10-05', ['India', 'EE', 'IND'], PRIVATE, ['Via Emilia 300', 'Modena', 'MO', '41121']),
  p('Carla', 'Marino', 'F', '1940-01-31', IT('Reggio di Calabria', 'RC'), PENSIONER_PRIVATE, ['Corso Garibaldi 300', 'Reggio di Calabria', 'RC', '89125']),
  p('Giorgio', 'Ferri', 'M', '1957-06-06', IT('Parma', 'PR'), PENSIONER_PRIVATE, ['Strada della Repubblica 50', 'Parma', 'PR', '43121']),
  p('Federica', 'Villa', 'F', '1989-12-12', IT('Como', 'CO'), PUBLIC, ['Via Vittorio Emanuele II 20', 'Como', 'CO', '22100']),
  p('Matteo', 'Caruso', 'M', '1997-09-09', IT('Taranto', 'TA'), PRIVATE, ['Via Di Palma 70', 'Taranto', 'TA', '74123']),
  p('Beatrice', 'Longo', 'F', '1963-04-18', IT('Perugia', 'PG'), PUBLIC, ['Corso Vannucci 30', 'Perugia', 'PG', '06121']),
  // A long name, as many are: the screens that show one must still fit a laptop's.
  p('Maria Addolorata', 'Di Giovanbattista', 'F', '1966-08-15', IT('Lecce', 'LE'), PRIVATE, ['Via Vittorio Emanuele II 112', 'Lecce', 'LE', '73100'], null, 'maria.digiovanbattista@example.it'),
];

const CONTACT_CENTER: StaffRole[] = ['outbound_verification', 'document_review', 'inbound_registration'];

/** Demo staff: username, password, roles, the phone click-to-call rings. Printed at start-up and named in the README. */
export const DEMO_STAFF: Array<{
  username: string;
  password: string;
  displayName: string;
  roles: StaffRole[];
  phone?: string;
}> = [
  {
    username: 'agent.neri',
    password: 'demo-agent-2026',
    displayName: 'Giovanna Neri',
    roles: CONTACT_CENTER,
    phone: '+390659051001',
  },
  {
    username: 'agent.sala',
    password: 'demo-agent-2026',
    displayName: 'Pietro Sala',
    roles: CONTACT_CENTER,
    phone: '+390659051002',
  },
  {
    username: 'agent.conti',
    password: 'demo-agent-2026',
    displayName: 'Marta Conti',
    roles: ['document_review'],
    phone: '+390659051003',
  },
  {
    username: 'agent.ruggeri',
    password: 'demo-agent-2026',
    displayName: 'Sergio Ruggeri',
    roles: ['outbound_verification'],
    phone: '+390659051004',
  },
  { username: 'supervisor.galli', password: 'demo-supervisor-2026', displayName: 'Laura Galli', roles: ['supervisor'] },
  { username: 'operator.verdi', password: 'demo-operator-2026', displayName: 'Rita Verdi', roles: ['office_operator'] },
  { username: 'ops.fontana', password: 'demo-ops-2026', displayName: 'Davide Fontana', roles: ['ops'] },
];

/** A demo staff member by username (the tests and benches sign in as them). */
export function demoStaff(username: string) {
  const staff = DEMO_STAFF.find((s) => s.username === username);
  if (!staff) throw new Error(`no demo staff member ${username}`);
  return staff;
}

export function demoPersonRows(): NewPerson[] {
  return DEMO_PERSONS.map((d) => {
    const fiscalCode = computeFiscalCode(d);
    if (!fiscalCode) throw new Error(`demo person ${d.firstName} ${d.lastName}: unknown birthplace ${d.birthPlace}`);
    return {
      fiscal_code: fiscalCode,
      first_name: d.firstName,
      last_name: d.lastName,
      birth_date: d.birthDate,
      sex: d.sex,
      birth_place: d.birthPlace,
      birth_province: d.birthProvince,
      citizenship: d.citizenship,
      profile: d.profile,
      fund: d.fund,
      street: d.street,
      city: d.city,
      province: d.province,
      postal_code: d.postalCode,
      phone: d.phone,
      email: d.email,
    };
  });
}

export async function seedDemoData(db: Db): Promise<void> {
  await db
    .insertInto('persons')
    .values(demoPersonRows())
    .onConflict((oc) => oc.column('fiscal_code').doNothing())
    .execute();
  for (const s of DEMO_STAFF) {
    await db
      .insertInto('staff')
      .values({
        username: s.username,
        display_name: s.displayName,
        roles: s.roles,
        phone: s.phone ?? null,
        password_hash: await hash(s.password),
      })
      .onConflict((oc) => oc.column('username').doNothing())
      .execute();
  }
}
