// The agent console: one page that signs the agent in, shows the queue, and walks through a verification call.
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
  $('login').hidden = true; $('queue').hidden = false; $('who').textContent = staff.displayName + ' (' + staff.role.replace(/_/g, ' ') + ')';
  loadTasks();
}
$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  try { const s = await api('POST', '/api/agent/session', { username: f.get('username'), password: f.get('password') }); show('', 'ok'); signedIn(s.staff); }
  catch (err) { show(err.message, 'error'); }
});
$('logout').addEventListener('click', async () => { await api('DELETE', '/api/agent/session'); location.reload(); });
$('refresh').addEventListener('click', () => loadTasks());

async function loadTasks() {
  const { tasks } = await api('GET', '/api/agent/tasks');
  const body = $('tasks');
  body.innerHTML = tasks.length ? '' : '<tr><td colspan="6" class="empty">No tasks waiting. Well done.</td></tr>';
  for (const t of tasks) {
    const tr = document.createElement('tr');
    tr.dataset.taskId = t.taskId;
    tr.innerHTML = '<td>Outbound verification call</td><td>' + esc(t.citizenName) + '</td><td>' +
      t.validationFailures.map((f) => '<span class="tag">' + esc(FAILURES[f] || f) + '</span>').join(' ') +
      '</td><td>' + t.attempt + '</td><td>' + new Date(t.createdAt).toLocaleString('it-IT') + '</td><td></td>';
    const btn = document.createElement('button');
    btn.textContent = t.claimedByMe ? 'Open' : 'Claim';
    btn.addEventListener('click', () => (t.claimedByMe ? openTask(t.taskId) : claim(t.taskId)));
    tr.lastChild.appendChild(btn);
    body.appendChild(tr);
  }
}
async function claim(id) {
  try { await api('POST', '/api/agent/tasks/' + id + '/claim'); await openTask(id); }
  catch (err) { show(err.message, 'error'); loadTasks(); }
}
async function openTask(id) {
  const t = await api('GET', '/api/agent/tasks/' + id);
  const rows = ['fiscalCode', 'firstName', 'lastName', 'birthDate', 'sex', 'birthPlace', 'address', 'phone', 'email'];
  $('detail').hidden = false;
  $('detail-title').textContent = 'Call ' + t.citizenName + ' (attempt ' + t.attempt + ')';
  $('detail-table').innerHTML = '<tr><th></th><th>Declared in the request</th><th>Registry</th></tr>' + rows.map((k) => {
    const d = t.declared[k], r = t.registry ? t.registry[k] : '—';
    const differs = t.registry && String(d ?? '') !== String(r ?? '') && k !== 'phone' && k !== 'email';
    return '<tr' + (differs ? ' style="background:#fff5e6"' : '') + '><th>' + k + '</th><td>' + esc(d) + '</td><td>' + esc(r) + '</td></tr>';
  }).join('');
  $('outcome-form').dataset.taskId = id;
  $('detail').scrollIntoView();
}
$('outcome-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const id = e.target.dataset.taskId;
  const outcome = e.submitter.value;
  try {
    await api('POST', '/api/agent/tasks/' + id + '/outcome', { outcome, note: $('note').value || undefined });
    show('Outcome recorded: ' + outcome.replace(/_/g, ' ') + '.', 'ok');
    $('detail').hidden = true; $('note').value = ''; loadTasks();
  } catch (err) { show(err.message, 'error'); }
});
$('release').addEventListener('click', async () => {
  const id = $('outcome-form').dataset.taskId;
  try { await api('POST', '/api/agent/tasks/' + id + '/release'); $('detail').hidden = true; loadTasks(); } catch (err) { show(err.message, 'error'); }
});
start();
`;

export function consolePage(): string {
  return page({
    title: 'Agent console',
    heading: 'Contact center: verification calls',
    intro: 'Requests whose data could not be validated automatically wait here for a call back to the citizen.',
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
<table><thead><tr><th>Task</th><th>Citizen</th><th>Why it is here</th><th>Attempt</th><th>Waiting since</th><th></th></tr></thead><tbody id="tasks"></tbody></table>
<section id="detail" class="card" hidden style="margin-top:1rem">
<h2 id="detail-title"></h2>
<p class="meta">Call the citizen, confirm identity and residence with questions only they can answer. Never ask for a PIN.</p>
<table id="detail-table"></table>
<form id="outcome-form" style="margin-top:1rem">
<label for="note">Note (optional, stays in the case file)</label><textarea id="note" rows="2" maxlength="1000"></textarea>
<p><button name="outcome" value="verified">Verified</button>
<button name="outcome" value="not_verified" class="danger">Not verified</button>
<button name="outcome" value="no_answer" class="secondary">No answer</button>
<button type="button" id="release" class="secondary">Put back in the queue</button></p>
</form></section>
</section>`,
    script: SCRIPT,
  });
}
