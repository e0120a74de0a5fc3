// The contact-center console's script, run in the agent's browser: signing in, the task queue and each kind of task,
// callers to the contact center, live supervision, and the keyboard shortcuts. Bundled at start-up
// (shared/browser-script.ts) and served as a file, since the page's policy runs no inline script. It speaks the
// page's language (<html lang>).
import type { FaxDiscardReason } from '../../../domain/agent-task';
import { keepSession } from '../../shared/browser/session-keeper';
import { BACKGROUND_REFRESH_HEADER } from '../../shared/session-look';
import { ENDED_CALL_STATUSES, type CallStatus } from '../../../domain/calls';
import type { ConversionRejectionReason } from '../../../domain/conversion';
import type { ValidationFailure } from '../../../domain/pin-request';
import type { StaffRole } from '../../../domain/staff';
import { fieldMessage, fieldMessagesIn } from '../../shared/i18n';
import {
  CALL_STATUS_WORDS,
  CASE_CHANNEL_WORDS,
  CASE_KIND_WORDS,
  CASE_STATUS_WORDS,
  FAX_DISCARD_WORDS,
  REJECTION_REASON_WORDS,
  STAFF_ROLE_WORDS,
  TASK_KIND_WORDS,
  TASK_OUTCOME_WORDS,
  VALIDATION_FAILURE_WORDS,
  staffErrorIn,
  type Words,
} from '../words';

// ---- The shapes the console API answers with (services/agent-console/openapi.ts) ----
type TaskKind = keyof typeof TASK_KIND_WORDS;
interface Staff {
  username: string;
  displayName: string;
  roles: StaffRole[];
  taskKinds: TaskKind[];
}
interface TaskSummary {
  taskId: string;
  kind: TaskKind;
  status: 'open' | 'claimed';
  priority: 'normal' | 'high';
  createdAt: string;
  dueAt: string;
  claimedBy: string | null;
  claimedByMe: boolean;
  attempt: number;
  validationFailures: ValidationFailure[] | null;
  requestCode: string | null;
  returnedBy: string | null;
  faxFrom: string | null;
  citizenName: string | null;
  fiscalCodeMasked: string | null;
}
type Person = Record<PersonField, string | null>;
type PersonField = keyof typeof PERSON_WORDS;
interface Call {
  callId: string;
  status: CallStatus;
  placedAt: string;
  durationSeconds: number | null;
}
interface Attempt {
  attempt: number;
  status: keyof typeof TASK_OUTCOME_WORDS;
  outcome: keyof typeof TASK_OUTCOME_WORDS | null;
  completedAt: string | null;
  agent: string | null;
  calls: Call[];
}
type Check = 'matches' | 'differs';
type RegistryChecks = Partial<Record<keyof typeof CHECK_WORDS, Check | { result: Check }>>;
interface DocumentLink {
  role: 'signed_form' | 'identity_document' | 'fax';
  contentType: string;
  url: string;
}
interface TaskDetail extends TaskSummary {
  declared?: Person;
  registry?: Person;
  registryChecks?: RegistryChecks | null;
  callHistory?: Attempt[];
  documents?: DocumentLink[];
}
interface QueueFigures {
  kind: TaskKind;
  open: number;
  claimed: number;
  escalated: number;
  pastDue: number;
  oldestOpenSince: string | null;
}
interface SupervisionSnapshot {
  at: string;
  queues: QueueFigures[];
  agents: {
    displayName: string;
    completedToday: number;
    callsToday: number;
    registrationsToday: number;
    holding: number;
  }[];
  scheduledCallbacks: { count: number; nextAt: string | null };
}
interface FoundCase {
  kind: keyof typeof CASE_KIND_WORDS;
  requestId: string;
  requestCode: string | null;
  createdAt: string;
  status: keyof typeof CASE_STATUS_WORDS;
  channel: keyof typeof CASE_CHANNEL_WORDS;
}
interface AuditEntry {
  at: string;
  actor: string | { displayName: string };
  label: { it: string; en: string };
  details: Record<string, unknown> | null;
}

// ---- Words and small helpers ----
const lang = document.documentElement.lang === 'en' ? 'en' : 'it';
const say = (it: string, en: string) => (lang === 'it' ? it : en);
const word = (pair: Words | undefined, fallback = '') => (pair ? say(...pair) : fallback);
const TZ: Intl.DateTimeFormatOptions = { timeZone: 'Europe/Rome' };
const LOCALE = lang === 'it' ? 'it-IT' : 'en-GB';

class ApiFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

function $<E extends HTMLElement = HTMLElement>(id: string): E {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The console page has no #${id}`);
  return element as E;
}
const input = (id: string) => $<HTMLInputElement>(id);
const select = (id: string) => $<HTMLSelectElement>(id);
const button = (id: string) => $<HTMLButtonElement>(id);

/** What the page asks by itself, not its person: answered, but it does not keep a session alive (auth.ts). */
const BY_ITSELF = { [BACKGROUND_REFRESH_HEADER]: '1' };
async function api<T>(method: string, url: string, body?: unknown, byItself = false): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(byItself ? BY_ITSELF : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = res.status === 204 ? null : await res.json();
  if (!res.ok) {
    const error = json?.error as { code?: string; message?: string; fields?: Record<string, string> } | undefined;
    const message = staffErrorIn(lang, { code: error?.code ?? '', message: error?.message ?? res.statusText });
    const fields =
      error?.fields &&
      Object.fromEntries(Object.entries(error.fields).map(([path, text]) => [path, fieldMessage(lang, text)]));
    if (error?.code === 'unauthenticated' && me) {
      sessionEnded();
      // The sign-in's notice says what happened; the action's own place stays quiet.
      throw new ApiFailure('', 401);
    }
    throw new ApiFailure(message, res.status, fields);
  }
  return json as T;
}
/**
 * Answers can come back out of order. Each call of the returned function starts a lookup and gives a check that stays
 * true only while no later lookup has started: an older answer must not write over a newer one, or one citizen's data
 * would show under another's name.
 */
