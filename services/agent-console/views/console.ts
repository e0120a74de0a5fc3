// The agent console: one page that signs the agent in, shows the queue, and walks through each kind of task: a
// verification call, a document review with the documents side by side, an unreadable fax to attach.
import { page } from '../../shared/html';

const SCRIPT = `
const $ = (id) => document.getElementById(id);
const FAILURES = {
  not_in_registry: 'Not in the registry', name_mismatch: 'Name differs', birth_data_mismatch: 'Birth data differ',
  address_mismatch: 'Address differs from the registry', postal_code_mismatch: 'Postal code differs',
};
async function api(method, url, body) {
  const res = await fetch(url, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  const json = res.status === 204 ? {} : await res.json();
  if (!res.ok) { const e = new Error(json.error ? json.error.message : res.statusText); e.status = res.status; throw e; }
  return json;
}
function show(message, kind) { const b = $('banner'); b.textContent = message; b.className = 'banner ' + kind; b.hidden = !message; }
function esc(s) { return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]); }

async function start() {
  try { const s = await api('GET', '/api/agent/session'); signedIn(s.staff); } catch { $('login').hidden = false; }
}
function signedIn(staff) {
  if (staff.role === 'office_operator') { location.href = '/office'; return; }
  $('login').hidden = true; $('queue').hidden = false; $('who').textContent = staff.displayName + ' (' + staff.role.replace(/_/g, ' ') + ')';
  loadTasks();
}
$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  try { const s = await api('POST', '/api/agent/session', { username: f.get('username'), password: f.get('password') }); show('', 'ok'); signedIn(s.staff); }
  catch (err) { show(err.message, 'error'); }
});
$('identify-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const out = $('identify-result');
  try {
    const r = await api('POST', '/api/agent/caller-identification', { fiscalCode: $('caller-cf').value, phonePin: $('caller-pin').value });
    out.className = 'banner ok';
    out.textContent = 'Identified: ' + r.caller.firstName + ' ' + r.caller.lastName + ' (' + r.caller.fiscalCode + '). Phone PIN valid until ' + new Date(r.phonePinExpiresAt).toLocaleString('it-IT') + '.';
  } catch (err) { out.className = 'banner error'; out.textContent = err.message; }
  out.hidden = false; $('caller-pin').value = '';
});
$('logout').addEventListener('click', async () => { await api('DELETE', '/api/agent/session'); location.reload(); });
$('refresh').addEventListener('click', () => loadTasks());

const KINDS = { outbound_verification: 'Outbound verification call', document_review: 'Document review (PIN dispositivo)', fax_attachment: 'Unreadable fax: attach it' };
const REASONS = { incomplete: 'Incomplete', illegible: 'Illegible', registry_mismatch: 'Does not match the registry' };
function why(t) {
  if (t.kind === 'outbound_verification') return t.validationFailures.map((f) => '<span class="tag">' + esc(FAILURES[f] || f) + '</span>').join(' ');
  if (t.kind === 'document_review') return 'Request ' + esc(t.requestCode) + ', returned by ' + esc(t.returnedBy);
  return 'Fax from ' + esc(t.faxFrom || 'unknown number');
}
async function loadTasks() {
  const { tasks } = await api('GET', '/api/agent/tasks');
  const body = $('tasks');
  body.innerHTML = tasks.length ? '' : '<tr><td colspan="6" class="empty">No tasks waiting. Well done.</td></tr>';
  for (const t of tasks) {
    const tr = document.createElement('tr');
    tr.dataset.taskId = t.taskId;
    tr.dataset.kind = t.kind;
    tr.innerHTML = '<td>' + esc(KINDS[t.kind]) + (t.escalatedAt ? ' <span class="tag escalated" title="Waiting past its time">Escalated</span>' : '') +
      '</td><td>' + esc(t.citizenName || '—') + '</td><td>' + why(t) +
      '</td><td>' + t.attempt + '</td><td>' + new Date(t.createdAt).toLocaleString('it-IT') + '</td><td></td>';
    const btn = document.createElement('button');
    btn.textContent = t.claimedByMe ? 'Open' : 'Claim';
    btn.addEventListener('click', () => (t.claimedByMe ? openTask(t.taskId) : claim(t.taskId)));
    tr.lastChild.appendChild(btn);
    body.appendChild(tr);
  }
}
async function claim(id) {
  try { await api('POST', '/api/agent/tasks/' + id + '/claim'); await openTask(id); loadTasks(); }
  catch (err) { show(err.message, 'error'); loadTasks(); }
}
function personRows(p) {
  return ['fiscalCode', 'firstName', 'lastName', 'birthDate', 'sex', 'birthPlace', 'address'].map((k) => '<tr><th>' + k + '</th><td>' + esc(p[k]) + '</td></tr>').join('');
}
function documentView(d) {
  const label = { signed_form: 'Signed form', identity_document: 'Identity document', fax: 'Fax received' }[d.role];
  const view = d.contentType === 'application/pdf'
    ? '<iframe src="' + d.url + '" title="' + label + '"></iframe>'
    : '<img src="' + d.url + '" alt="' + label + '">';
  return '<figure class="document" data-role="' + d.role + '"><figcaption>' + label + ' · <a href="' + d.url + '" target="_blank" rel="noopener">open in a new tab</a></figcaption>' + view + '</figure>';
}
async function openTask(id) {
  const t = await api('GET', '/api/agent/tasks/' + id);
  for (const s of ['call', 'review', 'attach']) $(s + '-form').hidden = true;
  $('detail').hidden = false;
  $('detail').dataset.taskId = id;
  $('documents').innerHTML = (t.documents || []).map(documentView).join('');
  if (t.kind === 'outbound_verification') {
    const rows = ['fiscalCode', 'firstName', 'lastName', 'birthDate', 'sex', 'birthPlace', 'address', 'phone', 'email'];
    $('detail-title').textContent = 'Call ' + t.citizenName + ' (attempt ' + t.attempt + ')';
    $('detail-hint').textContent = 'Call the citizen, confirm identity and residence with questions only they can answer. Never ask for a PIN.';
    $('detail-table').innerHTML = '<tr><th></th><th>Declared in the request</th><th>Registry</th></tr>' + rows.map((k) => {
      const d = t.declared[k], r = t.registry ? t.registry[k] : '—';
      const differs = t.registry && String(d ?? '') !== String(r ?? '') && k !== 'phone' && k !== 'email';
      return '<tr' + (differs ? ' style="background:#fff5e6"' : '') + '><th>' + k + '</th><td>' + esc(d) + '</td><td>' + esc(r) + '</td></tr>';
    }).join('');
    $('call-form').hidden = false;
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
  }
  $('detail').scrollIntoView();
}
async function finish(url, body, message) {
  try {
    await api('POST', url, body);
    show(message, 'ok');
    $('detail').hidden = true; loadTasks();
  } catch (err) { show(err.message, 'error'); }
}
$('call-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const outcome = e.submitter.value;
  finish('/api/agent/tasks/' + $('detail').dataset.taskId + '/outcome', { outcome, note: $('note').value || undefined }, 'Outcome recorded: ' + outcome.replace(/_/g, ' ') + '.')
    .then(() => { $('note').value = ''; });
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
$('release').addEventListener('click', async () => {
  const id = $('detail').dataset.taskId;
  try { await api('POST', '/api/agent/tasks/' + id + '/release'); $('detail').hidden = true; loadTasks(); } catch (err) { show(err.message, 'error'); }
});
start();
`;

