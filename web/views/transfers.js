// Transfers between places for pickup orders: the source's staff send what a pickup store lacks (with its delivery
// note or carrier reference), the pickup store's staff receive it; ops send the web warehouse's.
import { html, useState, useEffect, Problem, Notice, useLoad, useAction, Loaded, StatusBadge, useStoreNames, reference } from '../ui.js';
import { t, dateTime } from '../i18n.js';
import { api } from '../api.js';

export const WEB = 'WEB';
// the reference as the API takes it (openapi: ^[A-Za-z0-9-]{2,40}$), so the browser says so before sending
const REFERENCE = '[A-Za-z0-9\\-]{2,40}';

/** A place's name: the web warehouse, a store's name, or its id until the names are read. */
export function placeName(names, id) {
  return id === WEB ? t('warehouse') : names[id] || id;
}

/** The place's two lists: REQUESTED here as the source (to send), DISPATCHED to here (to receive; never the warehouse). */
export function StoreTransfers({ store }) {
  const names = useStoreNames();
  const list = (status) => api('GET', `/stores/${encodeURIComponent(store)}/transfers?status=${status}`).then((p) => p.items);
  const toSend = useLoad(() => list('REQUESTED'), [store]);
  const toReceive = useLoad(() => (store === WEB ? Promise.resolve([]) : list('DISPATCHED')), [store]);
  const [message, setMessage] = useState(null);
  const reload = () => { toSend.reload(); toReceive.reload(); };
  // new transfers arrive on their own (an order confirmed, another store sending): refresh every 30 s like the queues
  useEffect(() => {
    const timer = setInterval(reload, 30000);
    return () => clearInterval(timer);
  }, [store]);
  const done = (text) => { setMessage(text); reload(); };
  const where = placeName(names, store);
  return html`<section aria-labelledby="transfers-title">
    <h1 id="transfers-title">${t('transfersTitle', { store: where })}</h1>
    <p class="hint">${t('transfersIntro')}</p>
    <${Notice} text=${message} />
    <h2 id="to-send-title">${t('transfersToSend')}</h2>
    <${Loaded} load=${toSend}>${(items) => (items.length === 0 ? html`<p>${t('nothing')}</p>` : html`<ul class="queue plain"
      aria-labelledby="to-send-title">${items.map((tr) => html`<li><${ToSend} transfer=${tr} store=${store} names=${names}
        onDone=${done} /></li>`)}</ul>`)}<//>
    ${store === WEB ? null : html`<h2 id="to-receive-title">${t('transfersToReceive')}</h2>
      <${Loaded} load=${toReceive}>${(items) => (items.length === 0 ? html`<p>${t('nothing')}</p>` : html`<ul class="queue plain"
        aria-labelledby="to-receive-title">${items.map((tr) => html`<li><${ToReceive} transfer=${tr} store=${store}
          names=${names} onDone=${done} /></li>`)}</ul>`)}<//>`}
  </section>`;
}

function Lines({ transfer }) {
  return html`<ul>${transfer.lines.map((l) => html`<li>${l.quantity} × ${l.productName || l.sku} <span class="meta">(${l.sku})</span></li>`)}</ul>`;
}

/** A transfer to send: its lines, where and since when; sent with the reference of its delivery note or carrier. */
function ToSend({ transfer, store, names, onDone }) {
  const [ref, setRef] = useState('');
  const [why, setWhy] = useState('');
  const action = useAction();
  const id = transfer.id;
  // the source cannot send it: the API routes the lines again at once, never back here
  const refuse = async (e) => {
    e.preventDefault();
    const refused = await action.run(() => api('POST', `/stores/${encodeURIComponent(store)}/transfers/${encodeURIComponent(id)}/refuse`,
      { body: { reason: why.trim() } }));
    if (refused) onDone(t('transferRefused', { id: reference(refused.orderId) }));
  };
  const send = async (e) => {
    e.preventDefault();
    const sent = await action.run(() => api('POST', `/stores/${encodeURIComponent(store)}/transfers/${encodeURIComponent(id)}/dispatch`,
      { body: { reference: ref.trim() } }));
    if (sent) onDone(t('transferSent', { id: reference(sent.orderId), store: placeName(names, sent.toStoreId), ref: sent.reference }));
  };
  return html`<article class="card" data-transfer=${id} aria-labelledby=${`tr-${id}`}>
    <h3 id=${`tr-${id}`}>${t('orderRef', { id: reference(transfer.orderId) })} · <${StatusBadge} status=${transfer.status} /></h3>
    <p>${t('transferTo', { store: placeName(names, transfer.toStoreId) })}</p>
    <p class="meta">${t('transferSince', { at: dateTime(transfer.createdAt) })}</p>
    <${Lines} transfer=${transfer} />
    <form class="stack" onSubmit=${send}>
      <label for=${`ref-${id}`}>${t('transferReference')}</label>
      <input id=${`ref-${id}`} value=${ref} onInput=${(e) => setRef(e.target.value)} required maxlength="40"
        autocomplete="off" autocapitalize="characters" pattern=${REFERENCE} aria-describedby=${`ref-hint-${id}`} />
      <p class="meta" id=${`ref-hint-${id}`}>${t('transferReferenceHint')}</p>
      <button type="submit" class="primary" data-action="dispatch" disabled=${action.busy}>${t('dispatchTransfer')}</button>
      <${Problem} error=${action.error} />
    </form>
    <details><summary>${t('cannotSendTransfer')}</summary>
      <form class="stack" onSubmit=${refuse}>
        <label for=${`why-${id}`}>${t('rejectReason')}</label>
        <input id=${`why-${id}`} value=${why} onInput=${(e) => setWhy(e.target.value)} required maxlength="200" autocomplete="off" />
        <button type="submit" data-action="refuse" disabled=${action.busy}>${t('refuseTransfer')}</button>
      </form></details>
  </article>`;
}

/** A transfer on its way here: its reference and where from; received when it is in the store. */
function ToReceive({ transfer, store, names, onDone }) {
  const action = useAction();
  const id = transfer.id;
  const sentAt = ((transfer.timeline || []).find((e) => e.status === 'DISPATCHED') || {}).at || transfer.updatedAt;
  const receive = async () => {
    const got = await action.run(() => api('POST', `/stores/${encodeURIComponent(store)}/transfers/${encodeURIComponent(id)}/receive`));
    if (got) onDone(t('transferReceived', { id: reference(got.orderId) }));
  };
  return html`<article class="card" data-transfer=${id} aria-labelledby=${`tr-${id}`}>
    <h3 id=${`tr-${id}`}>${t('orderRef', { id: reference(transfer.orderId) })} · <${StatusBadge} status=${transfer.status} /></h3>
    <p>${t('transferFrom', { place: placeName(names, transfer.fromLocation) })}</p>
    <p>${t('transferReferenceIs')} <strong data-reference>${transfer.reference}</strong></p>
    <p class="meta">${t('transferSentAt', { at: dateTime(sentAt) })}</p>
    <${Lines} transfer=${transfer} />
    <div class="actions">
      <button type="button" class="primary" data-action="receive" disabled=${action.busy} onClick=${receive}>${t('receiveTransfer')}</button>
    </div>
    <${Problem} error=${action.error} />
  </article>`;
}