function latestOnly() {
  let started = 0;
  return () => {
    const mine = ++started;
    return () => mine === started;
  };
}
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
function show(message: string, kind: 'ok' | 'error') {
  const b = $('banner');
  b.textContent = message;
  b.className = 'banner ' + kind;
  b.hidden = !message;
}
const esc = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(LOCALE, TZ) : '—');
function age(iso: string) {
  const m = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60000));
  if (m < 60) return m + ' min';
  const h = Math.floor(m / 60);
  return h < 48 ? `${h} h ${m % 60} min` : Math.floor(h / 24) + say(' giorni', ' days');
}
function actionButton(label: string, onClick: () => unknown, cls?: string) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (cls) b.className = cls;
  b.addEventListener('click', () => void onClick());
  return b;
}

// ---- Signing in, and the sections each role sees ----
const TABS = ['queue', 'callers', 'supervision'] as const;
type Tab = (typeof TABS)[number];
let me: Staff | null = null;
let callWatch: ReturnType<typeof setInterval> | null = null;

async function start() {
  try {
    const s = await api<{ staff: Staff }>('GET', '/api/agent/session');
    signedIn(s.staff);
  } catch {
    $('login').hidden = false;
    $('username').focus();
  }
}
function signedIn(staff: Staff) {
  const only = (role: StaffRole) => staff.roles.length === 1 && staff.roles[0] === role;
  if (only('office_operator')) return void (location.href = '/office');
  if (only('ops')) return void (location.href = '/ops');
  me = staff;
  $('login').hidden = true;
  // What the console is for is said on the sign-in screen; signed in, the room goes to the work.
  document.querySelector<HTMLElement>('main > .intro')!.hidden = true;
  $('app').hidden = false;
  // The name alone keeps the line beside the tabs; the roles show on hover, and in the tabs and kinds they open.
  $('who').textContent = staff.displayName;
  $('who').title = staff.roles.map((r) => word(STAFF_ROLE_WORDS[r], r)).join(', ');
  const supervisor = staff.roles.includes('supervisor');
  const tabs: Tab[] = [];
  if (staff.taskKinds.length || supervisor) tabs.push('queue');
  if (staff.roles.includes('inbound_registration')) tabs.push('callers');
  if (supervisor) tabs.push('supervision');
  for (const t of TABS) $('tab-' + t).hidden = !tabs.includes(t);
  const kinds = supervisor ? (Object.keys(TASK_KIND_WORDS) as TaskKind[]) : staff.taskKinds;
  select('filter-kind').innerHTML =
    `<option value="">${say('Tutti i miei tipi', 'All my kinds')}</option>` +
    kinds.map((k) => `<option value="${k}">${esc(word(TASK_KIND_WORDS[k]))}</option>`).join('');
  $('next').hidden = !staff.taskKinds.length;
  const first = tabs[0];
  if (!first)
    return show(
      say('Il Suo profilo non ha un ruolo di contact center.', 'Your account has no contact-center role.'),
      'error',
    );
  showTab(first);
}
function showTab(name: Tab) {
  for (const t of TABS) {
    $('panel-' + t).hidden = t !== name;
    $('tab-' + t).setAttribute('aria-selected', String(t === name));
  }
  if (name === 'queue') void loadTasks();
  if (name === 'supervision') watchQueues();
}
for (const t of TABS) $('tab-' + t).addEventListener('click', () => showTab(t));

/**
 * A session can end under the agent's hands: the shift's hours run out (AGENT_SESSION_HOURS), the screen is left
 * unused (AGENT_SESSION_IDLE_MINUTES), or it is signed out elsewhere. The work stays on the page, out of sight, for its
 * owner to sign in again and go on; someone else who signs in here gets a console of their own.
 */
function sessionEnded() {
  if (!me || !$('login').hidden) return;
  $('app').hidden = true;
  $('login-note').hidden = false;
  $('login').hidden = false;
  input('username').value = me.username;
  input('password').value = '';
  input('password').focus();
}
// A screen left unused is warned before its session ends (AGENT_SESSION_IDLE_MINUTES), and hides its work when it has.
keepSession({
  lookUrl: '/api/agent/session',
  working: () => me !== null && $('login').hidden === true,
  ended: sessionEnded,
  back: () => {},
});
function resumed() {
  $('login').hidden = true;
  $('login-note').hidden = true;
  input('password').value = '';
  $('app').hidden = false;
  // What stopped while signed out starts again: the queue's list, the supervisor's figures (a call under way is
  // still followed, its looks only failed meanwhile).
  if (stream?.readyState === EventSource.CLOSED) stream = null;
  const tab = TABS.find((t) => !$('panel-' + t).hidden);
  if (tab) showTab(tab);
}
$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = new FormData(e.target as HTMLFormElement);
  try {
    const s = await api<{ staff: Staff }>('POST', '/api/agent/session', {
      username: f.get('username'),
      password: f.get('password'),
    });
    show('', 'ok');
    if (me && s.staff.username === me.username) return resumed();
    // Someone else: nothing of the previous screen is theirs.
    if (me) return location.reload();
    signedIn(s.staff);
  } catch (err) {
    show(messageOf(err), 'error');
  }
});
$('logout').addEventListener('click', async () => {
  await api('DELETE', '/api/agent/session');
  location.reload();
});

