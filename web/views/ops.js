// Ops: the delivery log by status, the dead letters, the questionnaires' results.
import { html, useState, useLoad, useAction, Loaded, StatusBadge, Problem } from '../ui.js';
import { t, dateTime } from '../i18n.js';
import { api } from '../api.js';

const STATUSES = ['failed', 'retry', 'deferred', 'pending', 'sending', 'sent'];

export function Messages() {
  const [status, setStatus] = useState('failed');
  const messages = useLoad(() => api('GET', `/ops/messages?status=${status}`), [status]);
  return html`<section aria-labelledby="msg-title">
    <h1 id="msg-title">${t('messagesTitle')}</h1>
    <p class="inline"><label for="status">${t('status')}</label>
      <select id="status" value=${status} onChange=${(e) => setStatus(e.target.value)}>
        ${STATUSES.map((s) => html`<option value=${s}>${s}</option>`)}</select></p>
    <${Loaded} load=${messages}>${(data) => (data.items.length === 0 ? html`<p>${t('nothing')}</p>` : html`
      <div class="scroll"><table>
        <thead><tr><th scope="col">${t('kind')}</th><th scope="col">${t('customer')}</th><th scope="col">${t('channel')}</th>
          <th scope="col">${t('status')}</th><th scope="col">${t('attempts')}</th><th scope="col">${t('updated')}</th></tr></thead>
        <tbody>${data.items.map((m) => html`<tr>
          <td>${m.kind}</td><td>${m.customerId || ''}</td><td>${m.channel || ''}</td>
          <td><${StatusBadge} status=${m.status} /> ${m.delivery || ''}</td>
          <td>${(m.attempts || []).map((a) => `${a.channel} ${a.status}${a.errorCode ? ` (${a.errorCode})` : ''}`).join(', ')}</td>
          <td>${dateTime(m.updatedAt)}</td></tr>`)}</tbody>
      </table></div>`)}<//>
  </section>`;
}

/** The records no consumer could handle. On the local stack they are in /_local/inbox.json; on AWS in the OnFailure queue. */
export function DeadLetters() {
  const letters = useLoad(() => api('GET', '/_local/inbox.json'), []);
  return html`<section aria-labelledby="dl-title">
    <h1 id="dl-title">${t('deadLettersTitle')}</h1>
    <p>${t('deadLettersLocal')}</p>
    <${Loaded} load=${letters}>${(data) => ((data.deadLetters || []).length === 0 ? html`<p>${t('nothing')}</p>` : html`
      <ul>${data.deadLetters.map((d) => html`<li><code>${d}</code></li>`)}</ul>`)}<//>
  </section>`;
}

export function Questionnaires() {
  const list = useLoad(() => api('GET', '/ops/questionnaires'), []);
  const [chosen, setChosen] = useState(null);
  return html`<section aria-labelledby="qr-title">
    <h1 id="qr-title">${t('questionnairesTitle')}</h1>
    <${Loaded} load=${list}>${(data) => html`<p class="inline">
      ${data.items.map((q) => html`<button type="button" aria-pressed=${chosen === q.id ? 'true' : 'false'}
        onClick=${() => setChosen(q.id)}>${q.name} (v${q.version})</button>`)}</p>`}<//>
    ${chosen || (list.data && list.data.items[0]) ? html`<${Results} id=${chosen || list.data.items[0].id} />` : null}
  </section>`;
}

function Results({ id }) {
  const results = useLoad(() => api('GET', `/ops/questionnaires/${encodeURIComponent(id)}/results`), [id]);
  const download = useAction();
  // the CSV needs the bearer token, so it is fetched here and handed to the browser as a file
  const csv = () => download.run(async () => {
    const text = await api('GET', `/ops/questionnaires/${encodeURIComponent(id)}/results?format=csv`, { raw: true });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
    link.download = `${id}-answers.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  });
  const row = (r) => html`<tr><th scope="row">${r.key}</th><td>${r.sent}</td><td>${r.answered}</td>
    <td>${r.nps == null ? '—' : Math.round(r.nps)}</td><td>${r.csat == null ? '—' : r.csat.toFixed(1)}</td></tr>`;
  const table = (caption, rows) => html`<table><caption>${caption}</caption>
    <thead><tr><th scope="col"></th><th scope="col">${t('sent')}</th><th scope="col">${t('answered')}</th>
      <th scope="col">${t('nps')}</th><th scope="col">${t('csat')}</th></tr></thead>
    <tbody>${rows.map(row)}</tbody></table>`;
  return html`<${Loaded} load=${results}>${(r) => html`
    <h2>${r.name} (v${r.currentVersion})</h2>
    <p><button type="button" onClick=${csv} disabled=${download.busy}>${t('csv')}</button></p>
    <${Problem} error=${download.error} />
    ${table(r.name, [r.overall])}
    ${r.byStore.length ? table(t('byStore'), r.byStore) : null}
    ${r.byWeek.length ? table(t('byWeek'), r.byWeek) : null}
    <h3>${t('freeText')}</h3>
    ${r.freeText.length === 0 ? html`<p>${t('nothing')}</p>` : html`<ul>${r.freeText.map((f) => html`<li>${f.text} <span class="meta">${f.storeId || ''} ${f.week || ''}</span></li>`)}</ul>`}
  `}<//>`;
}

