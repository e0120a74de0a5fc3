// The contact-center console: one page that signs staff in and shows what their roles allow. The task queue
// (filters, "next task", claim), each kind of task (a verification call with click-to-call, a document review with
// the documents side by side, an unreadable fax to attach), callers who ring 803 164, and live supervision.
import { FAX_DISCARD_REASONS, type AgentTaskKind, type FaxDiscardReason } from '../../../domain/agent-task';
import { ENDED_CALL_STATUSES, type CallStatus } from '../../../domain/calls';
import type { ConversionRejectionReason } from '../../../domain/conversion';
import type { ValidationFailure } from '../../../domain/pin-request';
import { formField, page } from '../../shared/html';

/** The caller's data, field for field the web form's, named by the API's field paths so errors land beside them. */
const REGISTRATION_FIELDS: [path: string, label: string, attrs: string][] = [
  ['fiscalCode', 'Codice fiscale', 'maxlength="16" autocomplete="off" style="text-transform:uppercase" required'],
  ['firstName', 'First name', 'autocomplete="off" required'],
  ['lastName', 'Last name', 'autocomplete="off" required'],
  ['birthDate', 'Date of birth', 'type="date" required'],
  ['birthPlace', 'Comune of birth (or state, if abroad)', 'autocomplete="off" required'],
  ['birthProvince', 'Province of birth (EE if abroad)', 'maxlength="2" style="text-transform:uppercase" required'],
  ['residence.street', 'Residence: street and number', 'autocomplete="off" required'],
  ['residence.city', 'Comune of residence', 'autocomplete="off" required'],
  ['residence.province', 'Province', 'maxlength="2" style="text-transform:uppercase" required'],
  ['residence.postalCode', 'Postal code', 'inputmode="numeric" maxlength="5" required'],
  ['phone', 'Mobile phone', 'type="tel" autocomplete="off" required'],
  ['email', 'Email', 'type="email" autocomplete="off" required'],
];
const registrationField = ([path, label, attrs]: (typeof REGISTRATION_FIELDS)[number]) =>
  formField({ name: `reg.${path}`, label, attrs });
const choice = (path: string, label: string, options: [string, string][]) =>
  `<div><label for="reg.${path}">${label}</label><select id="reg.${path}" aria-describedby="reg.${path}-error">${options
    .map(([v, l]) => `<option value="${v}">${l}</option>`)
    .join('')}</select><p class="field-error" id="reg.${path}-error" role="alert"></p></div>`;
const REGISTRATION_FORM = `<form id="register-form" novalidate><div class="grid">
${REGISTRATION_FIELDS.slice(0, 4).map(registrationField).join('')}
${choice('sex', 'Sex', [
  ['', '—'],
  ['F', 'F'],
  ['M', 'M'],
])}
${REGISTRATION_FIELDS.slice(4).map(registrationField).join('')}
${choice('deliveryChannel', 'First 8 characters also sent by', [
  ['sms', 'SMS'],
  ['email', 'Email'],
])}
</div>
<p><button type="button" class="secondary" id="reg-check">Check with the registry</button></p>
<div id="reg-check-result" role="status" hidden></div>
<p><label><input type="checkbox" id="reg.callerConfirmed" aria-describedby="reg.callerConfirmed-error" style="width:auto"> I read every field back to the caller and they confirmed it</label></p>
<p class="field-error" id="reg.callerConfirmed-error" role="alert"></p>
<p><button type="submit">Register and issue the PIN</button></p>
</form>`;

// The console's words for the domain's: every kind, reason and call status has one, or this does not compile.
const VALIDATION_FAILURE_LABELS: Record<ValidationFailure, string> = {
  not_in_registry: 'Not in the registry',
  name_mismatch: 'Name differs',
  birth_data_mismatch: 'Birth data differ',
  address_mismatch: 'Address differs from the registry',
  postal_code_mismatch: 'Postal code differs',
};
const TASK_KIND_LABELS: Record<AgentTaskKind, string> = {
  outbound_verification: 'Verification call',
  document_review: 'Document review',
  fax_attachment: 'Unreadable fax',
};
const REJECTION_REASON_LABELS: Record<ConversionRejectionReason, string> = {
  incomplete: 'Incomplete',
  illegible: 'Illegible',
  registry_mismatch: 'Does not match the registry',
};
const FAX_DISCARD_LABELS: Record<FaxDiscardReason, string> = {
  unreadable: 'The pages cannot be read',
  not_a_conversion_form: 'It is not a conversion form',
  blank_or_junk: 'Blank pages or junk',
};
const CALL_STATUS_LABELS: Record<CallStatus, string> = {
  agent_ringing: 'Your phone is ringing: answer it to be connected',
  citizen_ringing: 'Calling the citizen…',
  answered: 'Connected: you are speaking with the citizen',
  completed: 'Call ended',
  busy: 'The line was busy',
  no_answer: 'Nobody answered',
  failed: 'The call failed',
  agent_unreachable: 'Your phone did not answer',
};