// ---- The queue ----
function why(t: TaskSummary) {
  if (t.kind === 'outbound_verification')
    return (
      (t.validationFailures ?? [])
        .map((f) => `<span class="tag">${esc(word(VALIDATION_FAILURE_WORDS[f], f))}</span>`)
        .join(' ') + (t.attempt > 1 ? ` <span class="meta">${say('chiamata', 'call')} ${t.attempt}</span>` : '')
    );
  if (t.kind === 'document_review')
    return (
      say('Richiesta ', 'Request ') + esc(t.requestCode) + say(', inviata con ', ', returned by ') + esc(t.returnedBy)
    );
  return say('Fax da ', 'Fax from ') + esc(t.faxFrom ?? say('numero sconosciuto', 'unknown number'));
}
const queueLookup = latestOnly();
async function loadTasks(byItself = false) {
  const current = queueLookup();
  const q = new URLSearchParams();
  for (const [k, id] of [
    ['kind', 'filter-kind'],
    ['status', 'filter-status'],
    ['assignee', 'filter-assignee'],
  ] as const)
    if (select(id).value) q.set(k, select(id).value);
  let tasks: TaskSummary[];
  try {
    ({ tasks } = await api<{ tasks: TaskSummary[] }>('GET', '/api/agent/tasks?' + q, undefined, byItself));
  } catch (err) {
    return void (current() && show(messageOf(err), 'error'));
  }
  if (!current()) return;
  $('queue-count').textContent =
    tasks.length + (tasks.length === 1 ? say(' attività', ' task') : say(' attività', ' tasks'));
  const body = $('tasks');
  body.innerHTML = tasks.length
    ? ''
    : `<tr><td colspan="8" class="empty">${say('Nessuna attività corrisponde. Ottimo lavoro.', 'No tasks match. Well done.')}</td></tr>`;
  // One citizen at a time: while the agent holds a task, the others offer no Claim (the service refuses it too).
  const holding = tasks.some((t) => t.claimedByMe);
  for (const t of tasks) {
    const tr = document.createElement('tr');
    tr.dataset.taskId = t.taskId;
    tr.dataset.kind = t.kind;
    const overdue = new Date(t.dueAt).getTime() < Date.now();
    const escalated = `<span class="tag escalated" title="${say('In attesa oltre il suo tempo', 'Waiting past its time')}">${say('Urgente', 'Escalated')}</span>`;
    const holder = t.claimedByMe ? say('Lei', 'you') : esc(t.claimedBy);
    tr.innerHTML =
      `<td>${t.priority === 'high' ? escalated : say('Normale', 'Normal')}</td>` +
      `<td>${esc(word(TASK_KIND_WORDS[t.kind]))}</td>` +
      `<td>${esc(t.citizenName ?? '—')}${t.fiscalCodeMasked ? `<br><code>${esc(t.fiscalCodeMasked)}</code>` : ''}</td>` +
      `<td>${why(t)}</td><td title="${esc(when(t.createdAt))}">${age(t.createdAt)}</td>` +
      `<td${overdue ? ' class="overdue"' : ''}>${when(t.dueAt)}${overdue ? ` <span class="tag escalated">${say('scaduta', 'past due')}</span>` : ''}</td>` +
      `<td>${t.status === 'open' ? say('Aperta', 'Open') : say('Presa in carico da ', 'Claimed by ') + holder}</td><td></td>`;
    const cell = tr.lastElementChild!;
    if (t.claimedByMe) cell.appendChild(actionButton(say('Apri', 'Open'), () => openTask(t.taskId)));
    else if (t.status === 'open' && !holding && me?.taskKinds.includes(t.kind))
      cell.appendChild(actionButton(say('Prendi in carico', 'Claim'), () => claim(t.taskId)));
    else if (t.status === 'claimed' && me?.roles.includes('supervisor'))
      cell.appendChild(actionButton(say('Rimetti in coda', 'Return to queue'), () => release(t.taskId), 'secondary'));
    body.appendChild(tr);
  }
}
$('filters').addEventListener('change', () => void loadTasks());
$('filters').addEventListener('submit', (e) => e.preventDefault());
$('refresh').addEventListener('click', () => void loadTasks());
$('next').addEventListener('click', async () => {
  try {
    const next = await api<{ taskId: string; alreadyHeld: boolean } | null>('POST', '/api/agent/tasks/next');
    if (!next)
      return show(
        say('Per ora non ci sono attività per Lei in coda.', 'Nothing in the queue for you right now.'),
        'ok',
      );
    // A task still held (a second press, a reload, a second tab) comes back: one citizen at a time.
    show(
      next.alreadyHeld
        ? say(
            'Ha ancora in carico questa attività: la concluda o la restituisca prima di prenderne un’altra.',
            'You still hold this task: finish it or give it back before taking another.',
          )
        : '',
      'ok',
    );
    // Already on the screen, it stays as it is: the call's status and the answers typed so far with it.
    const onScreen = !$('detail').hidden && $('detail').dataset.taskId === next.taskId;
    if (onScreen) $('detail-title').focus();
    else await openTask(next.taskId);
    void loadTasks();
  } catch (err) {
    show(messageOf(err), 'error');
  }
});
async function claim(id: string) {
  try {
    await api('POST', `/api/agent/tasks/${id}/claim`);
    show('', 'ok');
    await openTask(id);
    void loadTasks();
  } catch (err) {
    show(messageOf(err), 'error');
    void loadTasks();
  }
}
async function release(id: string) {
  try {
    await api('POST', `/api/agent/tasks/${id}/release`);
    $('detail').hidden = true;
    stopCallWatch();
    void loadTasks();
  } catch (err) {
    show(messageOf(err), 'error');
  }
}
// Refreshes the list while nobody is working a task on screen, so new work shows up by itself.
setInterval(() => {
  if (me && !$('panel-queue').hidden && $('detail').hidden) void loadTasks(true);
}, 15000);