export function consolePage(): string {
  return page({
    title: 'Agent console',
    heading: 'Contact center: task queue',
    intro:
      'Verification calls for requests the registry could not confirm, documents returned to convert a PIN to dispositivo, and faxes whose code could not be read. Escalated tasks come first.',
    body: `<div id="banner" class="banner" role="alert" hidden></div>
<section id="login" class="card" hidden>
<h2>Sign in</h2>
<form id="login-form">
<div class="grid"><div><label for="username">Username</label><input id="username" name="username" autocomplete="username" required></div>
<div><label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required></div></div>
<p><button type="submit">Sign in</button></p>
</form></section>
<section id="queue" hidden>
<p class="meta">Signed in as <strong id="who"></strong> · <button class="secondary" id="refresh">Refresh</button> <button class="secondary" id="logout">Sign out</button></p>
<section class="card" id="identify"><h2>Identify a caller</h2>
<p class="meta">A caller who uses SPID reads out their codice fiscale and the phone PIN they made. Wrong PINs in a row suspend identification for that codice fiscale, as at sign-in.</p>
<form id="identify-form"><div class="grid">
<div><label for="caller-cf">Caller's codice fiscale</label><input id="caller-cf" autocomplete="off" maxlength="16" required style="text-transform:uppercase"></div>
<div><label for="caller-pin">Phone PIN</label><input id="caller-pin" autocomplete="off" maxlength="12" required></div>
</div><p><button type="submit">Identify</button></p></form>
<div id="identify-result" role="status" hidden></div></section>
<table><thead><tr><th>Task</th><th>Citizen</th><th>Why it is here</th><th>Attempt</th><th>Waiting since</th><th></th></tr></thead><tbody id="tasks"></tbody></table>
<section id="detail" class="card" hidden style="margin-top:1rem">
<h2 id="detail-title"></h2>
<p class="meta" id="detail-hint"></p>
<table id="detail-table"></table>
<div id="documents" class="documents"></div>
<form id="call-form" hidden style="margin-top:1rem">
<label for="note">Note (optional, stays in the case file)</label><textarea id="note" rows="2" maxlength="1000"></textarea>
<p><button name="outcome" value="verified">Verified</button>
<button name="outcome" value="not_verified" class="danger">Not verified</button>
<button name="outcome" value="no_answer" class="secondary">No answer</button></p>
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
<p><button type="button" id="release" class="secondary">Put back in the queue</button></p>
</section>
</section>`,
    script: SCRIPT,
  });
}
