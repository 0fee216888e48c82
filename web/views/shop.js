// The storefront: search, a product's availability, reserve or order for pickup, my orders, my profile, feedback.
import { html, useState, useEffect, Problem, Notice, useLoad, useAction, Loaded, StatusBadge, km } from '../ui.js';
import { t, lang, money, dateTime, decimal } from '../i18n.js';
import { api, idempotencyKey } from '../api.js';
import { HomeDeliveryForm, MyDeliveries } from './delivery.js';

/** The catalogue's search: words, and optionally "in stock near" a place (a store, or the browser's position). */
export function Shop({ params, who }) {
  const query = params.get('q') || '';
  const near = params.get('near') || '';
  const radius = params.get('radius') || '20';
  const [text, setText] = useState(query);
  const [place, setPlace] = useState(near);
  const [km, setKm] = useState(radius);
  const [pages, setPages] = useState({ items: [], next: null });
  const stores = useLoad(() => api('GET', '/stores'), []);
  const more = useAction();
  const storeList = stores.data ? stores.data.items : [];
  const where = async () => {
    if (!near) return null;
    if (near === 'me') {
      return new Promise((resolve, reject) => (navigator.geolocation
        ? navigator.geolocation.getCurrentPosition((p) => resolve(p.coords), () => reject(new Error(t('noPosition'))))
        : reject(new Error(t('noPosition')))));
    }
    const list = storeList.length ? storeList : (await api('GET', '/stores')).items;
    const store = list.find((s) => s.id === near);
    return store ? store.coordinates : null;
  };
  const search = async (cursor) => {
    const q = new URLSearchParams();
    if (query) q.set('q', query);
    const coords = await where();
    if (coords) {
      q.set('lat', coords.latitude);
      q.set('lon', coords.longitude);
      q.set('radiusKm', radius);
    }
    if (cursor) q.set('cursor', cursor);
    return api('GET', `/products?${q}`);
  };
  const results = useLoad(() => search(null).then((page) => {
    setPages({ items: page.items, next: page.nextCursor || null });
    return page;
  }), [query, near, radius]);
  const loadMore = () => more.run(() => search(pages.next).then((page) => {
    setPages({ items: [...pages.items, ...page.items], next: page.nextCursor || null });
  }));
  const submit = (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (text.trim()) next.set('q', text.trim());
    if (place) {
      next.set('near', place);
      next.set('radius', km);
    }
    location.hash = `#/shop?${next}`;
  };
  return html`<section aria-labelledby="shop-title">
    <h1 id="shop-title">${t('navShop')}</h1>
    <form role="search" class="inline" onSubmit=${submit}>
      <label for="q">${t('searchLabel')}</label>
      <input id="q" name="q" type="search" value=${text} placeholder=${t('searchPlaceholder')}
        onInput=${(e) => setText(e.target.value)} />
      <label for="near">${t('inStockNear')}</label>
      <select id="near" value=${place} onChange=${(e) => setPlace(e.target.value)}>
        <option value="">${t('anywhere')}</option>
        <option value="me">${t('myPosition')}</option>
        ${storeList.map((s) => html`<option value=${s.id}>${s.name}</option>`)}
      </select>
      ${place ? html`<label for="radius">${t('radius')}</label>
        <select id="radius" value=${km} onChange=${(e) => setKm(e.target.value)}>
          ${['5', '10', '20', '50', '100', '200'].map((r) => html`<option value=${r}>${r} km</option>`)}
        </select>` : null}
      <button type="submit" class="primary">${t('search')}</button>
    </form>
    ${who ? null : html`<p class="hint">${t('signInToBuy')}</p>`}
    <${FeedbackPrompt} who=${who} page="/shop" />
    <${Loaded} load=${results}>${() => html`
      <p role="status">${t('results', { n: pages.items.length })}</p>
      <ul class="cards">${pages.items.map((p) => html`<li class="card" data-sku=${p.sku}>
        <h2><a href=${`#/product/${encodeURIComponent(p.sku)}`}>${p.name}</a></h2>
        <p class="meta">${p.sku} · ${[p.size, p.color].filter(Boolean).join(' · ')}</p>
        <p class="price">${money(p.priceCents, p.currency)}
          ${p.regularPriceCents ? html` <s class="meta"><span class="sr-only">${t('insteadOf')} </span>${money(p.regularPriceCents, p.currency)}</s>` : null}</p>
        <p class="meta">${t('inStores', { n: p.availability.storesInStock })}, ${t('onWeb', { n: p.availability.web })}</p>
        ${p.nearby && p.nearby.length ? html`<ul class="nearby">${p.nearby.slice(0, 3).map((n) => html`<li>
          ${n.name}: ${t('unitsAt', { n: n.available, km: decimal(n.distanceKm) })}</li>`)}</ul>` : null}
      </li>`)}</ul>
      ${pages.next ? html`<button type="button" onClick=${loadMore} disabled=${more.busy}>${t('moreResults')}</button>` : null}
      <${Problem} error=${more.error} />`}<//>
  </section>`;
}

export function Product({ sku, who }) {
  const stock = useLoad(() => api('GET', `/stock/${encodeURIComponent(sku)}`), [sku]);
  const stores = useLoad(() => api('GET', '/stores'), []);
  const me = useLoad(() => (who && who.role === 'customer' ? api('GET', '/customers/me') : Promise.resolve(null)), [who && who.sub]);
  const [origin, setOrigin] = useState(null);
  const reserve = useAction();
  const order = useAction();
  const [quantity, setQuantity] = useState(1);
  const [mode, setMode] = useState('pickup');
  const storeList = stores.data ? stores.data.items : [];
  const home = me.data && storeList.find((s) => s.id === me.data.homeStoreId);
  const from = origin || (home && { ...home.coordinates, label: home.name });
  const locate = () => navigator.geolocation && navigator.geolocation.getCurrentPosition(
    (pos) => setOrigin({ latitude: pos.coords.latitude, longitude: pos.coords.longitude, label: 'GPS' }));
  const rows = (stock.data ? stock.data.locations : []).map((l) => {
    const store = storeList.find((s) => s.id === l.locationId);
    return { ...l, distance: from && store && store.coordinates ? km(from, store.coordinates) : null };
  }).sort((a, b) => (a.type === 'web' ? -1 : b.type === 'web' ? 1
    : a.distance != null && b.distance != null ? a.distance - b.distance : b.available - a.available));
  const canBuy = who && who.role === 'customer';
  const doReserve = (storeId, storeName) => reserve.run(() => api('POST', '/reservations', {
    headers: { 'Idempotency-Key': idempotencyKey() }, body: { sku, storeId, quantity: Number(quantity) },
  }), (r) => t('reserved', { store: r.storeName || storeName, until: dateTime(r.expiresAt) }));
  return html`<section aria-labelledby="product-title">
    <${Loaded} load=${stock}>${(data) => html`
      <h1 id="product-title">${data.productName}</h1>
      <p class="meta">${sku}</p>
      ${data.priceCents == null ? null : html`<p class="price">${money(data.priceCents, data.currency)} <span class="meta">(${t('web')})</span></p>`}
      <h2>${t('availability')}</h2>
      <p class="inline">
        ${from ? html`<span>${t('sortedFrom', { place: from.label })}</span>` : null}
        <button type="button" onClick=${locate}>${t('nearMe')}</button>
        ${canBuy ? html`<label for="qty">${t('quantity')}</label>
          <input id="qty" type="number" min="1" max="5" value=${quantity} onInput=${(e) => setQuantity(e.target.value)} />`
          : null}
      </p>
      <table class="availability">
        <caption class="sr-only">${t('availability')}</caption>
        <thead><tr><th scope="col">${t('where')}</th><th scope="col">${t('available')}</th><th scope="col">${t('price')}</th>
          <th scope="col"><span class="sr-only">${t('reserve')}</span></th></tr></thead>
        <tbody>${rows.map((l) => html`<tr key=${l.locationId}>
          <th scope="row">${l.type === 'web' ? t('web') : l.name}
            ${l.distance != null ? html` <span class="meta">(${t('distance', { km: decimal(l.distance, 0) })})</span>` : null}</th>
          <td>${l.available}</td>
          <td>${l.priceCents == null ? '' : money(l.priceCents, data.currency)}</td>
          <td>${canBuy && l.type === 'store' && l.available > 0
            ? html`<button type="button" data-reserve=${l.locationId} disabled=${reserve.busy}
                onClick=${() => doReserve(l.locationId, l.name)}>${t('reserve')}</button>` : null}</td>
        </tr>`)}</tbody>
      </table>
      <${Problem} error=${reserve.error} />
      <${Notice} text=${reserve.message} />
      ${canBuy ? html`<fieldset class="inline"><legend>${t('howToGet')}</legend>
          <label><input type="radio" name="fulfilment" value="pickup" checked=${mode === 'pickup'}
            onChange=${() => setMode('pickup')} /> ${t('orderPickup')}</label>
          <label><input type="radio" name="fulfilment" value="delivery" checked=${mode === 'delivery'}
            onChange=${() => setMode('delivery')} /> ${t('orderDelivery')}</label>
        </fieldset>
        ${mode === 'pickup' ? html`<${OrderForm} sku=${sku} quantity=${quantity} stores=${storeList} me=${me.data} action=${order} />`
          : html`<${HomeDeliveryForm} sku=${sku} quantity=${quantity} me=${me.data} />`}`
        : html`<p class="hint">${t('signInToBuy')}</p>`}
    `}<//>
  </section>`;
}

function OrderForm({ sku, quantity, stores, me, action }) {
  const [storeId, setStoreId] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [payment, setPayment] = useState('demo-auth-0001');
  const [placed, setPlaced] = useState(null);
  useEffect(() => {
    if (!me) return;
    setStoreId((v) => v || me.homeStoreId || '');
    setName((v) => v || [me.firstName, me.lastName].filter(Boolean).join(' '));
    setPhone((v) => v || me.phone || '');
    setEmail((v) => v || me.email || '');
  }, [me]);
  const submit = async (e) => {
    e.preventDefault();
    setPlaced(null);
    const contact = { name };
    if (phone) contact.phone = phone;
    if (email) contact.email = email;
    const order = await action.run(() => api('POST', '/orders', { headers: { 'Idempotency-Key': idempotencyKey() },
      body: { lines: [{ sku, quantity: Number(quantity) }], pickupStoreId: storeId || (stores[0] && stores[0].id), contact,
        paymentAuthorization: payment } }),
    (o) => t(o.status === 'AWAITING_CUSTOMER' ? 'orderedChoose' : 'ordered', { id: o.id, store: o.pickupStoreName || o.pickupStoreId }));
    if (order) setPlaced(order);
  };
  return html`<form class="stack" onSubmit=${submit} aria-labelledby="order-title">
    <h2 id="order-title">${t('orderPickup')}</h2>
    <label for="pickup">${t('pickupStore')}</label>
    <select id="pickup" value=${storeId} onChange=${(e) => setStoreId(e.target.value)}>
      ${stores.map((s) => html`<option value=${s.id}>${s.name}</option>`)}
    </select>
    <label for="cname">${t('contactName')}</label>
    <input id="cname" autocomplete="name" value=${name} onInput=${(e) => setName(e.target.value)} required />
    <label for="cphone">${t('contactPhone')}</label>
    <input id="cphone" type="tel" autocomplete="tel" value=${phone} onInput=${(e) => setPhone(e.target.value)} />
    <label for="cemail">${t('contactEmail')}</label>
    <input id="cemail" type="email" autocomplete="email" value=${email} onInput=${(e) => setEmail(e.target.value)} />
    <label for="payment">${t('paymentAuthorization')}</label>
    <input id="payment" value=${payment} onInput=${(e) => setPayment(e.target.value)} />
    <button type="submit" class="primary" disabled=${action.busy}>${t('placeOrder')}</button>
    <${Problem} error=${action.error} />
    <${Notice} text=${action.message} />
    ${placed ? html`<p><a href=${`#/orders/${encodeURIComponent(placed.id)}`} data-order-link>${t('followOrder')}</a></p>` : null}
  </form>`;
}

export function MyOrders() {
  const orders = useLoad(() => api('GET', '/customers/me/orders'), []);
  const reservations = useLoad(() => api('GET', '/customers/me/reservations'), []);
  const action = useAction();
  const cancelOrder = (id) => action.run(() => api('DELETE', `/orders/${id}`), t('done')).then(orders.reload);
  const confirmOption = (id, optionId) => action.run(() => api('POST', `/orders/${id}/confirm-option`, { headers: { 'Idempotency-Key': idempotencyKey() }, body: { optionId } }), t('done')).then(orders.reload);
  const cancelReservation = (id) => action.run(() => api('DELETE', `/reservations/${id}`), t('done')).then(reservations.reload);
  return html`<section aria-labelledby="orders-title">
    <h1 id="orders-title">${t('myOrders')}</h1>
    <${Problem} error=${action.error} />
    <${Notice} text=${action.message} />
    <${FeedbackPrompt} who=${{ role: 'customer' }} page="/orders" />
    <${Loaded} load=${orders}>${(data) => (data.items.length === 0 ? html`<p>${t('nothing')}</p>` : html`
      <ul class="plain">${data.items.map((o) => html`<li class="card order" data-order=${o.id}>
        <h2>${o.lines.map((l) => `${l.quantity} × ${l.productName}`).join(', ')}</h2>
        <p><${StatusBadge} status=${o.status} /> ${o.pickupStoreName} · ${money(o.totalCents)}</p>
        <p><a href=${`#/orders/${encodeURIComponent(o.id)}`} data-order-link>${t('followOrder')}</a></p>
        ${o.pickupCode ? html`<p class="code">${t('pickupCode')} : <strong data-pickup-code>${o.pickupCode}</strong></p>` : null}
        ${o.readyBy && ['PLACED', 'ACCEPTED'].includes(o.status) ? html`<p>${t('readyBy', { at: dateTime(o.readyBy) })}</p>` : null}
        <details><summary>${t('timeline')}</summary><ol>
          ${o.timeline.map((e) => html`<li>${dateTime(e.at)} — ${e.status}</li>`)}
        </ol></details>
        ${o.status === 'AWAITING_CUSTOMER' && o.options.length ? html`<fieldset><legend>${t('chooseOption')}</legend>
          ${o.options.map((option) => html`<button type="button" onClick=${() => confirmOption(o.id, option.id)}>
            ${t(option.kind === 'TRANSFER' ? 'optionTransfer' : 'optionOtherStore', { store: option.storeName, at: dateTime(option.readyBy) })}
          </button>`)}</fieldset>` : null}
        ${['PLACED', 'ACCEPTED', 'AWAITING_CUSTOMER'].includes(o.status)
          ? html`<button type="button" onClick=${() => cancelOrder(o.id)}>${t('cancel')}</button>` : null}
        ${o.status === 'COLLECTED' ? html`<${ReturnForm} order=${o} />` : null}
      </li>`)}</ul>`)}<//>
    <${MyDeliveries} />
    <h2>${t('myReservations')}</h2>
    <${Loaded} load=${reservations}>${(data) => (data.items.length === 0 ? html`<p>${t('nothing')}</p>` : html`
      <ul class="plain">${data.items.map((r) => html`<li class="card" data-reservation=${r.id}>
        <p><strong>${r.quantity} × ${r.productName}</strong> — ${r.storeName} <${StatusBadge} status=${r.status} /></p>
        <p class="meta">${dateTime(r.createdAt)} → ${dateTime(r.expiresAt)}</p>
        ${r.status === 'HELD' ? html`<button type="button" onClick=${() => cancelReservation(r.id)}>${t('cancel')}</button>` : null}
      </li>`)}</ul>`)}<//>
  </section>`;
}

function ReturnForm({ order }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [method, setMethod] = useState('store');
  const action = useAction();
  if (!open) return html`<button type="button" onClick=${() => setOpen(true)}>${t('askReturn')}</button>`;
  const submit = (e) => {
    e.preventDefault();
    action.run(() => api('POST', '/returns', { headers: { 'Idempotency-Key': idempotencyKey() },
      body: { orderId: order.id, lines: order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })), reason, method,
        ...(method === 'store' ? { storeId: order.pickupStoreId } : {}) } }),
    (r) => t('returnAsked', { id: r.id }));
  };
  return html`<form class="stack" onSubmit=${submit}>
    <label for=${`reason-${order.id}`}>${t('returnReason')}</label>
    <textarea id=${`reason-${order.id}`} required maxlength="500" value=${reason} onInput=${(e) => setReason(e.target.value)}></textarea>
    <fieldset><legend>${t('returnMethod')}</legend>
      <label><input type="radio" name=${`m-${order.id}`} checked=${method === 'store'} onChange=${() => setMethod('store')} /> ${t('methodStore')}</label>
      <label><input type="radio" name=${`m-${order.id}`} checked=${method === 'post'} onChange=${() => setMethod('post')} /> ${t('methodPost')}</label>
    </fieldset>
    <button type="submit" class="primary" disabled=${action.busy}>${t('sendReturn')}</button>
    <${Problem} error=${action.error} />
    <${Notice} text=${action.message} />
  </form>`;
}

const CHANNELS = ['SMS', 'EMAIL', 'WHATSAPP'];
const PURPOSES = ['MARKETING', 'FEEDBACK'];

export function Profile() {
  const me = useLoad(() => api('GET', '/customers/me'), []);
  const stores = useLoad(() => api('GET', '/stores'), []);
  const consents = useLoad(() => api('GET', '/customers/me/consents'), []);
  return html`<section aria-labelledby="profile-title">
    <h1 id="profile-title">${t('profile')}</h1>
    <${Loaded} load=${me}>${(data) => html`<${ProfileForm} me=${data} stores=${stores.data ? stores.data.items : []} />`}<//>
    <h2 id="consents-title">${t('consents')}</h2>
    <${Loaded} load=${consents}>${(data) => html`<${ConsentsForm} consents=${data.consents} reload=${consents.reload} />`}<//>
  </section>`;
}

function ProfileForm({ me, stores }) {
  const [form, setForm] = useState({
    firstName: me.firstName || '', lastName: me.lastName || '', language: me.language || 'fr',
    homeStoreId: me.homeStoreId || '', preferredChannels: me.preferredChannels || ['SMS', 'EMAIL'],
    birthDate: me.birthDate || '',
    quiet: !!me.quietHours, start: me.quietHours ? me.quietHours.start : '21:00', end: me.quietHours ? me.quietHours.end : '08:00',
  });
  const action = useAction();
  const set = (field) => (e) => setForm({ ...form, [field]: e.target.type === 'checkbox' ? e.target.checked : e.target.value });
  const toggleChannel = (c) => setForm({ ...form, preferredChannels: form.preferredChannels.includes(c)
    ? form.preferredChannels.filter((x) => x !== c) : [...form.preferredChannels, c] });
  const submit = (e) => {
    e.preventDefault();
    const body = { firstName: form.firstName, lastName: form.lastName, language: form.language,
      preferredChannels: form.preferredChannels,
      quietHours: form.quiet ? { start: form.start, end: form.end, timeZone: 'Europe/Paris' } : null };
    if (form.homeStoreId) body.homeStoreId = form.homeStoreId;
    body.birthDate = form.birthDate || null; // an emptied field removes it
    action.run(() => api('PATCH', '/customers/me', { body }), t('saved'));
  };
  return html`<form class="stack" onSubmit=${submit}>
    <label for="first">${t('firstName')}</label>
    <input id="first" autocomplete="given-name" value=${form.firstName} onInput=${set('firstName')} />
    <label for="last">${t('lastName')}</label>
    <input id="last" autocomplete="family-name" value=${form.lastName} onInput=${set('lastName')} />
    <label for="birth">${t('birthDate')}</label>
    <input id="birth" type="date" autocomplete="bday" value=${form.birthDate} onInput=${set('birthDate')} />
    <label for="plang">${t('preferredLanguage')}</label>
    <select id="plang" value=${form.language} onChange=${set('language')}>
      <option value="fr">Français</option><option value="en">English</option></select>
    <label for="home">${t('homeStore')}</label>
    <select id="home" value=${form.homeStoreId} onChange=${set('homeStoreId')}>
      ${stores.map((s) => html`<option value=${s.id}>${s.name}</option>`)}</select>
    <fieldset><legend>${t('channels')}</legend>
      ${CHANNELS.map((c) => html`<label><input type="checkbox" checked=${form.preferredChannels.includes(c)}
        onChange=${() => toggleChannel(c)} /> ${t(c)}${form.preferredChannels.includes(c)
          ? ` (${form.preferredChannels.indexOf(c) + 1})` : ''}</label>`)}
    </fieldset>
    <fieldset><legend>${t('quietHours')}</legend>
      <label><input type="checkbox" id="quiet" checked=${form.quiet} onChange=${set('quiet')} /> ${t('quietOn')}</label>
      <div class="inline">
        <label for="qstart">${t('quietFrom')}</label>
        <input id="qstart" type="time" value=${form.start} disabled=${!form.quiet} onInput=${set('start')} />
        <label for="qend">${t('quietTo')}</label>
        <input id="qend" type="time" value=${form.end} disabled=${!form.quiet} onInput=${set('end')} />
      </div>
    </fieldset>
    <button type="submit" class="primary" disabled=${action.busy}>${t('save')}</button>
    <${Problem} error=${action.error} />
    <${Notice} text=${action.message} />
  </form>`;
}

function ConsentsForm({ consents, reload }) {
  const granted = (purpose, channel) => consents.some((c) => c.purpose === purpose && c.channel === channel && c.granted);
  const action = useAction();
  const toggle = (purpose, channel, value) => action.run(() => api('PUT', '/customers/me/consents', {
    body: { consents: [{ purpose, channel, granted: value, source: 'web', textVersion: 'web-2026-12' }] },
  }), t('saved')).then(reload);
  return html`<table aria-labelledby="consents-title">
    <thead><tr><th scope="col">${t('purpose')}</th>${CHANNELS.map((c) => html`<th scope="col">${t(c)}</th>`)}</tr></thead>
    <tbody>${PURPOSES.map((p) => html`<tr><th scope="row">${t(p)}</th>
      ${CHANNELS.map((c) => html`<td><input type="checkbox" aria-label=${`${t(p)} — ${t(c)}`}
        checked=${granted(p, c)} disabled=${action.busy} onChange=${(e) => toggle(p, c, e.target.checked)} /></td>`)}
    </tr>`)}</tbody>
  </table>
  <${Problem} error=${action.error} />
  <${Notice} text=${action.message} />`;
}

/** The storefront's feedback tab: asks the API whether a questionnaire should show on this page now. */
function FeedbackPrompt({ who, page }) {
  const [prompt, setPrompt] = useState(null);
  useEffect(() => {
    const signedIn = who && who.role === 'customer';
    let visitor = localStorage.getItem('omnicanal.visitor');
    if (!visitor) {
      visitor = `v${Math.random().toString(36).slice(2, 14)}`;
      localStorage.setItem('omnicanal.visitor', visitor);
    }
    const body = signedIn ? { page, language: lang() } : { page, language: lang(), visitorId: visitor };
    api('POST', signedIn ? '/customers/me/feedback/prompt' : '/feedback/prompt', { body })
      .then((reply) => setPrompt(reply && reply.show ? reply : null), () => setPrompt(null));
  }, [who && who.sub, page]);
  if (!prompt) return null;
  return html`<aside class="prompt" aria-labelledby="prompt-title">
    <h2 id="prompt-title">${prompt.questionnaire ? prompt.questionnaire.title : t('feedbackTitle')}</h2>
    <a class="button" href=${`#/feedback/${encodeURIComponent(prompt.token)}`}>${t('open')}</a>
  </aside>`;
}

export function Feedback({ who, token }) {
  const [typed, setTyped] = useState('');
  if (!token) {
    const open = (e) => {
      e.preventDefault();
      const value = typed.trim().replace(/^.*\/feedback\//, '');
      if (value) location.hash = `#/feedback/${encodeURIComponent(value)}`;
    };
    return html`<section aria-labelledby="fb-title"><h1 id="fb-title">${t('feedbackTitle')}</h1>
      <${FeedbackPrompt} who=${who} page="/feedback" />
      <form class="inline" onSubmit=${open}>
        <label for="fbtoken">${t('feedbackTokenLabel')}</label>
        <input id="fbtoken" value=${typed} onInput=${(e) => setTyped(e.target.value)} />
        <button type="submit">${t('open')}</button>
      </form></section>`;
  }
  return html`<${Questionnaire} token=${token} />`;
}