// ---- One task ----
const PERSON_WORDS = {
  fiscalCode: ['Codice fiscale', 'Codice fiscale'],
  firstName: ['Nome', 'First name'],
  lastName: ['Cognome', 'Last name'],
  birthDate: ['Data di nascita', 'Born'],
  sex: ['Sesso', 'Sex'],
  birthPlace: ['Luogo di nascita', 'Birthplace'],
  address: ['Residenza', 'Residence'],
  phone: ['Telefono', 'Phone'],
  email: ['Email', 'Email'],
} satisfies Record<string, Words>;
const REGISTRY_ROWS: PersonField[] = [
  'fiscalCode',
  'firstName',
  'lastName',
  'birthDate',
  'sex',
  'birthPlace',
  'address',
];
const DECLARED_ROWS: PersonField[] = [...REGISTRY_ROWS, 'phone', 'email'];
/** Which rows of the declared data a validation failure is about. */
const DIFFERING: Record<ValidationFailure, PersonField[]> = {
  not_in_registry: [],
  name_mismatch: ['firstName', 'lastName'],
  birth_data_mismatch: ['birthDate', 'sex', 'birthPlace'],
  address_mismatch: ['address'],
  postal_code_mismatch: ['address'],
};
const DOCUMENT_WORDS: Record<DocumentLink['role'], Words> = {
  signed_form: ['Modulo firmato', 'Signed form'],
  identity_document: ['Documento d’identità', 'Identity document'],
  fax: ['Fax ricevuto', 'Fax received'],
};

const personRows = (p: Person) =>
  REGISTRY_ROWS.map((k) => `<tr><th>${say(...PERSON_WORDS[k])}</th><td>${esc(p[k])}</td></tr>`).join('');
function documentView(d: DocumentLink) {
  const label = say(...DOCUMENT_WORDS[d.role]);
  const view =
    d.contentType === 'application/pdf'
      ? `<iframe src="${d.url}" title="${label}"></iframe>`
      : `<img src="${d.url}" alt="${label}">`;
  return `<figure class="document" data-role="${d.role}"><figcaption>${label} · <a href="${d.url}" target="_blank" rel="noopener">${say('apri in una nuova scheda', 'open in a new tab')}</a></figcaption>${view}</figure>`;
}
function historyView(history: Attempt[] | undefined) {
  if (!history?.length) return '';
  const callLine = (c: Call) =>
    `<li>${when(c.placedAt)}: ${esc(word(CALL_STATUS_WORDS[c.status], c.status))}${c.durationSeconds != null ? ` (${c.durationSeconds} s)` : ''}</li>`;
  const items = history.map(
    (a) =>
      `<li>${say('Chiamata', 'Call')} ${a.attempt}: ${esc(word(TASK_OUTCOME_WORDS[a.outcome ?? a.status], a.outcome ?? a.status))}` +
      (a.agent ? ' · ' + esc(a.agent) : '') +
      (a.completedAt ? ' · ' + when(a.completedAt) : '') +
      (a.calls.length ? `<ul>${a.calls.map(callLine).join('')}</ul>` : '') +
      '</li>',
  );
  return `<h3>${say('Tentativi di contattare il cittadino', 'Attempts to reach the citizen')}</h3><ol class="history">${items.join('')}</ol>`;
}
const taskId = () => $('detail').dataset.taskId ?? '';

const taskLookup = latestOnly();
async function openTask(id: string) {
  const current = taskLookup();
  const t = await api<TaskDetail>('GET', `/api/agent/tasks/${id}`);
  if (!current()) return;
  for (const s of ['call', 'review', 'attach', 'discard']) $(s + '-form').hidden = true;
  $('call-line').hidden = true;
  $('detail').hidden = false;
  $('detail').dataset.taskId = id;
  $('documents').innerHTML = (t.documents ?? []).map(documentView).join('');
  $('history').innerHTML = historyView(t.callHistory);
  $('call-status').textContent = '';
  // A call still under way on this task (the agent came back to it, or reloaded) is followed again.
  const lastCall = t.callHistory
    ?.flatMap((a) => a.calls)
    .reduce<Call | undefined>((last, c) => (!last || c.placedAt > last.placedAt ? c : last), undefined);
  if (lastCall && !callEnded(lastCall.status)) followCall(id, lastCall);
  else stopCallWatch();
  if (t.kind === 'outbound_verification' && t.declared) {
    const declared = t.declared;
    $('detail-title').textContent = say(
      `Chiami ${t.citizenName} (chiamata ${t.attempt})`,
      `Call ${t.citizenName} (call ${t.attempt})`,
    );
    $('detail-hint').textContent = say(
      'Chiami il cittadino. Gli chieda luogo e data di nascita e dove abita, scriva ciò che dice e lo verifichi: lo schermo dice se corrisponde a quanto risulta all’INPS, mai la risposta. Non chieda mai il PIN. "Identità verificata" richiede la residenza che risulta all’INPS: la lettera va solo lì.',
      'Call the citizen. Ask them their birthplace, birth date and where they live, type what they say and check it: the screen says whether it matches what INPS holds, never the answer. Never ask for a PIN. "Verified" needs the residence INPS holds; the letter goes only there.',
    );
    const marked = new Set((t.validationFailures ?? []).flatMap((f) => DIFFERING[f] ?? []));
    $('detail-table').innerHTML =
      `<tr><th></th><th>${say('Dichiarato nella richiesta', 'Declared in the request')}</th></tr>` +
      DECLARED_ROWS.map((k) => {
        const differs = marked.has(k);
        const tag = differs
          ? ` <span class="tag escalated">${say('diverso dall’anagrafe', 'differs from the registry')}</span>`
          : '';
        return `<tr${differs ? ' class="differs"' : ''}><th>${say(...PERSON_WORDS[k])}${tag}</th><td>${esc(declared[k])}</td></tr>`;
      }).join('');
    showChecks(t.registryChecks ?? {});
    $('call-form').hidden = false;
    // The call is the task's first step, so it sits under the instructions, in view on a laptop's screen.
    $('call-line').hidden = !declared.phone;
  } else if (t.kind === 'document_review' && t.registry) {
    $('detail-title').textContent = say(
      `Esamini i documenti di ${t.citizenName} (richiesta ${t.requestCode})`,
      `Review the documents of ${t.citizenName} (request ${t.requestCode})`,
    );
    $('detail-hint').textContent = say(
      'Controlli che il modulo sia firmato, che il documento d’identità sia leggibile e valido, e che entrambi corrispondano all’anagrafe qui sotto.',
      'Check that the form is signed, the identity document is readable and valid, and both match the registry below.',
    );
    $('detail-table').innerHTML =
      `<tr><th colspan="2">${say('Anagrafe', 'Registry')}</th></tr>` + personRows(t.registry);
    $('review-form').hidden = false;
  } else {
    const from = t.faxFrom ?? say('numero sconosciuto', 'unknown number');
    $('detail-title').textContent = say(`Abbini un fax (da ${from})`, `Attach a fax (from ${from})`);
    $('detail-hint').textContent = say(
      'Il codice su questo fax non si è potuto leggere. Cerchi il codice della richiesta stampato sul modulo (CNV-XXXX-XXXX) e lo scriva.',
      'The code on this fax could not be read. Find the request code printed on the form (CNV-XXXX-XXXX) and type it.',
    );
    $('detail-table').innerHTML = '';
    $('attach-form').hidden = false;
    $('discard-form').hidden = false;
  }
  $('detail-title').focus();
}
async function finish(path: string, body: unknown, message: string) {
  try {
    await api('POST', `/api/agent/tasks/${taskId()}/${path}`, body);
    show(message, 'ok');
    $('detail').hidden = true;
    stopCallWatch();
    void loadTasks();
    if (input('auto-next').checked) button('next').click();
    return true;
  } catch (err) {
    show(messageOf(err), 'error');
    return false;
  }
}

