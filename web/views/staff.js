// The staff tablet: the store's queue, the customer in front of me, a stock count, a return, the day's appointments.
import { html, useState, useEffect, Problem, Notice, useLoad, useAction, Loaded, StatusBadge } from '../ui.js';
import { t, money, dateTime, decimal } from '../i18n.js';
import { api } from '../api.js';

const OPEN = ['PLACED', 'ACCEPTED', 'READY'];

export function Queue({ who }) {
  const store = who.storeId;
  const orders = useLoad(() => api('GET', `/stores/${store}/orders`), [store]);
  const held = useLoad(() => api('GET', `/stores/${store}/reservations?status=HELD`), [store]);
  const action = useAction();
  const [codes, setCodes] = useState({});
  // the queue moves on its own (new orders, minutes left): refresh it every 30 s while the page is open
  useEffect(() => {
    const timer = setInterval(() => { orders.reload(); held.reload(); }, 30000);
    return () => clearInterval(timer);
  }, [store]);
  const step = (id, verb, body) => action.run(() => api('POST', `/stores/${store}/orders/${id}/${verb}`, body ? { body } : {}),
    verb === 'collect' ? t('collected') : t('done')).then(orders.reload);
  const complete = (id) => action.run(() => api('POST', `/stores/${store}/reservations/${id}/complete`), t('done')).then(held.reload);
  return html`<section aria-labelledby="queue-title">
    <h1 id="queue-title">${t('queueTitle', { store })}</h1>
    <${Problem} error=${action.error} />
    <${Notice} text=${action.message} />
    <${Loaded} load=${orders}>${(data) => {
      // what is still to do, late ones first, then the least time left
      const items = data.items.filter((i) => OPEN.includes(i.order.status)).sort((a, b) => (b.late - a.late) || (a.minutesLeft - b.minutesLeft));
      return html`
      <p class=${data.late ? 'late' : ''}>${t('lateCount', { n: data.late })}</p>
      ${items.length === 0 ? html`<p>${t('nothing')}</p>` : html`<ul class="queue plain">
        ${items.map(({ order: o, minutesLeft, late }) => html`<li class=${`card ${late ? 'is-late' : ''}`} data-order=${o.id}>
          <h2>${o.contact ? o.contact.name : o.customerId} · <${StatusBadge} status=${o.status} /></h2>
          <p class="meta">${o.id}</p>
          <ul>${o.lines.map((l) => html`<li>${l.quantity} × ${l.productName} (${l.sku})</li>`)}</ul>
          <p>${money(o.totalCents)} · ${['PLACED', 'ACCEPTED'].includes(o.status)
            ? html`<strong class=${late ? 'late' : ''}>${late ? t('minutesLate', { n: Math.abs(minutesLeft) })
              : t('minutesLeft', { n: minutesLeft })}</strong>` : null}</p>
          <div class="actions">
            ${o.status === 'PLACED' ? html`<button type="button" class="primary" data-action="accept"
              onClick=${() => step(o.id, 'accept')}>${t('accept')}</button>` : null}
            ${o.status === 'ACCEPTED' ? html`<button type="button" class="primary" data-action="ready"
              onClick=${() => step(o.id, 'ready')}>${t('markReady')}</button>` : null}
            ${o.status === 'READY' ? html`<form class="inline" onSubmit=${(e) => { e.preventDefault(); step(o.id, 'collect', { pickupCode: codes[o.id] || '' }); }}>
              <label for=${`code-${o.id}`}>${t('codeFor', { id: o.id.slice(-6) })}</label>
              <input id=${`code-${o.id}`} name="pickupCode" autocomplete="off" autocapitalize="characters"
                value=${codes[o.id] || ''} onInput=${(e) => setCodes({ ...codes, [o.id]: e.target.value.trim().toUpperCase() })} />
              <button type="submit" class="primary" data-action="collect">${t('collect')}</button>
            </form>` : null}
          </div>
        </li>`)}</ul>`}`;
    }}<//>
    <h2>${t('reservationsHeld')}</h2>
    <${Loaded} load=${held}>${(data) => (data.items.length === 0 ? html`<p>${t('nothing')}</p>` : html`
      <ul class="plain">${data.items.map((r) => html`<li class="card" data-reservation=${r.id}>
        <p><strong>${r.quantity} × ${r.productName}</strong> · ${r.customerId} · ${dateTime(r.expiresAt)}</p>
        <button type="button" onClick=${() => complete(r.id)}>${t('completeSale')}</button>
      </li>`)}</ul>`)}<//>
  </section>`;
}

