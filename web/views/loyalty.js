// My loyalty: the balance, what is pending, the tier and its benefits, the ledger with where each line came from,
// and points spent for a single-use code.
import { html, useState, Problem, useLoad, useAction, Loaded } from '../ui.js';
import { t, money, dateTime, decimal } from '../i18n.js';
import { api, idempotencyKey } from '../api.js';

/** A change of points as the ledger shows it: +12 / −200, or nothing when it did not change that side. */
function signed(n) {
  if (!n) return '';
  return `${n > 0 ? '+' : '−'}${decimal(Math.abs(n), 0)}`;
}

export function MyLoyalty() {
  const account = useLoad(() => api('GET', '/customers/me/loyalty'), []);
  const programme = useLoad(() => api('GET', '/loyalty/programme'), []);
  const [pages, setPages] = useState({ items: [], next: null });
  const ledger = useLoad(() => api('GET', '/customers/me/loyalty/ledger?limit=50').then((page) => {
    setPages({ items: page.items, next: page.nextCursor || null });
    return page;
  }), []);
  const more = useAction();
  const loadMore = () => more.run(() => api('GET', `/customers/me/loyalty/ledger?limit=50&cursor=${encodeURIComponent(pages.next)}`)
    .then((page) => setPages({ items: [...pages.items, ...page.items], next: page.nextCursor || null })));
  const spent = () => { account.reload(); ledger.reload(); };
  return html`<section aria-labelledby="loyalty-title">
    <h1 id="loyalty-title">${t('loyaltyTitle')}</h1>
    <${Loaded} load=${account}>${(a) => html`<div class="figures">
      <p class="figure"><span class="label">${t('pointsAvailable')}</span>
        <strong data-points-available>${decimal(a.available || 0, 0)}</strong>
        <span class="meta">${t('worth', { amount: money(a.valueCents || 0) })}</span></p>
      <p class="figure"><span class="label">${t('pointsPending')}</span><strong>${decimal(a.pending || 0, 0)}</strong>
        <span class="meta">${t('pendingWhy')}</span></p>
      <p class="figure"><span class="label">${t('tier')}</span><strong data-tier>${a.tier}</strong>
        <span class="meta">${a.nextTier ? t('toNextTier', { n: decimal(a.pointsToNextTier, 0), tier: a.nextTier })
          : t('topTier')}</span></p>
    </div>
    <h2>${t('benefits')}</h2>
    ${(a.benefits || []).length === 0 ? html`<p>${t('noBenefits')}</p>`
      : html`<ul>${a.benefits.map((b) => html`<li>${b}</li>`)}</ul>`}
    <${SpendPoints} available=${a.available || 0} programme=${programme.data} onSpent=${spent} />`}<//>
    <h2 id="ledger-title">${t('ledger')}</h2>
    <${Loaded} load=${ledger}>${() => (pages.items.length === 0 ? html`<p>${t('nothing')}</p>` : html`
      <div class="scroll"><table aria-labelledby="ledger-title">
        <thead><tr><th scope="col">${t('date')}</th><th scope="col">${t('entryType')}</th>
          <th scope="col">${t('pointsPending')}</th><th scope="col">${t('pointsAvailable')}</th>
          <th scope="col">${t('source')}</th><th scope="col">${t('where')}</th></tr></thead>
        <tbody>${pages.items.map((e) => html`<tr data-entry=${e.id}>
          <td>${dateTime(e.at)}</td><td>${t(`entry${e.type}`)}</td><td>${signed(e.pending)}</td><td>${signed(e.available)}</td>
          <td>${e.source ? `${t(`source${e.source.kind}`)} ${e.source.id || ''}` : ''}${e.reason ? html` <span class="meta">(${e.reason})</span>` : null}</td>
          <td>${e.storeId || (e.channel === 'WEB' ? t('web') : e.channel || '')}</td></tr>`)}</tbody>
      </table></div>
      ${pages.next ? html`<button type="button" onClick=${loadMore} disabled=${more.busy}>${t('moreResults')}</button>` : null}
      <${Problem} error=${more.error} />`)}<//>
  </section>`;
}

/** Points (a multiple of 100) for a single-use code: the code is shown at once, big enough to read out at a till. */
function SpendPoints({ available, programme, onSpent }) {
  const [points, setPoints] = useState(100);
  const [reward, setReward] = useState(null);
  const action = useAction();
  const per100 = programme ? programme.centsPer100Points : null;
  const submit = async (e) => {
    e.preventDefault();
    setReward(null);
    const code = await action.run(() => api('POST', '/customers/me/loyalty/rewards', {
      headers: { 'Idempotency-Key': idempotencyKey() }, body: { points: Number(points) } }));
    if (code) {
      setReward(code);
      onSpent();
    }
  };
  return html`<form class="stack" onSubmit=${submit} aria-labelledby="spend-title">
    <h2 id="spend-title">${t('spendTitle')}</h2>
    <label for="spend-points">${t('pointsToSpend')}</label>
    <input id="spend-points" type="number" min="100" step="100" value=${points} onInput=${(e) => setPoints(e.target.value)} required />
    ${per100 ? html`<p class="meta" aria-live="polite">${t('spendWorth', {
      amount: money(Math.floor(Number(points) / 100) * per100) })} · ${t('youHave', { n: decimal(available, 0) })}</p>` : null}
    <button type="submit" class="primary" disabled=${action.busy}>${t('spendPoints')}</button>
    <${Problem} error=${action.error} />
    ${reward ? html`<div class="notice reward" role="status">
      <p>${t('rewardReady', { amount: money(reward.amountOffCents), points: decimal(reward.points, 0) })}</p>
      <p class="code">${t('yourCode')} <strong data-reward-code>${reward.code}</strong></p>
      <p class="meta">${t('rewardUntil', { at: dateTime(reward.expiresAt) })}</p>
    </div>` : null}
  </form>`;
}