// Click-to-call: the phone system rings the agent, then the citizen; the status follows the call as Twilio reports it.
function stopCallWatch() {
  if (callWatch) clearInterval(callWatch);
  callWatch = null;
}
const callEnded = (status: CallStatus) => (ENDED_CALL_STATUSES as readonly CallStatus[]).includes(status);
/** Follows a call of the task on the screen as Twilio reports it, until it ends or another task takes the screen. */
function followCall(id: string, call: { callId: string; status: CallStatus }) {
  stopCallWatch();
  $('call-status').textContent = word(CALL_STATUS_WORDS[call.status], call.status);
  if (callEnded(call.status)) return;
  callWatch = setInterval(async () => {
    const t = await api<TaskDetail>('GET', `/api/agent/tasks/${id}`, undefined, true).catch(() => null);
    // Another task on the screen now: this call's news is not about its citizen.
    if ($('detail').hidden || taskId() !== id) return stopCallWatch();
    const c = t?.callHistory?.flatMap((a) => a.calls).find((x) => x.callId === call.callId);
    if (!c) return;
    $('call-status').textContent = word(CALL_STATUS_WORDS[c.status], c.status);
    $('history').innerHTML = historyView(t?.callHistory);
    if (callEnded(c.status)) stopCallWatch();
  }, 1500);
}
$('dial').addEventListener('click', async () => {
  const id = taskId();
  try {
    followCall(id, await api<{ callId: string; status: CallStatus }>('POST', `/api/agent/tasks/${id}/calls`));
  } catch (err) {
    $('call-status').textContent = messageOf(err);
  }
});
// The caller's answers, checked against the registry: right or wrong, never the registry's value.
const CHECK_WORDS = {
  birthPlace: ['Luogo di nascita', 'Birthplace'],
  birthDate: ['Data di nascita', 'Birth date'],
  residence: ['Residenza', 'Residence'],
} satisfies Record<string, Words>;
function showChecks(checks: RegistryChecks) {
  $('answer-checks').innerHTML = (Object.keys(CHECK_WORDS) as (keyof typeof CHECK_WORDS)[])
    .flatMap((k) => {
      const c = checks[k];
      if (!c) return [];
      const matches = (typeof c === 'string' ? c : c.result) === 'matches';
      const verdict = matches
        ? say('corrisponde a quanto risulta all’INPS', 'matches what INPS holds')
        : say('non corrisponde a quanto risulta all’INPS', 'does not match what INPS holds');
      return [`<li class="${matches ? 'ok' : 'overdue'}">${say(...CHECK_WORDS[k])}: ${verdict}</li>`];
    })
    .join('');
}
$('check-answers').addEventListener('click', async () => {
  const v = (id: string) => input(id).value.trim();
  const body: { birthPlace?: string; birthDate?: string; residence?: Record<string, string> } = {};
  if (v('ans-birth-place')) body.birthPlace = v('ans-birth-place');
  if (v('ans-birth-date')) body.birthDate = v('ans-birth-date');
  if (v('ans-street') || v('ans-postal-code') || v('ans-city'))
    body.residence = { street: v('ans-street'), postalCode: v('ans-postal-code'), city: v('ans-city') };
  try {
    const r = await api<{ checks: RegistryChecks }>('POST', `/api/agent/tasks/${taskId()}/answers`, body);
    const t = await api<TaskDetail>('GET', `/api/agent/tasks/${taskId()}`);
    showChecks(t.registryChecks ?? r.checks);
    show('', 'ok');
  } catch (err) {
    show(messageOf(err), 'error');
  }
});
const OUTCOME_MESSAGES = {
  verified: [
    'Identità verificata: il PIN è in viaggio verso il cittadino.',
    'Verified: the PIN is on its way to the citizen.',
  ],
  not_verified: [
    'Identità non verificata: la richiesta è respinta e al cittadino viene spiegato perché.',
    'Not verified: the request is rejected and the citizen is told why.',
  ],
  no_answer: [
    'Nessuna risposta: la chiamata tornerà in coda più tardi.',
    'No answer: the call comes back to the queue later.',
  ],
} satisfies Record<string, Words>;
$('call-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const outcome = ((e as SubmitEvent).submitter as HTMLButtonElement).value as keyof typeof OUTCOME_MESSAGES;
  const note = $<HTMLTextAreaElement>('note');
  const text = note.value.trim();
  $('note-error').textContent = '';
  note.removeAttribute('aria-invalid');
  if (outcome === 'not_verified' && text.length < 3) {
    $('note-error').textContent = say(
      'Scriva perché non è stato possibile verificare l’identità.',
      'Say why the identity could not be verified.',
    );
    note.setAttribute('aria-invalid', 'true');
    return note.focus();
  }
  if (await finish('outcome', { outcome, note: text || undefined }, say(...OUTCOME_MESSAGES[outcome]))) note.value = '';
});
$('review-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const decision = ((e as SubmitEvent).submitter as HTMLButtonElement).value as 'approved' | 'rejected';
  const reason = select('reason').value as ConversionRejectionReason | '';
  if (decision === 'rejected' && !reason) {
    $('reason-error').textContent = say(
      'Scelga perché i documenti sono rifiutati.',
      'Choose why the documents are refused.',
    );
    return $('reason').focus();
  }
  $('reason-error').textContent = '';
  if (decision === 'approved')
    return void finish(
      'review',
      { decision },
      say('Approvati: il PIN ora è dispositivo.', 'Approved: the PIN is now dispositivo.'),
    );
  const why = word(REJECTION_REASON_WORDS[reason as ConversionRejectionReason]);
  void finish(
    'review',
    { decision, reason, note: $<HTMLTextAreaElement>('review-note').value || undefined },
    say(`Rifiutati: il cittadino riceve un’email (${why}).`, `Rejected: the citizen is told by email (${why}).`),
  );
});
$('attach-form').addEventListener('submit', (e) => {
  e.preventDefault();
  void finish(
    'attachment',
    { requestCode: input('request-code').value },
    say('Fax abbinato: ora attende l’esame.', 'Fax attached: it is now waiting for review.'),
  );
});
$('discard-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const reason = select('discard-reason').value as FaxDiscardReason | '';
  if (!reason) {
    $('discard-reason-error').textContent = say(
      'Scelga perché il fax viene scartato.',
      'Choose why the fax is discarded.',
    );
    return $('discard-reason').focus();
  }
  $('discard-reason-error').textContent = '';
  const why = word(FAX_DISCARD_WORDS[reason]);
  void finish(
    'discard',
    { reason },
    say(`Fax scartato (${why}); il suo contenuto è distrutto.`, `Fax discarded (${why}); its content is destroyed.`),
  );
});