export function CustomerLookup({ who }) {
  const [found, setFound] = useState(null);
  return html`<section aria-labelledby="lookup-title">
    <h1 id="lookup-title">${t('lookupTitle')}</h1>
    <${FindCustomer} who=${who} onFound=${setFound} />
    ${found ? html`<article class="card">
      <h2>${found.firstName} ${found.lastName}</h2>
      <p class="meta">${found.customerId}</p>
      <${LoyaltyLine} loyalty=${found.loyalty} />
      <h3>${t('openHere')}</h3>
      ${(found.openAtThisStore || []).length === 0 ? html`<p>${t('nothing')}</p>` : html`<ul>
        ${found.openAtThisStore.map((x) => html`<li>${x.kind} · <${StatusBadge} status=${x.status} /> · ${x.summary} · ${dateTime(x.at)}</li>`)}
      </ul>`}
      <p><a class="button" href=${`#/staff/aisle?customer=${encodeURIComponent(found.customerId)}`}>${t('sellForDelivery')}</a></p>
    </article>` : null}
  </section>`;
}

/** The member's points and tier as the store's lookup gives them (none: not a member). */
export function LoyaltyLine({ loyalty }) {
  if (!loyalty) return html`<p class="meta">${t('notAMember')}</p>`;
  return html`<p data-loyalty>${t('loyaltyAtTill', { available: decimal(loyalty.available || 0, 0),
    pending: decimal(loyalty.pending || 0, 0), tier: loyalty.tier || '' })}</p>`;
}

/**
 * The customer in front of me, by phone, e-mail or loyalty card; onFound gets the store's view of them (or null), and
 * what was searched, so that a form can take the phone or e-mail as the contact.
 */
export function FindCustomer({ who, onFound, idPrefix = '' }) {
  const [kind, setKind] = useState('phone');
  const [value, setValue] = useState('');
  const action = useAction();
  const submit = async (e) => {
    e.preventDefault();
    onFound(null);
    const result = await action.run(() => api('GET', `/stores/${who.storeId}/customers?${kind}=${encodeURIComponent(value.trim())}`));
    if (result) onFound(result, { kind, value: value.trim() });
  };
  return html`<form class="inline" onSubmit=${submit}>
      <label for=${`${idPrefix}kind`}>${t('lookupKind')}</label>
      <select id=${`${idPrefix}kind`} value=${kind} onChange=${(e) => setKind(e.target.value)}>
        <option value="phone">${t('phone')}</option><option value="email">${t('email')}</option><option value="card">${t('card')}</option>
      </select>
      <label for=${`${idPrefix}lookup`}>${t('lookupBy')}</label>
      <input id=${`${idPrefix}lookup`} value=${value} onInput=${(e) => setValue(e.target.value)} required />
      <button type="submit" class="primary" disabled=${action.busy}>${t('find')}</button>
    </form>
    <${Problem} error=${action.error} />`;
}

export function StockCount({ who }) {
  const [lines, setLines] = useState([{ sku: '', onHand: 0 }]);
  const action = useAction();
  const change = (i, field, value) => setLines(lines.map((l, j) => (j === i ? { ...l, [field]: value } : l)));
  const submit = (e) => {
    e.preventDefault();
    // a count made now: its sequence is the time, so a later count always wins over an earlier one
    action.run(() => api('PUT', `/stores/${who.storeId}/stock`, { body: { feedSequence: Date.now(),
      lines: lines.map((l) => ({ sku: l.sku.trim().toUpperCase(), onHand: Number(l.onHand) })) } }), t('countSent'));
  };
  return html`<section aria-labelledby="stock-title">
    <h1 id="stock-title">${t('stockTitle')}</h1>
    <form class="stack" onSubmit=${submit}>
      ${lines.map((l, i) => html`<div class="inline">
        <label for=${`sku-${i}`}>${t('sku')}</label>
        <input id=${`sku-${i}`} value=${l.sku} required pattern="[A-Za-z0-9-]{3,32}" onInput=${(e) => change(i, 'sku', e.target.value)} />
        <label for=${`onhand-${i}`}>${t('onHand')}</label>
        <input id=${`onhand-${i}`} type="number" min="0" value=${l.onHand} onInput=${(e) => change(i, 'onHand', e.target.value)} />
        ${lines.length > 1 ? html`<button type="button" onClick=${() => setLines(lines.filter((_, j) => j !== i))}>${t('removeLine')}</button>` : null}
      </div>`)}
      <div class="inline">
        <button type="button" onClick=${() => setLines([...lines, { sku: '', onHand: 0 }])}>${t('addLine')}</button>
        <button type="submit" class="primary" disabled=${action.busy}>${t('sendCount')}</button>
      </div>
      <${Problem} error=${action.error} />
      <${Notice} text=${action.message} />
    </form>
  </section>`;
}

