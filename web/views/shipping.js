// The staff tablet's home delivery: the store's shipment queue (accept or reject, pick, pack, hand to the carrier)
// and the endless aisle (sell what the store lacks to the customer in front of me, delivered home).
import { html, useState, useEffect, Problem, Notice, useLoad, useAction, Loaded, StatusBadge, useStoreNames, reference } from '../ui.js';
import { t, money, dateTime } from '../i18n.js';
import { api, idempotencyKey } from '../api.js';
import { DeliveryFields, DeliveryOrderCard, deliveryRequest, emptyDelivery } from './delivery.js';
import { FindCustomer, LoyaltyLine } from './staff.js';

// the statuses still to work, in the order a parcel goes through them
const OPEN = ['OFFERED', 'ACCEPTED', 'PICKED', 'PACKED'];
const NEXT = { OFFERED: ['accept', 'accept'], ACCEPTED: ['pick', 'markPicked'], PICKED: ['pack', 'markPacked'] };

export function ShipmentQueue({ who }) {
  const store = who.storeId;
  const queue = useLoad(() => Promise.all(OPEN.map((status) => api('GET', `/stores/${store}/shipments?status=${status}`)))
    .then((pages) => pages.flatMap((p) => p.items)), [store]);
  const action = useAction();
  const names = useStoreNames();
  const [forms, setForms] = useState({});
  useEffect(() => {
    const timer = setInterval(() => queue.reload(), 30000);
    return () => clearInterval(timer);
  }, [store]);
  const form = (id) => forms[id] || { reason: '', carrier: 'Colissimo', trackingRef: '' };
  const edit = (id, field) => (e) => setForms({ ...forms, [id]: { ...form(id), [field]: e.target.value } });
  const step = (id, verb, body, done) => action.run(() => api('POST', `/stores/${store}/shipments/${encodeURIComponent(id)}/${verb}`,
    body ? { body } : {}), done || t('done')).then(queue.reload);
  const reject = (e, id) => {
    e.preventDefault();
    const reason = form(id).reason.trim();
    step(id, 'reject', reason ? { reason } : {}, t('shipmentRejected'));
  };
  const handOver = (e, id) => {
    e.preventDefault();
    step(id, 'hand-over', { carrier: form(id).carrier.trim(), trackingRef: form(id).trackingRef.trim().toUpperCase() },
      t('handedOver'));
  };
  return html`<section aria-labelledby="ship-title">
    <h1 id="ship-title">${t('shipmentsTitle', { store: names[store] || store })}</h1>
    <${Problem} error=${action.error} />
    <${Notice} text=${action.message} />
    <${Loaded} load=${queue}>${(items) => (items.length === 0 ? html`<p>${t('nothing')}</p>` : html`<ul class="queue plain">
      ${items.map((s) => html`<li class="card" data-shipment=${s.id}>
        <h2>${t('orderRef', { id: reference(s.orderId) })} · <${StatusBadge} status=${s.status} /></h2>
        <p class="meta">${s.orderId} · ${t('shipmentSince', { at: dateTime(s.createdAt) })}</p>
        <ul>${s.lines.map((l) => html`<li>${l.quantity} × ${l.sku}</li>`)}</ul>
        ${s.amountCents != null ? html`<p>${money(s.amountCents)}</p>` : null}
        <div class="actions">
          ${NEXT[s.status] ? html`<button type="button" class="primary" data-action=${NEXT[s.status][0]}
            disabled=${action.busy} onClick=${() => step(s.id, NEXT[s.status][0])}>${t(NEXT[s.status][1])}</button>` : null}
        </div>
        ${s.status === 'PACKED' ? html`<form class="stack" onSubmit=${(e) => handOver(e, s.id)}>
          <label for=${`carrier-${s.id}`}>${t('carrier')}</label>
          <input id=${`carrier-${s.id}`} value=${form(s.id).carrier} onInput=${edit(s.id, 'carrier')} required maxlength="60" />
          <label for=${`tracking-${s.id}`}>${t('trackingRef')}</label>
          <input id=${`tracking-${s.id}`} value=${form(s.id).trackingRef} onInput=${edit(s.id, 'trackingRef')} required
            autocomplete="off" autocapitalize="characters" pattern="[A-Za-z0-9\\-]{4,40}" />
          <button type="submit" class="primary" data-action="hand-over" disabled=${action.busy}>${t('handOver')}</button>
        </form>` : null}
        ${s.status !== 'PACKED' ? html`<details><summary>${t('cannotShip')}</summary>
          <form class="stack" onSubmit=${(e) => reject(e, s.id)}>
            <label for=${`reason-${s.id}`}>${t('rejectReason')}</label>
            <input id=${`reason-${s.id}`} value=${form(s.id).reason} onInput=${edit(s.id, 'reason')} maxlength="500" />
            <button type="submit" data-action="reject" disabled=${action.busy}>${t('rejectShipment')}</button>
          </form></details>` : null}
      </li>`)}</ul>`)}<//>
  </section>`;
}