// ---- Keyboard: a hundred calls a day without the mouse. Plain keys outside text fields; with Alt, anywhere. ----
const SHORTCUTS: Record<string, () => HTMLButtonElement | null> = {
  n: () => button('next'),
  c: () => button('dial'),
  k: () => button('check-answers'),
  1: () => document.querySelector('#call-form button[value=verified]'),
  2: () => document.querySelector('#call-form button[value=not_verified]'),
  3: () => document.querySelector('#call-form button[value=no_answer]'),
  p: () => button('release'),
};
document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || $('panel-queue').hidden) return;
  const t = e.target as HTMLElement;
  const typing =
    t.isContentEditable ||
    /^(TEXTAREA|SELECT)$/.test(t.tagName) ||
    (t instanceof HTMLInputElement && !/^(checkbox|radio|button|submit|reset)$/.test(t.type));
  if (typing && !e.altKey) return;
  // By the key's place, not its character: Alt+N types "~" on some layouts.
  const key = e.code.replace(/^(Key|Digit|Numpad)/, '').toLowerCase();
  const target = SHORTCUTS[key]?.();
  if (!target || target.disabled || target.closest('[hidden]')) return;
  e.preventDefault();
  target.click();
});
input('auto-next').checked = localStorage.getItem('autoNext') === '1';
$('auto-next').addEventListener('change', () =>
  localStorage.setItem('autoNext', input('auto-next').checked ? '1' : '0'),
);
$('release').addEventListener('click', () => void release(taskId()));

// ---- Callers: one caller's data never stays on screen for the next ----
function hideReadout() {
  $('readout-pin').textContent = '';
  $('readout-spelled').textContent = '';
  $('readout').hidden = true;
}
function hideIdentification() {
  $('identify-result').hidden = true;
  $('identify-result').textContent = '';
}
// What is still under way for one caller belongs to them: a late answer is dropped once the agent moves on.
const identification = latestOnly();
const registryCheck = latestOnly();
function hideRegistryCheck() {
  registryCheck();
  $('reg-check-result').hidden = true;
}
$('new-caller').addEventListener('click', () => {
  identification();
  $<HTMLFormElement>('identify-form').reset();
  hideIdentification();
  $<HTMLFormElement>('register-form').reset();
  hideRegistryCheck();
  markFields({});
  show('', 'ok');
  hideReadout();
  $('caller-cf').focus();
});
// Starting on one form clears what the other showed of the previous caller.
$('register-form').addEventListener('focusin', hideIdentification);
$('identify-form').addEventListener('focusin', hideReadout);

$('identify-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const current = identification();
  const out = $('identify-result');
  try {
    const r = await api<{
      caller: { firstName: string; lastName: string; fiscalCode: string };
      phonePinExpiresAt: string;
    }>('POST', '/api/agent/caller-identification', {
      fiscalCode: input('caller-cf').value,
      phonePin: input('caller-pin').value,
    });
    if (!current()) return;
    const who = `${r.caller.firstName} ${r.caller.lastName} (${r.caller.fiscalCode})`;
    const until = when(r.phonePinExpiresAt);
    out.className = 'banner ok';
    out.textContent = say(
      `Identificato: ${who}. PIN telefonico valido fino al ${until}.`,
      `Identified: ${who}. Phone PIN valid until ${until}.`,
    );
  } catch (err) {
    if (!current()) return;
    out.className = 'banner error';
    // What is wrong with what was typed, field by field: the agent reads it back to the caller.
    out.textContent = [
      messageOf(err).replace(/\.?$/, '.'),
      ...Object.values(fieldMessagesIn(lang, fieldsOf(err)) ?? {}),
    ].join(' ');
  }
  out.hidden = false;
  input('caller-pin').value = '';
});