export function ReceiveReturn({ who }) {
  const [id, setId] = useState('');
  const [ret, setRet] = useState(null);
  const [conditions, setConditions] = useState({});
  const look = useAction();
  const receive = useAction();
  const find = async (e) => {
    e.preventDefault();
    setRet(null);
    const found = await look.run(() => api('GET', `/returns/${encodeURIComponent(id.trim())}`));
    if (found) setRet(found);
  };
  const submit = (e) => {
    e.preventDefault();
    receive.run(() => api('POST', `/stores/${who.storeId}/returns/${encodeURIComponent(ret.id)}/receive`, { body: {
      lines: ret.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, condition: conditions[l.sku] || 'resellable' })) } }),
    t('received'));
  };
  return html`<section aria-labelledby="ret-title">
    <h1 id="ret-title">${t('receiveTitle')}</h1>
    <form class="inline" onSubmit=${find}>
      <label for="retid">${t('returnId')}</label>
      <input id="retid" value=${id} onInput=${(e) => setId(e.target.value)} required />
      <button type="submit" class="primary" disabled=${look.busy}>${t('find')}</button>
    </form>
    <${Problem} error=${look.error} />
    ${ret ? html`<form class="stack card" onSubmit=${submit}>
      <p><${StatusBadge} status=${ret.status} /> ${ret.reason || ''}</p>
      ${ret.lines.map((l) => html`<fieldset><legend>${l.quantity} × ${l.productName || l.sku}</legend>
        <label for=${`cond-${l.sku}`}>${t('condition')}</label>
        <select id=${`cond-${l.sku}`} value=${conditions[l.sku] || 'resellable'}
          onChange=${(e) => setConditions({ ...conditions, [l.sku]: e.target.value })}>
          <option value="resellable">${t('resellable')}</option><option value="damaged">${t('damaged')}</option>
        </select></fieldset>`)}
      <button type="submit" class="primary" disabled=${receive.busy}>${t('receive')}</button>
      <${Problem} error=${receive.error} />
      <${Notice} text=${receive.message} />
    </form>` : null}
  </section>`;
}

export function Agenda({ who, day }) {
  // today in the store's time zone (sv-SE writes dates as yyyy-mm-dd), or the day the link names
  const [date, setDate] = useState(day || new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }));
  const agenda = useLoad(() => api('GET', `/stores/${who.storeId}/agenda?date=${date}`), [date, who.storeId]);
  const action = useAction();
  const step = (id, verb, body) => action.run(() => api('POST', `/stores/${who.storeId}/appointments/${id}/${verb}`,
    body ? { body } : {}), t('done')).then(agenda.reload);
  return html`<section aria-labelledby="agenda-title">
    <h1 id="agenda-title">${t('agendaTitle', { date })}</h1>
    <p class="inline"><label for="agenda-date">${t('date')}</label>
      <input id="agenda-date" type="date" value=${date} onChange=${(e) => setDate(e.target.value)} /></p>
    <${Loaded} load=${agenda}>${(data) => (data.items.length === 0 ? html`<p>${t('nothing')}</p>` : html`
      <ul class="plain">${data.items.map(({ appointment: a, customer }) => html`<li class="card" data-appointment=${a.id}>
        <h2>${dateTime(a.start)} · ${a.typeName}</h2>
        <p>${a.advisorName} · ${customer && customer.name ? customer.name : a.contact ? a.contact.name : a.customerId}
          · <${StatusBadge} status=${a.status} /></p>
        ${a.items.length ? html`<ul>${a.items.map((i) => html`<li>${i.quantity} × ${i.productName}</li>`)}</ul>` : null}
        <div class="actions">
          ${a.status === 'CONFIRMED' ? html`<button type="button" class="primary" data-action="check-in"
            onClick=${() => step(a.id, 'check-in')}>${t('checkIn')}</button>` : null}
          ${a.status === 'CHECKED_IN' ? html`<button type="button" class="primary" data-action="complete"
            onClick=${() => step(a.id, 'complete')}>${t('completeAppointment')}</button>` : null}
          ${['CONFIRMED', 'CHECKED_IN'].includes(a.status) ? html`<button type="button"
            onClick=${() => step(a.id, 'no-show', { party: 'CUSTOMER' })}>${t('noShow')}</button>` : null}
        </div>
      </li>`)}</ul>`)}<//>
    <${Problem} error=${action.error} />
    <${Notice} text=${action.message} />
  </section>`;
}