function Questionnaire({ token }) {
  const form = useLoad(() => api('GET', `/feedback/${encodeURIComponent(token)}`), [token]);
  const [answers, setAnswers] = useState({});
  const action = useAction();
  const set = (id, value) => setAnswers({ ...answers, [id]: value });
  // a question shown only for some scores of another (e.g. "why?" for detractors)
  const visible = (q) => {
    if (!q.showIf) return true;
    const score = answers[q.showIf.questionId];
    return typeof score === 'number' && (q.showIf.min == null || score >= q.showIf.min)
      && (q.showIf.max == null || score <= q.showIf.max);
  };
  const submit = (e, questions) => {
    e.preventDefault();
    const list = questions.filter(visible).filter((q) => answers[q.id] !== undefined && answers[q.id] !== '').map((q) => {
      const value = answers[q.id];
      if (Array.isArray(value)) return { questionId: q.id, choices: value };
      if (typeof value === 'number') return { questionId: q.id, score: value };
      return { questionId: q.id, text: value };
    });
    action.run(() => api('POST', `/feedback/${encodeURIComponent(token)}`, { body: { answers: list },
      headers: { 'Idempotency-Key': idempotencyKey() } }),
    (r) => (r && r.reward ? `${t('feedbackThanks')} ${t('rewardCode', { code: r.reward.code })}` : t('feedbackThanks')));
  };
  return html`<section aria-labelledby="q-title"><${Loaded} load=${form}>${(q) => html`
    <h1 id="q-title">${q.title}</h1>
    <form class="stack" onSubmit=${(e) => submit(e, q.questions)}>
      ${q.questions.filter(visible).map((question) => html`<fieldset>
        <legend>${question.text}${question.required ? ' *' : ''}</legend>
        ${question.kind === 'NPS' || question.kind === 'CSAT' ? html`<div class="scale">
          ${range(question.min ?? (question.kind === 'NPS' ? 0 : 1), question.max ?? (question.kind === 'NPS' ? 10 : 5)).map((n) => html`
            <label><input type="radio" name=${question.id} checked=${answers[question.id] === n}
              onChange=${() => set(question.id, n)} /> ${n}</label>`)}</div>`
        : question.options && question.options.length ? question.options.map((o) => html`<label>
            <input type="checkbox" name=${question.id} value=${o.id} checked=${(answers[question.id] || []).includes(o.id)}
              onChange=${(e) => set(question.id, e.target.checked ? [...(answers[question.id] || []), o.id]
                : (answers[question.id] || []).filter((x) => x !== o.id))} /> ${o.text}</label>`)
        : html`<textarea aria-label=${question.text} maxlength="1000" value=${answers[question.id] || ''}
            onInput=${(e) => set(question.id, e.target.value)}></textarea>`}
      </fieldset>`)}
      <button type="submit" class="primary" disabled=${action.busy}>${t('submit')}</button>
      <${Problem} error=${action.error} />
      <${Notice} text=${action.message} />
    </form>`}<//></section>`;
}

function range(from, to) {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