// ---- Inbound registration: the caller's data, checked during the call; the first half shown once ----
const regInputs = () => [
  ...$('register-form').querySelectorAll<HTMLInputElement | HTMLSelectElement>('input[id^="reg."], select[id^="reg."]'),
];
function registration() {
  const body: Record<string, unknown> & { residence: Record<string, string> } = { residence: {} };
  for (const el of regInputs()) {
    const path = el.id.slice(4);
    const value = el instanceof HTMLInputElement && el.type === 'checkbox' ? el.checked : el.value;
    if (path.startsWith('residence.')) body.residence[path.slice(10)] = String(value);
    else body[path] = value;
  }
  return body;
}
function markFields(fields: Record<string, string> | undefined) {
  let first: HTMLElement | null = null;
  for (const el of regInputs()) {
    const message = fields?.[el.id.slice(4)] ?? '';
    $(el.id + '-error').textContent = message;
    if (message) {
      el.setAttribute('aria-invalid', 'true');
      first ??= el;
    } else el.removeAttribute('aria-invalid');
  }
  first?.focus();
}
const fieldsOf = (err: unknown) => (err instanceof ApiFailure ? err.fields : undefined);
// A verdict is on the data as they were checked: one changed field and it no longer applies.
$('register-form').addEventListener('input', (e) => {
  if ((e.target as HTMLElement).id !== 'reg.callerConfirmed') hideRegistryCheck();
});
$('reg-check').addEventListener('click', async () => {
  const current = registryCheck();
  const out = $('reg-check-result');
  try {
    const r = await api<{ registryMatches: boolean; differences: ValidationFailure[] }>(
      'POST',
      '/api/agent/phone-registrations/check',
      registration(),
    );
    if (!current()) return;
    markFields({});
    show('', 'ok');
    const differences = r.differences.map((f) => word(VALIDATION_FAILURE_WORDS[f], f)).join(', ');
    out.className = 'banner ' + (r.registryMatches ? 'ok' : 'error');
    out.textContent = r.registryMatches
      ? say(
          'L’anagrafe conferma questi dati. Li rilegga al chiamante e registri.',
          'The registry confirms these data. Read them back to the caller and register.',
        )
      : say(
          `L’anagrafe riporta altro: ${differences}. Ricontrolli con il chiamante ciò che ha scritto. La lettera del PIN va solo alla residenza che risulta all’INPS: se si è trasferito, gli dica di chiedere al suo comune di aggiornare la residenza, o di recarsi in una sede INPS con un documento d’identità.`,
          `The registry differs: ${differences}. Check what you typed with the caller. A PIN letter goes only to the residence INPS holds: if they moved, tell them to ask their comune to update their residence, or to go to an INPS office with an identity document.`,
        );
  } catch (err) {
    if (!current()) return;
    markFields(fieldsOf(err));
    out.className = 'banner error';
    out.textContent = messageOf(err);
  }
  out.hidden = false;
});
$('register-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const submit = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
  submit.disabled = true;
  try {
    const r = await api<{
      firstHalf: string;
      firstHalfSpelled: string[];
      deliveryChannel: 'sms' | 'email';
      requestId: string;
    }>('POST', '/api/agent/phone-registrations', registration());
    markFields({});
    show('', 'ok');
    form.reset();
    hideRegistryCheck();
    const group = (text: string, tag: 'span' | 'li', cls?: string) => {
      const el = document.createElement(tag);
      if (cls) el.className = cls;
      el.textContent = text;
      return el;
    };
    $('readout-pin').replaceChildren(
      ...[r.firstHalf.slice(0, 4), r.firstHalf.slice(4)].map((g) => group(g, 'span', 'group')),
    );
    $('readout-spelled').replaceChildren(...r.firstHalfSpelled.map((g) => group(g, 'li')));
    $('readout-channel').textContent =
      r.deliveryChannel === 'sms' ? say('per SMS', 'by SMS') : say('per email', 'by email');
    $('readout-request').textContent = r.requestId;
    $('readout').hidden = false;
    $('readout-title').focus();
  } catch (err) {
    markFields(fieldsOf(err));
    show(messageOf(err), 'error');
  } finally {
    submit.disabled = false;
  }
});
$('readout-done').addEventListener('click', () => {
  hideReadout();
  $('reg.fiscalCode').focus();
});

