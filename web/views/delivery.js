// Home delivery: the address and option fields (the storefront's checkout and the staff's endless aisle), a delivery
// order with its parcels and their tracking, and the customer's delivery orders.
import { html, useState, useEffect, Problem, Notice, useLoad, useAction, Loaded, StatusBadge, useStoreNames, reference } from '../ui.js';
import { t, money, dateTime } from '../i18n.js';
import { api, idempotencyKey } from '../api.js';

const COUNTRIES = ['FR', 'BE', 'LU', 'MC'];

export function emptyDelivery(name = '') {
  return { name, street: '', postcode: '', city: '', country: 'FR', option: 'STANDARD', oneParcel: false };
}

/** Where and how: the address, the delivery option, one parcel or not. {value, onChange} over emptyDelivery()'s shape. */
export function DeliveryFields({ id, value, onChange }) {
  const set = (field) => (e) => onChange({ ...value, [field]: e.target.type === 'checkbox' ? e.target.checked : e.target.value });
  const field = (name, label, attrs) => html`<label for=${`${id}-${name}`}>${t(label)}</label>
    <input id=${`${id}-${name}`} name=${name} value=${value[name]} onInput=${set(name)} required ...${attrs} />`;
  return html`<fieldset class="stack"><legend>${t('deliveryAddress')}</legend>
      ${field('name', 'addressName', { autocomplete: 'name', maxlength: 100 })}
      ${field('street', 'street', { autocomplete: 'street-address', maxlength: 200 })}
      ${field('postcode', 'postcode', { autocomplete: 'postal-code', pattern: '[A-Za-z0-9 \\-]{3,10}' })}
      ${field('city', 'city', { autocomplete: 'address-level2', maxlength: 100 })}
      <label for=${`${id}-country`}>${t('country')}</label>
      <select id=${`${id}-country`} value=${value.country} onChange=${set('country')}>
        ${COUNTRIES.map((c) => html`<option value=${c}>${t(`country${c}`)}</option>`)}
      </select>
    </fieldset>
    <fieldset><legend>${t('deliveryOption')}</legend>
      ${['STANDARD', 'EXPRESS'].map((o) => html`<label><input type="radio" name=${`${id}-option`} value=${o}
        checked=${value.option === o} onChange=${() => onChange({ ...value, option: o })} /> ${t(`option${o}`)}</label>`)}
    </fieldset>
    <label class="check"><input type="checkbox" id=${`${id}-one`} checked=${value.oneParcel} onChange=${set('oneParcel')} />
      ${t('oneParcel')}</label>`;
}

/** The API's body for a delivery order from the fields, the lines, the contact and the payment reference. */
export function deliveryRequest(fields, lines, contact, paymentAuthorization) {
  const address = { name: fields.name.trim(), street: fields.street.trim(), postcode: fields.postcode.trim().toUpperCase(),
    city: fields.city.trim(), country: fields.country };
  const who = { name: contact.name.trim() || address.name };
  if (contact.phone && contact.phone.trim()) who.phone = contact.phone.trim();
  if (contact.email && contact.email.trim()) who.email = contact.email.trim();
  return { lines, address, deliveryOption: fields.option, oneParcel: fields.oneParcel, contact: who, paymentAuthorization };
}

/** The storefront's checkout for home delivery, filled in from the profile. */
export function HomeDeliveryForm({ sku, quantity, me }) {
  const [fields, setFields] = useState(emptyDelivery());
  const [contact, setContact] = useState({ name: '', phone: '', email: '' });
  const [payment, setPayment] = useState('demo-auth-0002');
  const action = useAction();
  const [placed, setPlaced] = useState(null);
  useEffect(() => {
    if (!me) return;
    const name = [me.firstName, me.lastName].filter(Boolean).join(' ');
    setFields((f) => ({ ...f, name: f.name || name }));
    setContact((c) => ({ name: c.name || name, phone: c.phone || me.phone || '', email: c.email || me.email || '' }));
  }, [me]);
  const submit = async (e) => {
    e.preventDefault();
    setPlaced(null);
    const order = await action.run(() => api('POST', '/delivery-orders', { headers: { 'Idempotency-Key': idempotencyKey() },
      body: deliveryRequest(fields, [{ sku, quantity: Number(quantity) }], contact, payment) }),
    (o) => t('deliveryOrdered', { id: o.id, n: o.shipments.filter((s) => s.status !== 'REJECTED').length }));
    if (order) setPlaced(order);
  };
  const setC = (field) => (e) => setContact({ ...contact, [field]: e.target.value });
  return html`<form class="stack" onSubmit=${submit} aria-labelledby="delivery-title">
    <h2 id="delivery-title">${t('orderDelivery')}</h2>
    <${DeliveryFields} id="home" value=${fields} onChange=${setFields} />
    <label for="dphone">${t('contactPhone')}</label>
    <input id="dphone" type="tel" autocomplete="tel" value=${contact.phone} onInput=${setC('phone')} />
    <label for="demail">${t('contactEmail')}</label>
    <input id="demail" type="email" autocomplete="email" value=${contact.email} onInput=${setC('email')} />
    <label for="dpayment">${t('paymentAuthorization')}</label>
    <input id="dpayment" value=${payment} onInput=${(e) => setPayment(e.target.value)} />
    <button type="submit" class="primary" disabled=${action.busy}>${t('placeDelivery')}</button>
    <${Problem} error=${action.error} />
    <${Notice} text=${action.message} />
    ${placed ? html`<p><a href="#/orders">${t('followInMyOrders')}</a></p>` : null}
  </form>`;
}


