// The customer's pickup order: its lines and status, the option to choose when the store lacks a line, and the
// progress of a transfer (asked of another place, sent with its reference, arrived, ready) from the order's transfers.
import { html, useEffect, Problem, Notice, useLoad, useAction, Loaded, StatusBadge, useStoreNames, reference } from '../ui.js';
import { t, money, dateTime } from '../i18n.js';
import { api, idempotencyKey } from '../api.js';
import { placeName, WEB } from './transfers.js';

const IN_TRANSIT = 'IN_TRANSIT';
const CLOSED = ['CANCELLED', 'REJECTED', 'EXPIRED'];

/**
 * A transfer's progress from the order's transfers (GET /orders/{id} gives them to the customer): where they come from,
 * when each was asked, sent (with its reference) and received; and where each line is (heldAt). Null when nothing is
 * transferred.
 */
export function transferProgress(order) {
  const transfers = order.transfers || [];
  if (!transfers.length) return null;
  const latest = (key) => transfers.map((tr) => tr[key]).filter(Boolean).sort().pop();
  const all = (status) => transfers.every((tr) => status.includes(tr.status));
  return {
    sources: transfers.map((tr) => ({ location: tr.fromLocation, name: tr.fromName })),
    references: transfers.map((tr) => tr.reference).filter(Boolean),
    requestedAt: latest('requestedAt'),
    sent: all(['DISPATCHED', 'RECEIVED']),
    sentAt: latest('dispatchedAt'),
    arrived: all(['RECEIVED']),
    arrivedAt: latest('receivedAt'),
    ready: ['READY', 'COLLECTED'].includes(order.status),
    readyAt: order.readyAt,
    where: (l) => (l.heldAt === order.pickupStoreId ? 'here' : l.heldAt === IN_TRANSIT ? 'onTheWay' : 'atSource'),
  };
}

/** Who acted, in words: the customer's order gives a role (customer, store, routing, ops), never a staff member's id. */
function actorText(by) {
  const key = `actor_${by}`;
  const text = t(key);
  return text === key ? '' : text;
}

/** The status in words, or nothing for a status the dictionaries do not know yet (the badge still names it). */
function statusText(status) {
  const key = `orderStatus${status}`;
  const text = t(key);
  return text === key ? '' : text;
}

export function OrderPage({ id }) {
  const order = useLoad(() => api('GET', `/orders/${encodeURIComponent(id)}`), [id]);
  const action = useAction();
  // the goods move while the customer waits: read the order again every 30 s
  useEffect(() => {
    const timer = setInterval(() => order.reload(), 30000);
    return () => clearInterval(timer);
  }, [id]);
  const choose = (optionId) => action.run(() => api('POST', `/orders/${encodeURIComponent(id)}/confirm-option`,
    { headers: { 'Idempotency-Key': idempotencyKey() }, body: { optionId } }), t('optionConfirmed')).then(order.reload);
  return html`<section aria-labelledby="order-page-title">
    <${Loaded} load=${order}>${(o) => html`
      <h1 id="order-page-title">${t('orderRef', { id: reference(o.id) })}</h1>
      <p><${StatusBadge} status=${o.status} /> ${statusText(o.status)}</p>
      <p class="meta">${o.id} · ${t('pickupAt', { store: o.pickupStoreName })} · ${money(o.totalCents)}</p>
      <${Problem} error=${action.error} />
      <${Notice} text=${action.message} />
      ${o.status === 'AWAITING_CUSTOMER' && o.options.length ? html`<fieldset class="stack"><legend>${t('chooseOption')}</legend>
        ${o.options.map((option) => html`<button type="button" data-option=${option.id} disabled=${action.busy}
          onClick=${() => choose(option.id)}>${t(option.kind === 'TRANSFER' ? 'optionTransfer' : 'optionOtherStore',
          { store: option.storeName, at: dateTime(option.readyBy) })}</button>`)}</fieldset>` : null}
      ${o.pickupCode ? html`<p class="code">${t('pickupCode')} : <strong data-pickup-code>${o.pickupCode}</strong></p>` : null}
      ${o.readyBy && ['PLACED', 'ACCEPTED'].includes(o.status) ? html`<p>${t('readyBy', { at: dateTime(o.readyBy) })}</p>` : null}
      <${Progress} order=${o} />
      <h2>${t('items')}</h2>
      <${Lines} order=${o} />
      <details><summary>${t('timeline')}</summary><ol>
        ${o.timeline.map((e) => html`<li data-event-by=${e.by}>${dateTime(e.at)} — ${e.status}${actorText(e.by) ? ` · ${actorText(e.by)}` : ''}${e.note ? ` (${e.note})` : ''}</li>`)}
      </ol></details>
      <p><a href="#/orders">${t('backToMyOrders')}</a></p>`}<//>
  </section>`;
}

/** The lines, and while a transfer is open, where each one is (at its source, on the way, in the pickup store). */
function Lines({ order }) {
  const names = useStoreNames();
  const progress = !CLOSED.includes(order.status) && transferProgress(order);
  return html`<ul>${order.lines.map((l) => html`<li data-line=${l.sku}>${l.quantity} × ${l.productName}${progress
    ? html` <span class="meta">(${t(`line_${progress.where(l)}`, { place: placeName(names, l.heldAt), store: order.pickupStoreName })})</span>`
    : null}</li>`)}</ul>`;
}

/** The transfer's steps, each done or not, the current one marked for screen readers; and where each line is. */
function Progress({ order }) {
  const names = useStoreNames();
  const progress = transferProgress(order);
  if (!progress || CLOSED.includes(order.status)) return null;
  // the warehouse in the customer's language; a store by the name the order gives
  const from = progress.sources.map((s) => (s.location === WEB ? placeName(names, s.location) : s.name)).join(', ');
  const steps = [
    ['requested', true, t('stepRequested', { from: from || t('anotherPlace') }), progress.requestedAt],
    ['sent', progress.sent, progress.references.length
      ? t('stepSentWithReference', { reference: progress.references.join(', ') }) : t('stepSent'), progress.sentAt],
    ['arrived', progress.arrived, t('stepArrived', { store: order.pickupStoreName }), progress.arrivedAt],
    ['ready', progress.ready, t('stepReady'), progress.readyAt],
  ];
  const current = steps.findIndex(([, done]) => !done);
  return html`<h2 id="progress-title">${t('transferProgress')}</h2>
    <ol class="steps" aria-labelledby="progress-title" data-transfer-progress>
      ${steps.map(([key, done, text, at], i) => html`<li data-step=${key} class=${done ? 'done' : i === current ? 'current' : 'todo'}
        aria-current=${i === current ? 'step' : undefined}>
        <span aria-hidden="true">${done ? '✓' : '○'}</span> ${text}
        <span class="sr-only">${done ? t('stepDone') : t('stepToCome')}</span>
        ${done && at ? html` <span class="meta">${dateTime(at)}</span>` : null}
      </li>`)}
    </ol>
    <p class="hint">${t('transferTold')}</p>`;
}