// ---- Supervision: live figures over server-sent events ----
let stream: EventSource | null = null;
function watchQueues() {
  if (stream) return;
  stream = new EventSource('/api/supervision/stream');
  // Refused for good (the browser stops retrying): a look at the session says whether it ended.
  stream.addEventListener('error', () => {
    if (stream?.readyState === EventSource.CLOSED)
      void api('GET', '/api/agent/session', undefined, true).catch(() => {});
  });
  stream.addEventListener('queues', (e) => {
    const s = JSON.parse((e as MessageEvent<string>).data) as SupervisionSnapshot;
    $('sup-updated').textContent = say('Aggiornato ', 'Updated ') + when(s.at);
    $('sup-queues').innerHTML = (Object.keys(TASK_KIND_WORDS) as TaskKind[])
      .map((k) => {
        const q = s.queues.find((x) => x.kind === k) ?? {
          open: 0,
          claimed: 0,
          escalated: 0,
          pastDue: 0,
          oldestOpenSince: null,
        };
        const oldest = q.oldestOpenSince ? `${age(q.oldestOpenSince)} (${when(q.oldestOpenSince)})` : '—';
        return `<tr data-kind="${k}"><th>${esc(word(TASK_KIND_WORDS[k]))}</th><td class="open">${q.open}</td><td>${q.claimed}</td><td>${q.escalated}</td><td${q.pastDue ? ' class="overdue"' : ''}>${q.pastDue}</td><td>${oldest}</td></tr>`;
      })
      .join('');
    $('sup-agents').innerHTML = s.agents
      .map(
        (a) =>
          `<tr><th>${esc(a.displayName)}</th><td>${a.completedToday}</td><td>${a.callsToday}</td><td>${a.registrationsToday}</td><td>${a.holding}</td></tr>`,
      )
      .join('');
    const cb = s.scheduledCallbacks;
    const next = when(cb.nextAt);
    $('sup-callbacks').textContent = !cb.count
      ? say('Nessuna richiesta attende di essere richiamata.', 'No request is waiting to be called again.')
      : cb.count === 1
        ? say(
            `1 richiesta attende di essere richiamata dopo una mancata risposta; torna in coda il ${next}.`,
            `1 request waits to be called again after nobody answered; the first comes back to the queue at ${next}.`,
          )
        : say(
            `${cb.count} richieste attendono di essere richiamate dopo una mancata risposta; la prima torna in coda il ${next}.`,
            `${cb.count} requests wait to be called again after nobody answered; the first comes back to the queue at ${next}.`,
          );
  });
  stream.onerror = () => {
    $('sup-updated').textContent = say('Connessione persa: riconnessione in corso…', 'Connection lost: reconnecting…');
  };
}
/** An audit row's details as a person reads them: one "what: value" per line, never raw JSON. */
function detailsList(details: Record<string, unknown> | null) {
  const entries = Object.entries(details ?? {});
  if (!entries.length) return '';
  const words = (k: string) =>
    k
      .replace(/([A-Z])/g, ' $1')
      .replace(/_/g, ' ')
      .toLowerCase();
  const value = (v: unknown): string =>
    v && typeof v === 'object'
      ? Object.entries(v)
          .map(([k, x]) => words(k) + ' ' + value(x))
          .join(', ')
      : String(v);
  return `<ul class="details">${entries.map(([k, v]) => `<li>${esc(words(k))}: ${esc(value(v))}</li>`).join('')}</ul>`;
}
// The trail of one request. Supervisors rarely hold a request's id: they look up a codice fiscale or a form's code,
// choose among the requests found, and read that one's trail.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const caseName = (c: FoundCase) =>
  word(CASE_KIND_WORDS[c.kind]) + (c.requestCode ? ` ${c.requestCode}` : '') + say(' del ', ' of ') + when(c.createdAt);
const trailLookup = latestOnly();
async function showTrail(requestId: string, title: string, current = trailLookup()) {
  $('audit-title').textContent = say(`Traccia: ${title}`, `Trail: ${title}`);
  $('audit-title').hidden = false;
  $('audit-rows').innerHTML = '';
  try {
    const r = await api<{ entries: AuditEntry[] }>(
      'GET',
      `/api/supervision/requests/${encodeURIComponent(requestId)}/audit`,
    );
    if (!current()) return;
    $('audit-rows').innerHTML = r.entries.length
      ? r.entries
          .map(
            (x) =>
              `<tr><td>${when(x.at)}</td><td>${esc(typeof x.actor === 'string' ? x.actor : x.actor.displayName)}</td><td>${esc(x.label[lang])}</td><td>${detailsList(x.details)}</td></tr>`,
          )
          .join('')
      : `<tr><td colspan="4" class="empty">${say('Nulla registrato per questa richiesta.', 'Nothing recorded for this request.')}</td></tr>`;
  } catch (err) {
    if (!current()) return;
    $('audit-rows').innerHTML = `<tr><td colspan="4" class="banner error">${esc(messageOf(err))}</td></tr>`;
  }
}
let casesFound: FoundCase[] = [];
$('audit-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const key = input('audit-id').value.trim();
  const current = trailLookup();
  $('audit-rows').innerHTML = '';
  $('audit-title').hidden = true;
  $('audit-cases').hidden = true;
  if (UUID.test(key)) return showTrail(key, key, current);
  const by = /^cnv/i.test(key) ? 'requestCode' : 'fiscalCode';
  let found: FoundCase[];
  try {
    ({ cases: found } = await api<{ cases: FoundCase[] }>(
      'GET',
      `/api/supervision/cases?${by}=${encodeURIComponent(key)}`,
    ));
  } catch (err) {
    if (!current()) return;
    $('audit-rows').innerHTML = `<tr><td colspan="4" class="banner error">${esc(messageOf(err))}</td></tr>`;
    return;
  }
  if (!current()) return;
  casesFound = found;
  $('audit-case-rows').innerHTML = casesFound.length
    ? casesFound
        .map(
          (c) =>
            `<tr><td>${when(c.createdAt)}</td><td>${esc(word(CASE_KIND_WORDS[c.kind]))}${c.requestCode ? ` <code>${esc(c.requestCode)}</code>` : ''}</td>` +
            `<td>${esc(word(CASE_CHANNEL_WORDS[c.channel], c.channel))}</td><td>${esc(word(CASE_STATUS_WORDS[c.status], c.status))}</td>` +
            `<td><button type="button" class="secondary" data-request-id="${esc(c.requestId)}">${say('Mostra la traccia', 'Show the trail')}</button></td></tr>`,
        )
        .join('')
    : `<tr><td colspan="5" class="empty">${say('Nessuna richiesta trovata.', 'No requests found.')}</td></tr>`;
  $('audit-cases').hidden = false;
  if (casesFound.length === 1) await showTrail(casesFound[0]!.requestId, caseName(casesFound[0]!), current);
});
$('audit-case-rows').addEventListener('click', (e) => {
  const chosen = casesFound.find(
    (c) => c.requestId === (e.target as HTMLElement).closest<HTMLElement>('[data-request-id]')?.dataset.requestId,
  );
  if (chosen) void showTrail(chosen.requestId, caseName(chosen));
});
void start();
