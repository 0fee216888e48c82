// Pieces every page uses: loading a resource, showing its problem, a status message read out to screen readers.
import { html, useState, useEffect, useCallback } from './vendor/preact-htm.js';
import { t } from './i18n.js';
import { api } from './api.js';

export { html, useState, useEffect, useCallback };
export { useRef, useMemo, useErrorBoundary } from './vendor/preact-htm.js';

/** An API problem as the user sees it: its title, and its detail in smaller print. */
export function Problem({ error }) {
  if (!error) return null;
  return html`<div class="problem" role="alert">
    <strong>${error.title || error.message || t('error')}</strong>
    ${error.detail ? html`<div class="detail">${error.detail}</div>` : null}
  </div>`;
}

/** A success message, announced politely. */
export function Notice({ text }) {
  return html`<div class="notice" role="status" aria-live="polite">${text || ''}</div>`;
}

/** Loads with fn whenever deps change: {data, error, loading, reload}. */
export function useLoad(fn, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const [turn, setTurn] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    fn().then((data) => live && setState({ data, error: null, loading: false }),
      (error) => live && setState({ data: null, error, loading: false }));
    return () => { live = false; };
  }, [...deps, turn]);
  return { ...state, reload: () => setTurn((n) => n + 1) };
}

/** Runs a user action: busy while it runs, its problem or its success message after. */
export function useAction() {
  const [state, setState] = useState({ busy: false, error: null, message: null });
  const run = useCallback(async (fn, success) => {
    setState({ busy: true, error: null, message: null });
    try {
      const result = await fn();
      setState({ busy: false, error: null, message: typeof success === 'function' ? success(result) : success });
      return result;
    } catch (error) {
      setState({ busy: false, error, message: null });
      return undefined;
    }
  }, []);
  return { ...state, run };
}

/** A loaded resource: the spinner, its problem, or its content. */
export function Loaded({ load, children }) {
  if (load.error) return html`<${Problem} error=${load.error} />`;
  if (load.loading && !load.data) return html`<p aria-busy="true">${t('loading')}</p>`;
  return children(load.data);
}

export function StatusBadge({ status }) {
  return html`<span class=${`badge badge-${String(status).toLowerCase()}`}>${status}</span>`;
}

/** Distance in km between two {latitude, longitude} (haversine). */
export function km(a, b) {
  const rad = (d) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.latitude - a.latitude) / 2) ** 2
    + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(rad(b.longitude - a.longitude) / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(h));
}

let storeNames;
/** The stores' names by id (GET /stores, read once per page load): pages show a store's name, not its id. */
export function useStoreNames() {
  const [names, setNames] = useState({});
  useEffect(() => {
    let live = true;
    storeNames = storeNames || api('GET', '/stores').then((page) => Object.fromEntries(page.items.map((s) => [s.id, s.name])));
    storeNames.then((found) => live && setNames(found), () => { storeNames = null; });
    return () => { live = false; };
  }, []);
  return names;
}

/** The short reference messages and receipts give an order (its id's last six characters). */
export function reference(id) {
  return String(id).slice(-6);
}
