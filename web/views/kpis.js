// The omnichannel KPIs (GET /ops/kpis) as charts, each with its figures in a table for keyboard and screen readers:
// every store for ops, their own store for staff (the same charts, and the period's figures).
import { html, useState, useEffect, useRef, useLoad, Loaded, useStoreNames } from '../ui.js';
import { t, lang, decimal, money } from '../i18n.js';
import { api } from '../api.js';

// Chart.js 4 (UMD build, one file from npm, no dependency): it sets globalThis.Chart; loaded only on this page
let chartLibrary;
function loadChart() {
  chartLibrary = chartLibrary || import('../vendor/chart.umd.min.js').then(() => globalThis.Chart);
  return chartLibrary;
}

const COLOURS = ['#0b5394', '#a3001b', '#1c6b2f', '#7a4b00', '#5b2a86', '#00616e', '#4a5360'];

function day(offset) {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
}

export function Kpis() {
  const [from, setFrom] = useState(day(-55));
  const [to, setTo] = useState(day(0));
  const kpis = useLoad(() => api('GET', `/ops/kpis?from=${from}&to=${to}&groupBy=store,week`), [from, to]);
  // messages per channel over every store (and those about none)
  const messages = useLoad(() => api('GET', `/ops/kpis?from=${from}&to=${to}&groupBy=channel,week`), [from, to]);
  return html`<section aria-labelledby="kpi-title">
    <h1 id="kpi-title">${t('kpisTitle')}</h1>
    <${Period} from=${from} to=${to} setFrom=${setFrom} setTo=${setTo} />
    <${Loaded} load=${kpis}>${(data) => html`<div class="charts">
      <${StoreCharts} rows=${data.rows} />
      <${CustomersChart} weeks=${data.customers} />
      <${KpiChart} id="points" title=${t('kpiPointsIssued')} type="bar" rows=${data.rows} value=${(r) => r.pointsIssued} />
    </div>`}<//>
    <${Loaded} load=${messages}>${(data) => html`<div class="charts">
      <${MessagesChart} rows=${data.rows} />
      <${StopRateChart} rows=${data.rows} />
    </div>`}<//>
  </section>`;
}

/** My store's KPIs (staff): the period's figures, then the weekly charts ops see, for this store only. */
export function StoreKpis({ who, store }) {
  const storeId = store || who.storeId;
  const [from, setFrom] = useState(day(-55));
  const [to, setTo] = useState(day(0));
  const query = `from=${from}&to=${to}&storeId=${encodeURIComponent(storeId)}`;
  const total = useLoad(() => api('GET', `/ops/kpis?${query}&groupBy=store`), [query]);
  const weeks = useLoad(() => api('GET', `/ops/kpis?${query}&groupBy=store,week`), [query]);
  const names = useStoreNames();
  return html`<section aria-labelledby="kpi-title">
    <h1 id="kpi-title">${t('storeKpisTitle', { store: names[storeId] || storeId })}</h1>
    <${Period} from=${from} to=${to} setFrom=${setFrom} setTo=${setTo} />
    <${Loaded} load=${total}>${(data) => html`<${Figures} row=${data.rows.find((r) => r.store === storeId) || data.rows[0]} />`}<//>
    <${Loaded} load=${weeks}>${(data) => html`<div class="charts"><${StoreCharts} rows=${data.rows} /></div>`}<//>
    <${SalesReport} storeId=${storeId} names=${names} />
  </section>`;
}

function thisMonth() {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }).slice(0, 7);
}

/**
 * The store accounting report of a month (GET /stores/{id}/reports/sales): what the store sold by how it was
 * fulfilled, what it fulfilled for other sellers, and what each staff member sold; it names no customer.
 */