/** The console's script, served as a file (services/agent-console/app.ts): the policy runs no inline script. */
export const CONSOLE_SCRIPT_PATH = '/assets/console.js';
export const CONSOLE_SCRIPT = `
const $ = (id) => document.getElementById(id);
const TZ = { timeZone: 'Europe/Rome' };
const FAILURES = ${JSON.stringify(VALIDATION_FAILURE_LABELS)};
const KINDS = ${JSON.stringify(TASK_KIND_LABELS)};
const REASONS = ${JSON.stringify(REJECTION_REASON_LABELS)};
const FAX_DISCARDS = ${JSON.stringify(FAX_DISCARD_LABELS)};
const CALL_STATUS = ${JSON.stringify(CALL_STATUS_LABELS)};
const ENDED = ${JSON.stringify(ENDED_CALL_STATUSES)};
let me = null;
let callWatch = null;

async function api(method, url, body) {
  const res = await fetch(url, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  const json = res.status === 204 ? null : await res.json();
  if (!res.ok) { const e = new Error(json && json.error ? json.error.message : res.statusText); e.status = res.status; e.fields = json && json.error && json.error.fields; throw e; }
  return json;
}
function show(message, kind) { const b = $('banner'); b.textContent = message; b.className = 'banner ' + kind; b.hidden = !message; }
function esc(s) { return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]); }
function when(iso) { return iso ? new Date(iso).toLocaleString('it-IT', TZ) : '—'; }
function age(iso) {
  const m = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60000));
  if (m < 60) return m + ' min';
  const h = Math.floor(m / 60);
  return h < 48 ? h + ' h ' + (m % 60) + ' min' : Math.floor(h / 24) + ' days';
}

async function start() {
  try { const s = await api('GET', '/api/agent/session'); signedIn(s.staff); } catch { $('login').hidden = false; $('username').focus(); }
}
function signedIn(staff) {
  if (staff.roles.includes('office_operator') && staff.roles.length === 1) { location.href = '/office'; return; }
  if (staff.roles.includes('ops') && staff.roles.length === 1) { location.href = '/ops'; return; }
  me = staff;
  $('login').hidden = true; $('app').hidden = false;
  $('who').textContent = staff.displayName + ' · ' + staff.roles.join(', ').replace(/_/g, ' ');
  const tabs = [];
  if (staff.taskKinds.length || staff.roles.includes('supervisor')) tabs.push('queue');
  if (staff.roles.includes('inbound_registration')) tabs.push('callers');
  if (staff.roles.includes('supervisor')) tabs.push('supervision');
  for (const t of ['queue', 'callers', 'supervision']) $('tab-' + t).hidden = !tabs.includes(t);
  const kinds = staff.roles.includes('supervisor') ? Object.keys(KINDS) : staff.taskKinds;
  $('filter-kind').innerHTML = '<option value="">All my kinds</option>' + kinds.map((k) => '<option value="' + k + '">' + KINDS[k] + '</option>').join('');
  $('next').hidden = !staff.taskKinds.length;
  if (!tabs.length) { show('Your account has no contact-center role.', 'error'); return; }
  showTab(tabs[0]);
}
function showTab(name) {
  for (const t of ['queue', 'callers', 'supervision']) {
    $('panel-' + t).hidden = t !== name;
    $('tab-' + t).setAttribute('aria-selected', String(t === name));
  }
  if (name === 'queue') loadTasks();
  if (name === 'supervision') watchQueues();
}
for (const t of ['queue', 'callers', 'supervision']) $('tab-' + t).addEventListener('click', () => showTab(t));

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  try { const s = await api('POST', '/api/agent/session', { username: f.get('username'), password: f.get('password') }); show('', 'ok'); signedIn(s.staff); }
  catch (err) { show(err.message, 'error'); }
});
$('logout').addEventListener('click', async () => { await api('DELETE', '/api/agent/session'); location.reload(); });

// ---- The queue ----
function why(t) {
  if (t.kind === 'outbound_verification') return (t.validationFailures || []).map((f) => '<span class="tag">' + esc(FAILURES[f] || f) + '</span>').join(' ') + (t.attempt > 1 ? ' <span class="meta">call ' + t.attempt + '</span>' : '');
  if (t.kind === 'document_review') return 'Request ' + esc(t.requestCode) + ', returned by ' + esc(t.returnedBy);
  return 'Fax from ' + esc(t.faxFrom || 'unknown number');
}
async function loadTasks() {
  const q = new URLSearchParams();
  for (const [k, id] of [['kind', 'filter-kind'], ['status', 'filter-status'], ['assignee', 'filter-assignee']]) if ($(id).value) q.set(k, $(id).value);
  let tasks;
  try { ({ tasks } = await api('GET', '/api/agent/tasks?' + q)); } catch (err) { show(err.message, 'error'); return; }
  $('queue-count').textContent = tasks.length + (tasks.length === 1 ? ' task' : ' tasks');
  const body = $('tasks');
  body.innerHTML = tasks.length ? '' : '<tr><td colspan="8" class="empty">No tasks match. Well done.</td></tr>';
  for (const t of tasks) {
    const tr = document.createElement('tr');
    tr.dataset.taskId = t.taskId;
    tr.dataset.kind = t.kind;
    const overdue = new Date(t.dueAt).getTime() < Date.now();
    tr.innerHTML = '<td>' + (t.priority === 'high' ? '<span class="tag escalated" title="Waiting past its time">Escalated</span>' : 'Normal') +
      '</td><td>' + esc(KINDS[t.kind]) + '</td><td>' + esc(t.citizenName || '—') + (t.fiscalCodeMasked ? '<br><code>' + esc(t.fiscalCodeMasked) + '</code>' : '') +
      '</td><td>' + why(t) + '</td><td title="' + esc(when(t.createdAt)) + '">' + age(t.createdAt) +
      '</td><td' + (overdue ? ' class="overdue"' : '') + '>' + when(t.dueAt) + (overdue ? ' <span class="tag escalated">past due</span>' : '') +
      '</td><td>' + (t.status === 'open' ? 'Open' : 'Claimed by ' + esc(t.claimedByMe ? 'you' : t.claimedBy)) + '</td><td></td>';
    const cell = tr.lastChild;
    if (t.claimedByMe) cell.appendChild(button('Open', () => openTask(t.taskId)));
    else if (t.status === 'open' && me.taskKinds.includes(t.kind)) cell.appendChild(button('Claim', () => claim(t.taskId)));
    else if (t.status === 'claimed' && me.roles.includes('supervisor')) cell.appendChild(button('Return to queue', () => release(t.taskId), 'secondary'));
    body.appendChild(tr);
  }
}
function button(label, onClick, cls) { const b = document.createElement('button'); b.type = 'button'; b.textContent = label; if (cls) b.className = cls; b.addEventListener('click', onClick); return b; }
$('filters').addEventListener('change', () => loadTasks());
$('filters').addEventListener('submit', (e) => e.preventDefault());
$('refresh').addEventListener('click', () => loadTasks());
$('next').addEventListener('click', async () => {
  try {
    const next = await api('POST', '/api/agent/tasks/next');
    if (!next) { show('Nothing in the queue for you right now.', 'ok'); return; }
    show('', 'ok'); await openTask(next.taskId); loadTasks();
  } catch (err) { show(err.message, 'error'); }
});
async function claim(id) {
  try { await api('POST', '/api/agent/tasks/' + id + '/claim'); show('', 'ok'); await openTask(id); loadTasks(); }
  catch (err) { show(err.message, 'error'); loadTasks(); }
}
async function release(id) {
  try { await api('POST', '/api/agent/tasks/' + id + '/release'); $('detail').hidden = true; stopCallWatch(); loadTasks(); } catch (err) { show(err.message, 'error'); }
}
// Refreshes the list while nobody is working a task on screen, so new work shows up by itself.
setInterval(() => { if (me && !$('panel-queue').hidden && $('detail').hidden) loadTasks(); }, 15000);

// ---- One task ----
const LABELS = { fiscalCode: 'Codice fiscale', firstName: 'First name', lastName: 'Last name', birthDate: 'Born', sex: 'Sex', birthPlace: 'Birthplace', address: 'Residence', phone: 'Phone', email: 'Email' };
function personRows(p) {
  return ['fiscalCode', 'firstName', 'lastName', 'birthDate', 'sex', 'birthPlace', 'address'].map((k) => '<tr><th>' + LABELS[k] + '</th><td>' + esc(p[k]) + '</td></tr>').join('');
}
function documentView(d) {
  const label = { signed_form: 'Signed form', identity_document: 'Identity document', fax: 'Fax received' }[d.role];
  const view = d.contentType === 'application/pdf'
    ? '<iframe src="' + d.url + '" title="' + label + '"></iframe>'
    : '<img src="' + d.url + '" alt="' + label + '">';
  return '<figure class="document" data-role="' + d.role + '"><figcaption>' + label + ' · <a href="' + d.url + '" target="_blank" rel="noopener">open in a new tab</a></figcaption>' + view + '</figure>';
}
function historyView(history) {
  if (!history || !history.length) return '';
  const items = history.map((a) => '<li>Call ' + a.attempt + ': ' + esc(a.outcome ? a.outcome.replace(/_/g, ' ') : a.status) + (a.agent ? ' · ' + esc(a.agent) : '') + (a.completedAt ? ' · ' + when(a.completedAt) : '') +
    (a.calls.length ? '<ul>' + a.calls.map((c) => '<li>' + when(c.placedAt) + ': ' + esc(CALL_STATUS[c.status] || c.status) + (c.durationSeconds != null ? ' (' + c.durationSeconds + ' s)' : '') + '</li>').join('') + '</ul>' : '') + '</li>');
  return '<h3>Attempts to reach the citizen</h3><ol class="history">' + items.join('') + '</ol>';
}
async function openTask(id) {
  const t = await api('GET', '/api/agent/tasks/' + id);
  for (const s of ['call', 'review', 'attach', 'discard']) $(s + '-form').hidden = true;
  $('detail').hidden = false;
  $('detail').dataset.taskId = id;
  $('documents').innerHTML = (t.documents || []).map(documentView).join('');
  $('history').innerHTML = historyView(t.callHistory);
  $('call-status').textContent = '';
  if (t.kind === 'outbound_verification') {
    const rows = ['fiscalCode', 'firstName', 'lastName', 'birthDate', 'sex', 'birthPlace', 'address', 'phone', 'email'];
    $('detail-title').textContent = 'Call ' + t.citizenName + ' (call ' + t.attempt + ')';
    $('detail-hint').textContent = 'Call the citizen. Ask them their birthplace, birth date and where they live, type what they say and check it: the screen says whether it matches what INPS holds, never the answer. Never ask for a PIN. "Verified" needs the residence INPS holds; the letter goes only there.';
    const differing = { name_mismatch: ['firstName', 'lastName'], birth_data_mismatch: ['birthDate', 'sex', 'birthPlace'], address_mismatch: ['address'], postal_code_mismatch: ['address'] };
    const marked = new Set((t.validationFailures || []).flatMap((f) => differing[f] || []));
    $('detail-table').innerHTML = '<tr><th></th><th>Declared in the request</th></tr>' + rows.map((k) => {
      const differs = marked.has(k);
      return '<tr' + (differs ? ' class="differs"' : '') + '><th>' + LABELS[k] + (differs ? ' <span class="tag escalated">differs from the registry</span>' : '') + '</th><td>' + esc(t.declared[k]) + '</td></tr>';
    }).join('');
    showChecks(t.registryChecks || {});
    $('call-form').hidden = false;
    $('dial').hidden = !t.declared.phone;
  } else if (t.kind === 'document_review') {
    $('detail-title').textContent = 'Review the documents of ' + t.citizenName + ' (request ' + t.requestCode + ')';
    $('detail-hint').textContent = 'Check that the form is signed, the identity document is readable and valid, and both match the registry below.';
    $('detail-table').innerHTML = '<tr><th colspan="2">Registry</th></tr>' + personRows(t.registry);
    $('review-form').hidden = false;
  } else {
    $('detail-title').textContent = 'Attach a fax (from ' + (t.faxFrom || 'unknown number') + ')';
    $('detail-hint').textContent = 'The code on this fax could not be read. Find the request code printed on the form (CNV-XXXX-XXXX) and type it.';
    $('detail-table').innerHTML = '';
    $('attach-form').hidden = false;
    $('discard-form').hidden = false;
  }
  $('detail-title').focus();
}
async function finish(url, body, message) {
  try {
    await api('POST', url, body);
    show(message, 'ok');
    $('detail').hidden = true; stopCallWatch(); loadTasks();
    if ($('auto-next').checked) $('next').click();
    return true;
  } catch (err) {
    show(err.message, 'error');
    return false;
  }
}

// Click-to-call: the phone system rings the agent, then the citizen; the status follows the call as Twilio reports it.
function stopCallWatch() { if (callWatch) clearInterval(callWatch); callWatch = null; }
$('dial').addEventListener('click', async () => {
  const id = $('detail').dataset.taskId;
  try {
    const call = await api('POST', '/api/agent/tasks/' + id + '/calls');
    $('call-status').textContent = CALL_STATUS[call.status];
    stopCallWatch();
    callWatch = setInterval(async () => {
      const t = await api('GET', '/api/agent/tasks/' + id).catch(() => null);
      const attempt = t && t.callHistory.find((a) => a.calls.some((c) => c.callId === call.callId));
      const c = attempt && attempt.calls.find((c) => c.callId === call.callId);
      if (!c) return;
      $('call-status').textContent = CALL_STATUS[c.status] || c.status;
      $('history').innerHTML = historyView(t.callHistory);
      if (ENDED.includes(c.status)) stopCallWatch();
    }, 1500);
  } catch (err) { $('call-status').textContent = err.message; }
});
// The caller's answers, checked against the registry: right or wrong, never the registry's value.
const CHECK_LABELS = { birthPlace: 'Birthplace', birthDate: 'Birth date', residence: 'Residence' };
function showChecks(checks) {
  const items = Object.keys(CHECK_LABELS).filter((k) => checks[k]).map((k) => {
    const c = checks[k], result = c.result || c;
    return '<li class="' + (result === 'matches' ? 'ok' : 'overdue') + '">' + CHECK_LABELS[k] + ': ' + (result === 'matches' ? 'matches what INPS holds' : 'does not match what INPS holds') + '</li>';
  });
  $('answer-checks').innerHTML = items.join('');
}
$('check-answers').addEventListener('click', async () => {
  const v = (id) => $(id).value.trim();
  const body = {};
  if (v('ans-birth-place')) body.birthPlace = v('ans-birth-place');
  if (v('ans-birth-date')) body.birthDate = v('ans-birth-date');
  if (v('ans-street') || v('ans-postal-code') || v('ans-city')) body.residence = { street: v('ans-street'), postalCode: v('ans-postal-code'), city: v('ans-city') };
  try {
    const r = await api('POST', '/api/agent/tasks/' + $('detail').dataset.taskId + '/answers', body);
    const t = await api('GET', '/api/agent/tasks/' + $('detail').dataset.taskId);
    showChecks(t.registryChecks || r.checks); show('', 'ok');
  } catch (err) { show(err.message, 'error'); }
});
$('call-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const outcome = e.submitter.value;
  const note = $('note').value.trim();
  $('note-error').textContent = '';
  $('note').removeAttribute('aria-invalid');
  if (outcome === 'not_verified' && note.length < 3) {
    $('note-error').textContent = 'Say why the identity could not be verified';
    $('note').setAttribute('aria-invalid', 'true'); $('note').focus(); return;
  }
  const done = await finish('/api/agent/tasks/' + $('detail').dataset.taskId + '/outcome', { outcome, note: note || undefined },
    { verified: 'Verified: the PIN is on its way to the citizen.', not_verified: 'Not verified: the request is rejected and the citizen is told why.', no_answer: 'No answer: the call comes back to the queue later.' }[outcome]);
  if (done) $('note').value = '';
});
$('review-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const decision = e.submitter.value;
  const reason = $('reason').value;
  if (decision === 'rejected' && !reason) { $('reason-error').textContent = 'Choose why the documents are refused'; $('reason').focus(); return; }
  $('reason-error').textContent = '';
  const body = decision === 'approved' ? { decision } : { decision, reason, note: $('review-note').value || undefined };
  finish('/api/agent/tasks/' + $('detail').dataset.taskId + '/review', body, decision === 'approved' ? 'Approved: the PIN is now dispositivo.' : 'Rejected: the citizen is told by email (' + REASONS[reason] + ').');
});
$('attach-form').addEventListener('submit', (e) => {
  e.preventDefault();
  finish('/api/agent/tasks/' + $('detail').dataset.taskId + '/attachment', { requestCode: $('request-code').value }, 'Fax attached: it is now waiting for review.');
});
$('discard-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const reason = $('discard-reason').value;
  if (!reason) { $('discard-reason-error').textContent = 'Choose why the fax is discarded'; $('discard-reason').focus(); return; }
  $('discard-reason-error').textContent = '';
  finish('/api/agent/tasks/' + $('detail').dataset.taskId + '/discard', { reason }, 'Fax discarded (' + FAX_DISCARDS[reason] + '); its content is destroyed.');
});
// ---- Keyboard: a hundred calls a day without the mouse. Plain keys outside text fields; with Alt, anywhere. ----
const SHORTCUTS = {
  n: () => $('next'),
  c: () => $('dial'),
  k: () => $('check-answers'),
  1: () => document.querySelector('#call-form button[value=verified]'),
  2: () => document.querySelector('#call-form button[value=not_verified]'),
  3: () => document.querySelector('#call-form button[value=no_answer]'),
  p: () => $('release'),
};
document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || $('panel-queue').hidden) return;
  const t = e.target;
  const typing = t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName) || (t.tagName === 'INPUT' && !/^(checkbox|radio|button|submit|reset)$/.test(t.type));
  if (typing && !e.altKey) return;
  // By the key's place, not its character: Alt+N types "~" on some layouts.
  const key = e.code.replace(/^(Key|Digit|Numpad)/, '').toLowerCase();
  const target = SHORTCUTS[key] && SHORTCUTS[key]();
  if (!target || target.disabled || target.closest('[hidden]')) return;
  e.preventDefault();
  target.click();
});
$('auto-next').checked = localStorage.getItem('autoNext') === '1';
$('auto-next').addEventListener('change', () => localStorage.setItem('autoNext', $('auto-next').checked ? '1' : '0'));
$('release').addEventListener('click', () => release($('detail').dataset.taskId));

// ---- Callers: one caller's data never stays on screen for the next ----
function newCaller() {
  $('identify-form').reset(); $('identify-result').hidden = true; $('identify-result').textContent = '';
  $('register-form').reset(); $('reg-check-result').hidden = true; markFields({}); show('', 'ok');
  $('readout-pin').textContent = ''; $('readout-spelled').textContent = ''; $('readout').hidden = true;
  $('caller-cf').focus();
}
$('new-caller').addEventListener('click', newCaller);
// Starting on one form clears what the other showed of the previous caller.
$('register-form').addEventListener('focusin', () => { $('identify-result').hidden = true; $('identify-result').textContent = ''; });
$('identify-form').addEventListener('focusin', () => { $('readout-pin').textContent = ''; $('readout-spelled').textContent = ''; $('readout').hidden = true; });

$('identify-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const out = $('identify-result');
  try {
    const r = await api('POST', '/api/agent/caller-identification', { fiscalCode: $('caller-cf').value, phonePin: $('caller-pin').value });
    out.className = 'banner ok';
    out.textContent = 'Identified: ' + r.caller.firstName + ' ' + r.caller.lastName + ' (' + r.caller.fiscalCode + '). Phone PIN valid until ' + when(r.phonePinExpiresAt) + '.';
  } catch (err) { out.className = 'banner error'; out.textContent = err.message; }
  out.hidden = false; $('caller-pin').value = '';
});

// ---- Inbound registration: the caller's data, checked during the call; the first half shown once ----
const regInputs = () => [...$('register-form').querySelectorAll('input[id^="reg."], select[id^="reg."]')];
function registration() {
  const body = { residence: {} };
  for (const el of regInputs()) {
    const path = el.id.slice(4);
    const value = el.type === 'checkbox' ? el.checked : el.value;
    if (path.startsWith('residence.')) body.residence[path.slice(10)] = value; else body[path] = value;
  }
  return body;
}
function markFields(fields) {
  let first = null;
  for (const el of regInputs()) {
    const message = (fields || {})[el.id.slice(4)] || '';
    $(el.id + '-error').textContent = message;
    if (message) { el.setAttribute('aria-invalid', 'true'); first = first || el; } else el.removeAttribute('aria-invalid');
  }
  if (first) first.focus();
}
$('reg-check').addEventListener('click', async () => {
  const out = $('reg-check-result');
  try {
    const r = await api('POST', '/api/agent/phone-registrations/check', registration());
    markFields({}); show('', 'ok');
    out.className = 'banner ' + (r.registryMatches ? 'ok' : 'error');
    out.textContent = r.registryMatches
      ? 'The registry confirms these data. Read them back to the caller and register.'
      : 'The registry differs: ' + r.differences.map((f) => FAILURES[f] || f).join(', ') + '. Check what you typed with the caller. A PIN letter goes only to the residence INPS holds: if they moved, tell them to ask their comune to update their residence, or to go to an INPS office with an identity document.';
  } catch (err) { markFields(err.fields); out.className = 'banner error'; out.textContent = err.message; }
  out.hidden = false;
});
$('register-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const submit = e.target.querySelector('button[type=submit]');
  submit.disabled = true;
  try {
    const r = await api('POST', '/api/agent/phone-registrations', registration());
    markFields({}); show('', 'ok');
    e.target.reset(); $('reg-check-result').hidden = true;
    $('readout-pin').replaceChildren(...[r.firstHalf.slice(0, 4), r.firstHalf.slice(4)].map((g) => { const s = document.createElement('span'); s.className = 'group'; s.textContent = g; return s; }));
    $('readout-spelled').replaceChildren(...r.firstHalfSpelled.map((g) => { const li = document.createElement('li'); li.textContent = g; return li; }));
    $('readout-channel').textContent = r.deliveryChannel === 'sms' ? 'by SMS' : 'by email';
    $('readout-request').textContent = r.requestId;
    $('readout').hidden = false; $('readout-title').focus();
  } catch (err) { markFields(err.fields); show(err.message, 'error'); }
  finally { submit.disabled = false; }
});
$('readout-done').addEventListener('click', () => { $('readout-pin').textContent = ''; $('readout-spelled').textContent = ''; $('readout').hidden = true; $('reg.fiscalCode').focus(); });

// ---- Supervision: live figures over server-sent events ----
let stream = null;
function watchQueues() {
  if (stream) return;
  stream = new EventSource('/api/supervision/stream');
  stream.addEventListener('queues', (e) => {
    const s = JSON.parse(e.data);
    $('sup-updated').textContent = 'Updated ' + when(s.at);
    $('sup-queues').innerHTML = Object.keys(KINDS).map((k) => {
      const q = s.queues.find((x) => x.kind === k) || { open: 0, claimed: 0, escalated: 0, pastDue: 0, oldestOpenSince: null };
      return '<tr data-kind="' + k + '"><th>' + KINDS[k] + '</th><td class="open">' + q.open + '</td><td>' + q.claimed + '</td><td>' + q.escalated + '</td><td' + (q.pastDue ? ' class="overdue"' : '') + '>' + q.pastDue + '</td><td>' + (q.oldestOpenSince ? age(q.oldestOpenSince) + ' (' + when(q.oldestOpenSince) + ')' : '—') + '</td></tr>';
    }).join('');
    $('sup-agents').innerHTML = s.agents.map((a) => '<tr><th>' + esc(a.displayName) + '</th><td>' + a.completedToday + '</td><td>' + a.callsToday + '</td><td>' + a.registrationsToday + '</td><td>' + a.holding + '</td></tr>').join('');
    const cb = s.scheduledCallbacks;
    $('sup-callbacks').textContent = cb.count
      ? cb.count + (cb.count === 1 ? ' request waits' : ' requests wait') + ' to be called again after nobody answered; the first comes back to the queue at ' + when(cb.nextAt) + '.'
      : 'No request is waiting to be called again.';
  });
  stream.onerror = () => { $('sup-updated').textContent = 'Connection lost: reconnecting…'; };
}
/** An audit row's details as a person reads them: one "what: value" per line, never raw JSON. */
function detailsList(details) {
  const entries = Object.entries(details || {});
  if (!entries.length) return '';
  const words = (k) => k.replace(/([A-Z])/g, ' $1').replace(/_/g, ' ').toLowerCase();
  const value = (v) => (v && typeof v === 'object' ? Object.entries(v).map(([k, x]) => words(k) + ' ' + value(x)).join(', ') : String(v));
  return '<ul class="details">' + entries.map(([k, v]) => '<li>' + esc(words(k)) + ': ' + esc(value(v)) + '</li>').join('') + '</ul>';
}
$('audit-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const r = await api('GET', '/api/supervision/requests/' + encodeURIComponent($('audit-id').value.trim()) + '/audit');
    $('audit-rows').innerHTML = r.entries.length ? r.entries.map((x) => '<tr><td>' + when(x.at) + '</td><td>' + esc(typeof x.actor === 'string' ? x.actor : x.actor.displayName) + '</td><td><span lang="it">' + esc(x.label.it) + '</span><br><small class="meta">' + esc(x.label.en) + '</small></td><td>' + detailsList(x.details) + '</td></tr>').join('') : '<tr><td colspan="4" class="empty">Nothing recorded for this request.</td></tr>';
  } catch (err) { $('audit-rows').innerHTML = '<tr><td colspan="4" class="banner error">' + esc(err.message) + '</td></tr>'; }
});
start();
`;