/** Whether its customer may still cancel it: not over, and no parcel picked yet (the API's rule; it answers 409 otherwise). */
export function cancellable(order) {
  return ['IN_FULFILMENT', 'AWAITING_STOCK'].includes(order.status)
    && order.shipments.every((s) => ['OFFERED', 'ACCEPTED', 'REJECTED', 'CANCELLED'].includes(s.status));
}

/**
 * A delivery order: its lines, where it goes, and each parcel with its place, status and tracking; with {onCancel},
 * a button to cancel it while it can be.
 */
export function DeliveryOrderCard({ order, headingLevel = 2, onCancel, busy }) {
  const Heading = `h${headingLevel}`;
  const name = (sku) => (order.lines.find((l) => l.sku === sku) || {}).productName || sku;
  const parcels = order.shipments.filter((s) => s.status !== 'REJECTED');
  const stores = useStoreNames();
  const place = (id) => (id === 'WEB' ? t('warehouse') : stores[id] || id);
  return html`<article class="card delivery" data-delivery=${order.id}>
    <${Heading}>${order.lines.map((l) => `${l.quantity} × ${l.productName || l.sku}`).join(', ')}<//>
    <p><${StatusBadge} status=${order.status} />${' '}${t(`option${order.option}`)} · ${money(order.totalCents)} · <span
      class="meta" title=${order.id}>${t('orderRef', { id: reference(order.id) })}</span></p>
    <p class="meta">${t('deliverTo', { address: `${order.address.name || ''}, ${order.address.street || ''}, ${order.address.postcode} ${order.address.city}` })}</p>
    ${order.soldBy ? html`<p class="meta">${t('soldBy', { store: place(order.soldBy.storeId), staff: order.soldBy.staffId })}</p>` : null}
    ${order.waiting && order.waiting.length ? html`<p class="late">${t('waitingLines', {
      items: order.waiting.map((w) => `${w.quantity} × ${name(w.sku)}`).join(', ') })}</p>` : null}
    <h3 class="sr-only">${t('parcels')}</h3>
    <ol class="parcels">${parcels.map((s) => html`<li data-shipment=${s.id}>
      <strong>${t('parcelFrom', { place: place(s.locationId) })}</strong>${' '}<${StatusBadge} status=${s.status} />${' '}<span
        class="meta">${s.lines.map((l) => `${l.quantity} × ${name(l.sku)}`).join(', ')}</span>
      ${s.trackingRef ? html`<div>${t('tracking', { carrier: s.carrier || '' })} <strong data-tracking>${s.trackingRef}</strong></div>` : null}
      ${s.timeline && s.timeline.length ? html`<details><summary>${t('timeline')}</summary><ol>
        ${s.timeline.map((e) => html`<li>${dateTime(e.at)} — ${e.status}</li>`)}</ol></details>` : null}
    </li>`)}</ol>
    ${onCancel && cancellable(order) ? html`<button type="button" data-cancel-delivery disabled=${busy}
      onClick=${() => onCancel(order)}>${t('cancelDelivery')}</button>` : null}
  </article>`;
}

/** The customer's delivery orders with their parcels, newest first (GET /customers/me/deliveries), a page at a time. */
export function MyDeliveries() {
  const [pages, setPages] = useState({ items: [], next: null });
  const orders = useLoad(() => api('GET', '/customers/me/deliveries').then((page) => {
    setPages({ items: page.items, next: page.nextCursor || null });
    return page;
  }), []);
  const more = useAction();
  const cancelling = useAction();
  const cancel = (o) => cancelling.run(() => api('POST', `/delivery-orders/${encodeURIComponent(o.id)}/cancel`),
    () => t('deliveryCancelled')).then((cancelled) => {
    if (cancelled) setPages((p) => ({ ...p, items: p.items.map((x) => (x.id === cancelled.id ? cancelled : x)) }));
  });
  const loadMore = () => more.run(() => api('GET', `/customers/me/deliveries?cursor=${encodeURIComponent(pages.next)}`)
    .then((page) => setPages({ items: [...pages.items, ...page.items], next: page.nextCursor || null })));
  return html`<h2 id="deliveries-title">${t('myDeliveries')}</h2>
    <${Loaded} load=${orders}>${() => (pages.items.length === 0 ? html`<p>${t('nothing')}</p>` : html`
      <${Problem} error=${cancelling.error} />
      <${Notice} text=${cancelling.message} />
      <ul class="plain">${pages.items.map((o) => html`<li><${DeliveryOrderCard} order=${o} headingLevel=${3}
        onCancel=${cancel} busy=${cancelling.busy} /></li>`)}</ul>
      ${pages.next ? html`<button type="button" onClick=${loadMore} disabled=${more.busy}>${t('moreResults')}</button>` : null}
      <${Problem} error=${more.error} />`)}<//>`;
}