function SalesReport({ storeId, names }) {
  const [month, setMonth] = useState(thisMonth());
  const report = useLoad(() => api('GET', `/stores/${encodeURIComponent(storeId)}/reports/sales?month=${month}`), [storeId, month]);
  const seller = (id) => (id === 'web' ? t('salesWeb') : names[id] || id);
  const row = (label, f, key) => html`<tr data-sales=${key}><th scope="row">${label}</th>
    <td>${decimal(f.orders, 0)}</td><td>${decimal(f.shipments, 0)}</td><td>${money(f.paidCents)}</td></tr>`;
  const head = (first) => html`<thead><tr><th scope="col">${first}</th><th scope="col">${t('salesOrders')}</th>
    <th scope="col">${t('salesShipments')}</th><th scope="col">${t('salesPaid')}</th></tr></thead>`;
  return html`<section aria-labelledby="sales-title" class="sales-report">
    <h2 id="sales-title">${t('salesTitle')}</h2>
    <p class="inline"><label for="sales-month">${t('salesMonth')}</label>
      <input id="sales-month" type="month" value=${month} onChange=${(e) => e.target.value && setMonth(e.target.value)} /></p>
    <${Loaded} load=${report}>${(r) => html`
      <div class="scroll"><table>
        <caption>${t('salesSold')}</caption>${head(t('salesFulfilment'))}
        <tbody>${r.byFulfilment.map((f) => row(t(`sales_${f.fulfilment}`), f, f.fulfilment))}
          ${row(t('salesTotal'), r.sold, 'sold')}</tbody>
      </table></div>
      <div class="scroll"><table>
        <caption>${t('salesFulfilledFor')}</caption>${head(t('salesSeller'))}
        <tbody>${r.fulfilledFor.length === 0 ? html`<tr><td colspan="4">${t('nothing')}</td></tr>`
          : r.fulfilledFor.map((f) => row(seller(f.seller), f, `for-${f.seller}`))}</tbody>
      </table></div>
      <div class="scroll"><table>
        <caption>${t('salesStaff')}</caption>${head(t('salesStaffMember'))}
        <tbody>${r.staff.length === 0 ? html`<tr><td colspan="4">${t('nothing')}</td></tr>`
          : r.staff.map((f) => row(f.staffId, f, `staff-${f.staffId}`))}</tbody>
      </table></div>`}<//>
  </section>`;
}

function Period({ from, to, setFrom, setTo }) {
  return html`<p class="inline">
      <label for="kpi-from">${t('from')}</label>
      <input id="kpi-from" type="date" value=${from} onChange=${(e) => setFrom(e.target.value)} />
      <label for="kpi-to">${t('to')}</label>
      <input id="kpi-to" type="date" value=${to} onChange=${(e) => setTo(e.target.value)} />
    </p>`;
}

/** The charts by store and week: what ops see for every store, staff for theirs. */
function StoreCharts({ rows }) {
  return html`
      <${KpiChart} id="orders" title=${t('kpiOrders')} type="bar" rows=${rows} value=${(r) => r.ordersPlaced} />
      <${KpiChart} id="ontime" title=${t('kpiReadyOnTime')} type="line" rows=${rows} percent
        value=${(r) => r.readyOnTimeRate} />
      <${KpiChart} id="pickup" title=${t('kpiPickupRate')} type="line" rows=${rows} percent value=${(r) => r.pickupRate} />
      <${KpiChart} id="nps" title=${t('nps')} type="line" rows=${rows} value=${(r) => r.nps} range=${[-100, 100]} />
      <${KpiChart} id="returns" title=${t('kpiCrossStoreReturns')} type="line" rows=${rows} percent
        value=${(r) => r.crossStoreReturnShare} />`;
}

const percent = (v) => (v == null ? '—' : `${decimal(v * 100, 1)} %`);
const count = (v) => (v == null ? '—' : decimal(v, 0));

/** The period's figures for one store, each with what it counts. */
function Figures({ row }) {
  if (!row) return html`<p>${t('nothing')}</p>`;
  const figures = [
    ['figOrders', count(row.ordersPlaced), 'ordersPlaced'],
    ['figReadyOnTime', percent(row.readyOnTimeRate), 'readyOnTimeRate'],
    ['kpiTimeToReady', row.timeToReadyP50Minutes == null ? '—' : t('minutes', { n: row.timeToReadyP50Minutes }), 'timeToReadyP50Minutes'],
    ['figPickupRate', percent(row.pickupRate), 'pickupRate'],
    ['kpiReservationConversion', percent(row.reservationConversionRate), 'reservationConversionRate'],
    ['kpiReturnsReceived', count(row.returnsReceived), 'returnsReceived'],
    ['figCrossStoreReturns', percent(row.crossStoreReturnShare), 'crossStoreReturnShare'],
    ['nps', row.nps == null ? '—' : decimal(row.nps, 0), 'nps'],
    ['kpiNoShowRate', percent(row.noShowRate), 'noShowRate'],
  ];
  return html`<ul class="figures plain">${figures.map(([label, value, key]) => html`<li class="figure" data-kpi=${key}>
    <span class="label">${t(label)}</span><strong>${value}</strong></li>`)}</ul>`;
}

// the channels that carry messages; the others (web, store, post) are where customers acted
const MESSAGE_CHANNELS = ['sms', 'email', 'whatsapp'];