export function consolePage(): string {
  return page({
    title: 'Agent console',
    heading: 'Contact center',
    intro:
      'Verification calls for requests the registry could not confirm, documents returned to convert a PIN to dispositivo, faxes whose code could not be read, and callers. Escalated tasks come first, then the oldest.',
    body: `<div id="banner" class="banner" role="alert" hidden></div>
<section id="login" class="card" hidden>
<h2>Sign in</h2>
<form id="login-form">
<div class="grid"><div><label for="username">Username</label><input id="username" name="username" autocomplete="username" required></div>
<div><label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required></div></div>
<p><button type="submit">Sign in</button></p>
</form></section>
<section id="app" hidden>
<p class="meta">Signed in as <strong id="who"></strong> · <button class="secondary" id="logout">Sign out</button></p>
<nav class="tabs" role="tablist" aria-label="Console sections">
<button type="button" role="tab" id="tab-queue" aria-controls="panel-queue">Task queue</button>
<button type="button" role="tab" id="tab-callers" aria-controls="panel-callers">Callers (803 164)</button>
<button type="button" role="tab" id="tab-supervision" aria-controls="panel-supervision">Supervision</button>
</nav>
<section id="panel-queue" role="tabpanel" aria-labelledby="tab-queue" hidden>
<form id="filters" class="filters">
<div><label for="filter-kind">Kind</label><select id="filter-kind"></select></div>
<div><label for="filter-status">State</label><select id="filter-status"><option value="any">Open or claimed</option><option value="open">Open</option><option value="claimed">Claimed</option></select></div>
<div><label for="filter-assignee">Assignee</label><select id="filter-assignee"><option value="any">Anyone</option><option value="none">Nobody (unclaimed)</option><option value="me">Me</option></select></div>
<div class="actions"><button type="button" id="next" aria-keyshortcuts="N Alt+N">Next task</button> <button type="button" class="secondary" id="refresh">Refresh</button> <span class="meta" id="queue-count" aria-live="polite"></span></div>
<div class="check"><input type="checkbox" id="auto-next"><label for="auto-next">After an outcome, open the next task</label></div>
</form>
<p class="meta" id="shortcuts">Keyboard: <kbd>N</kbd> next task · <kbd>C</kbd> call · <kbd>K</kbd> check the answers · <kbd>1</kbd> verified · <kbd>2</kbd> not verified · <kbd>3</kbd> no answer · <kbd>P</kbd> put back. In a text field, hold <kbd>Alt</kbd>.</p>
<div class="split"><div class="split-queue"><table class="queue"><caption class="visually-hidden">Tasks, most urgent first, then oldest</caption>
<thead><tr><th scope="col">Priority</th><th scope="col">Task</th><th scope="col">Citizen</th><th scope="col">Why it is here</th><th scope="col">Waiting</th><th scope="col">Due</th><th scope="col">State</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead><tbody id="tasks"></tbody></table></div>
<section id="detail" class="card" hidden>
<h2 id="detail-title" tabindex="-1"></h2>
<p class="meta" id="detail-hint"></p>
<table id="detail-table"></table>
<div id="history"></div>
<div id="documents" class="documents"></div>
<form id="call-form" hidden style="margin-top:1rem">
<p><button type="button" id="dial" aria-keyshortcuts="C Alt+C">Call the citizen</button> <span id="call-status" role="status" aria-live="polite"></span></p>
<fieldset><legend>Ask the caller, then check what they say</legend>
<div class="grid"><div><label for="ans-birth-place">Where were you born?</label><input id="ans-birth-place" autocomplete="off"></div>
<div><label for="ans-birth-date">When were you born? (YYYY-MM-DD)</label><input id="ans-birth-date" autocomplete="off" inputmode="numeric"></div>
<div><label for="ans-street">Where do you live? Street and number</label><input id="ans-street" autocomplete="off"></div>
<div><label for="ans-postal-code">What is the postal code?</label><input id="ans-postal-code" autocomplete="off" inputmode="numeric" maxlength="5"></div>
<div><label for="ans-city">In which comune?</label><input id="ans-city" autocomplete="off"></div></div>
<p><button type="button" class="secondary" id="check-answers" aria-keyshortcuts="K Alt+K">Check the answers</button></p>
<ul id="answer-checks" aria-live="polite"></ul></fieldset>
<label for="note">Note (required for "Not verified": why; stays in the case file)</label><textarea id="note" rows="2" maxlength="1000" aria-describedby="note-error"></textarea>
<p class="field-error" id="note-error" role="alert"></p>
<p><button name="outcome" value="verified" aria-keyshortcuts="1 Alt+1">Verified</button>
<button name="outcome" value="not_verified" class="danger" aria-keyshortcuts="2 Alt+2">Not verified</button>
<button name="outcome" value="no_answer" class="secondary" aria-keyshortcuts="3 Alt+3">No answer</button></p>
</form>
<form id="review-form" hidden style="margin-top:1rem">
<div class="grid"><div><label for="reason">If you refuse them, why</label>
<select id="reason" aria-describedby="reason-error"><option value="">—</option><option value="incomplete">Incomplete (form or document missing)</option><option value="illegible">Illegible</option><option value="registry_mismatch">Does not match the registry</option></select>
<p class="field-error" id="reason-error" role="alert"></p></div>
<div><label for="review-note">Note (optional, stays in the case file)</label><textarea id="review-note" rows="2" maxlength="1000"></textarea></div></div>
<p><button name="decision" value="approved">Approve: make the PIN dispositivo</button>
<button name="decision" value="rejected" class="danger">Reject</button></p>
</form>
<form id="attach-form" hidden style="margin-top:1rem">
<div class="grid"><div><label for="request-code">Request code on the form</label><input id="request-code" autocomplete="off" placeholder="CNV-XXXX-XXXX" required></div></div>
<p><button type="submit">Attach to this request</button></p>
</form>
<form id="discard-form" hidden style="margin-top:1rem">
<div class="grid"><div><label for="discard-reason">Or discard it, because</label><select id="discard-reason" required aria-describedby="discard-reason-error"><option value="">Choose…</option>${FAX_DISCARD_REASONS.map((r) => `<option value="${r}">${FAX_DISCARD_LABELS[r]}</option>`).join('')}</select>
<p class="field-error" id="discard-reason-error" role="alert"></p></div></div>
<p><button type="submit" class="danger">Discard the fax</button></p>
</form>
<p><button type="button" id="release" class="secondary" aria-keyshortcuts="P Alt+P">Put back in the queue</button></p>
</section></div>
</section>
<section id="panel-callers" role="tabpanel" aria-labelledby="tab-callers" hidden>
<p><button type="button" id="new-caller" class="secondary">New caller: clear the screen</button></p>
<section class="card" id="identify"><h2>Identify a caller</h2>
<p class="meta">A caller who uses SPID reads out their codice fiscale and the phone PIN they made. Wrong PINs in a row suspend identification for that codice fiscale, as at sign-in.</p>
<form id="identify-form"><div class="grid">
<div><label for="caller-cf">Caller's codice fiscale</label><input id="caller-cf" autocomplete="off" maxlength="16" required style="text-transform:uppercase"></div>
<div><label for="caller-pin">Phone PIN</label><input id="caller-pin" autocomplete="off" maxlength="12" required></div>
</div><p><button type="submit">Identify</button></p></form>
<div id="identify-result" role="status" hidden></div></section>
<section class="card" id="register"><h2>Register a caller for a PIN</h2>
<p class="meta">Type what the caller says, check it with the registry while they are on the line, and read it back. The PIN is issued at once: its first 8 characters appear here one time only, for you to read out; they also go by SMS or email, and the other 8 by letter to the residence.</p>
${REGISTRATION_FORM}
<div id="readout" class="banner ok" hidden>
<h3 id="readout-title" tabindex="-1">Read these 8 characters to the caller</h3>
<p class="pin" id="readout-pin"></p>
<ol id="readout-spelled" class="spelled" aria-label="Spelled for the phone"></ol>
<p>They will not be shown again. The caller also receives them <span id="readout-channel"></span>; the other 8 come by letter. Request <code id="readout-request"></code>.</p>
<p><button type="button" id="readout-done">Done: hide them</button></p>
</div></section>
</section>
<section id="panel-supervision" role="tabpanel" aria-labelledby="tab-supervision" hidden>
<p class="meta" id="sup-updated" aria-live="polite">Connecting…</p>
<h2>Queues</h2>
<table><thead><tr><th scope="col">Kind</th><th scope="col">Open</th><th scope="col">Claimed</th><th scope="col">Escalated</th><th scope="col">Past due</th><th scope="col">Oldest waiting</th></tr></thead><tbody id="sup-queues"></tbody></table>
<p class="meta" id="sup-callbacks"></p>
<h2>Agents today</h2>
<table><thead><tr><th scope="col">Agent</th><th scope="col">Tasks completed</th><th scope="col">Calls placed</th><th scope="col">Callers registered</th><th scope="col">Holding now</th></tr></thead><tbody id="sup-agents"></tbody></table>
<h2>Audit trail of a request</h2>
<form id="audit-form" class="filters"><div><label for="audit-id">Request id (PIN request, conversion or fax)</label><input id="audit-id" required autocomplete="off"></div>
<div class="actions"><button type="submit">Show</button></div></form>
<table><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Details</th></tr></thead><tbody id="audit-rows"></tbody></table>
</section>
</section>
`,
    scripts: [CONSOLE_SCRIPT_PATH],
  });
}