/** The endless aisle: the customer in front of me (or a guest), the items, the address; payment is taken on the tablet. */
export function EndlessAisle({ who, customerId }) {
  const [customer, setCustomer] = useState(null);
  const [lines, setLines] = useState([{ sku: '', quantity: 1 }]);
  const [fields, setFields] = useState(emptyDelivery());
  const [contact, setContact] = useState({ name: '', phone: '', email: '' });
  const [payment, setPayment] = useState('');
  const [placed, setPlaced] = useState(null);
  const action = useAction();
  const found = (c, searched) => {
    setCustomer(c);
    if (!c) return;
    const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
    setFields((f) => ({ ...f, name: name || f.name }));
    setContact((old) => ({ name: name || old.name, phone: searched && searched.kind === 'phone' ? searched.value : old.phone,
      email: searched && searched.kind === 'email' ? searched.value : old.email }));
  };
  const change = (i, field, value) => setLines(lines.map((l, j) => (j === i ? { ...l, [field]: value } : l)));
  const setC = (field) => (e) => setContact({ ...contact, [field]: e.target.value });
  const submit = async (e) => {
    e.preventDefault();
    setPlaced(null);
    const body = deliveryRequest(fields, lines.map((l) => ({ sku: l.sku.trim().toUpperCase(), quantity: Number(l.quantity) })),
      contact, payment.trim());
    const id = customer ? customer.customerId : customerId;
    if (id) body.customerId = id;
    const order = await action.run(() => api('POST', `/stores/${who.storeId}/delivery-orders`, {
      headers: { 'Idempotency-Key': idempotencyKey() }, body }), (o) => t('aisleOrdered', { id: o.id }));
    if (order) setPlaced(order);
  };
  return html`<section aria-labelledby="aisle-title">
    <h1 id="aisle-title">${t('aisleTitle')}</h1>
    <p class="hint">${t('aisleIntro')}</p>
    <h2>${t('theCustomer')}</h2>
    <${FindCustomer} who=${who} onFound=${found} idPrefix="aisle-" />
    ${customer ? html`<p class="card" data-customer=${customer.customerId}><strong>${customer.firstName} ${customer.lastName}</strong>
      <span class="meta"> ${customer.customerId}</span><${LoyaltyLine} loyalty=${customer.loyalty} /></p>`
      : html`<p class="meta">${customerId ? t('customerId', { id: customerId }) : t('guest')}</p>`}
    <form class="stack" onSubmit=${submit} aria-labelledby="aisle-items">
      <h2 id="aisle-items">${t('items')}</h2>
      ${lines.map((l, i) => html`<div class="inline">
        <label for=${`aisle-sku-${i}`}>${t('sku')}</label>
        <input id=${`aisle-sku-${i}`} value=${l.sku} required pattern="[A-Za-z0-9\\-]{3,32}" aria-describedby=${`aisle-hint-${i}`}
          onInput=${(e) => change(i, 'sku', e.target.value)} onChange=${(e) => change(i, 'checked', e.target.value)} />
        <label for=${`aisle-qty-${i}`}>${t('quantity')}</label>
        <input id=${`aisle-qty-${i}`} type="number" min="1" max="10" value=${l.quantity} onInput=${(e) => change(i, 'quantity', e.target.value)} />
        ${lines.length > 1 ? html`<button type="button" onClick=${() => setLines(lines.filter((_, j) => j !== i))}>${t('removeLine')}</button>` : null}
        <${SkuHint} id=${`aisle-hint-${i}`} sku=${l.checked || ''} store=${who.storeId} />
      </div>`)}
      <div class="inline"><button type="button" onClick=${() => setLines([...lines, { sku: '', quantity: 1 }])}>${t('addLine')}</button></div>
      <${DeliveryFields} id="aisle" value=${fields} onChange=${setFields} />
      <label for="aisle-cname">${t('contactName')}</label>
      <input id="aisle-cname" value=${contact.name} onInput=${setC('name')} maxlength="100" />
      <label for="aisle-cphone">${t('contactPhone')}</label>
      <input id="aisle-cphone" type="tel" value=${contact.phone} onInput=${setC('phone')} />
      <label for="aisle-cemail">${t('contactEmail')}</label>
      <input id="aisle-cemail" type="email" value=${contact.email} onInput=${setC('email')} />
      <label for="aisle-payment">${t('paymentOnTablet')}</label>
      <input id="aisle-payment" value=${payment} onInput=${(e) => setPayment(e.target.value)} required />
      <button type="submit" class="primary" disabled=${action.busy}>${t('placeDelivery')}</button>
      <${Problem} error=${action.error} />
      <${Notice} text=${action.message} />
    </form>
    ${placed ? html`<${DeliveryOrderCard} order=${placed} />` : null}
  </section>`;
}

/** What a SKU is and where it is, once typed (on change, not each key): its name, units here and elsewhere. */
function SkuHint({ id, sku, store }) {
  const clean = sku.trim().toUpperCase();
  const stock = useLoad(() => (/^[A-Z0-9-]{3,32}$/.test(clean) ? api('GET', `/stock/${encodeURIComponent(clean)}`)
    : Promise.resolve(null)), [clean]);
  if (stock.error) return html`<div id=${id}><${Problem} error=${stock.error} /></div>`;
  if (!stock.data) return html`<span id=${id}></span>`;
  const here = stock.data.locations.find((l) => l.locationId === store);
  const elsewhere = stock.data.locations.filter((l) => l.locationId !== store).reduce((n, l) => n + l.available, 0);
  return html`<p class="meta" id=${id} data-sku-hint>${stock.data.productName} · ${t('hereAndElsewhere', {
    here: here ? here.available : 0, elsewhere })}</p>`;
}