/** Per week and channel: messages sent, and failed (refused for good, or reported lost by the provider). */
function MessagesChart({ rows }) {
  const periods = [...new Set(rows.map((r) => r.periodStart))].sort();
  const channels = MESSAGE_CHANNELS.filter((c) => rows.some((r) => r.channel === c && (r.messagesSent || r.messagesFailed)));
  const series = (channel, value) => periods.map((p) => {
    const row = rows.find((r) => r.channel === channel && r.periodStart === p);
    return row ? value(row) : 0;
  });
  const datasets = channels.flatMap((channel, i) => [
    { label: `${channel} — ${t('kpiSent')}`, data: series(channel, (r) => r.messagesSent),
      backgroundColor: COLOURS[(2 * i) % COLOURS.length] },
    { label: `${channel} — ${t('kpiFailed')}`, data: series(channel, (r) => r.messagesFailed),
      backgroundColor: COLOURS[(2 * i + 1) % COLOURS.length] },
  ]);
  return html`<${ChartFigure} id="messages" title=${t('kpiMessages')} type="bar" labels=${periods} datasets=${datasets} unit="" />`;
}

/** STOP texts over SMS sent, per week: a gap when no SMS went out. */
function StopRateChart({ rows }) {
  const periods = [...new Set(rows.map((r) => r.periodStart))].sort();
  const data = periods.map((p) => {
    const row = rows.find((r) => r.channel === 'sms' && r.periodStart === p);
    return row && row.stopRate != null ? Math.round(row.stopRate * 1000) / 10 : null;
  });
  const datasets = [{ label: 'sms', data, backgroundColor: COLOURS[1], borderColor: COLOURS[1], spanGaps: false }];
  return html`<${ChartFigure} id="stops" title=${t('kpiStopRate')} type="line" labels=${periods} datasets=${datasets} unit="%" />`;
}

/** One series per store, one point per week; null (nothing counted) is a gap, not a zero. */
function KpiChart({ id, title, type, rows, value, percent, range }) {
  const periods = [...new Set(rows.map((r) => r.periodStart))].sort();
  const stores = [...new Set(rows.map((r) => r.store || t('allStores')))].sort();
  const at = (store, period) => {
    const row = rows.find((r) => (r.store || t('allStores')) === store && r.periodStart === period);
    const v = row ? value(row) : null;
    return v == null ? null : percent ? Math.round(v * 1000) / 10 : v;
  };
  const datasets = stores.map((store, i) => ({ label: store, data: periods.map((p) => at(store, p)),
    backgroundColor: COLOURS[i % COLOURS.length], borderColor: COLOURS[i % COLOURS.length], spanGaps: false }));
  return html`<${ChartFigure} id=${id} title=${title} type=${type} labels=${periods} datasets=${datasets}
    unit=${percent ? '%' : ''} range=${range || (percent ? [0, 100] : null)} />`;
}

function CustomersChart({ weeks }) {
  const labels = weeks.map((w) => w.week);
  const datasets = [
    { label: t('kpiActiveCustomers'), data: weeks.map((w) => w.activeCustomers), backgroundColor: COLOURS[0] },
    { label: t('kpiMultichannel'), data: weeks.map((w) => w.multichannelCustomers), backgroundColor: COLOURS[2] },
    { label: t('kpiRepeat'), data: weeks.map((w) => w.repeatCustomers), backgroundColor: COLOURS[3] },
  ];
  return html`<${ChartFigure} id="customers" title=${t('kpiCustomers')} type="bar" labels=${labels} datasets=${datasets} unit="" />`;
}

function ChartFigure({ id, title, type, labels, datasets, unit, range }) {
  const canvas = useRef(null);
  useEffect(() => {
    let chart;
    let live = true;
    loadChart().then((Chart) => {
      if (!live || !canvas.current) return;
      chart = new Chart(canvas.current, { type, data: { labels, datasets },
        options: { animation: false, responsive: true, maintainAspectRatio: false, locale: lang() === 'fr' ? 'fr-FR' : 'en-GB',
          scales: { y: { beginAtZero: true, ...(range ? { min: range[0], max: range[1] } : {}),
            ticks: { precision: unit || range ? undefined : 0, callback: (v) => `${v}${unit}` } } } } });
    });
    return () => { live = false; if (chart) chart.destroy(); };
  }, [JSON.stringify(labels), JSON.stringify(datasets)]);
  return html`<figure class="chart" aria-labelledby=${`${id}-title`}>
    <figcaption id=${`${id}-title`}>${title}</figcaption>
    <div class="canvas"><canvas ref=${canvas} role="img" aria-label=${title}></canvas></div>
    <details><summary>${t('figures')}</summary>
      <div class="scroll"><table>
        <thead><tr><th scope="col"></th>${labels.map((l) => html`<th scope="col">${l}</th>`)}</tr></thead>
        <tbody>${datasets.map((d) => html`<tr><th scope="row">${d.label}</th>
          ${d.data.map((v) => html`<td>${v == null ? '—' : `${v}${unit}`}</td>`)}</tr>`)}</tbody>
      </table></div>
    </details>
  </figure>`;
}
