// The API client: the bearer token of the signed-in person, and every error turned into its problem+json title.
import { t } from './i18n.js';

let config = { apiBase: '', signIn: 'local' };

/** config.json: locally the API is this origin and sign-in uses /_local/tokens; on AWS it names the API and Cognito. */
export async function loadConfig() {
  try {
    const response = await fetch('config.json', { cache: 'no-cache' });
    if (response.ok) config = { ...config, ...(await response.json()) };
  } catch (e) {
    // no config.json: the local defaults
  }
  return config;
}

export function getConfig() {
  return config;
}

/** An API answer that is not a success, with the problem's title (what the user sees) and its detail. */
export class ApiError extends Error {
  constructor(status, title, detail, problem) {
    super(title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.problem = problem;
  }
}

const SESSION = 'omnicanal.session';

/** The signed-in person: {token, sub, role, storeId, name}, kept for this tab only. */
export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION));
  } catch (e) {
    return null;
  }
}

export function signOut() {
  sessionStorage.removeItem(SESSION);
}

/** Keeps a token and what its claims say (the API checks the signature; the app only reads who and which store). */
export function signInWith(token, name) {
  const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  const value = { token, sub: payload.sub, role: payload.role || 'customer', storeId: payload.storeId || null, name };
  sessionStorage.setItem(SESSION, JSON.stringify(value));
  return value;
}

/** A fresh Idempotency-Key for one user action (a retry of the same action reuses it). */
export function idempotencyKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export async function api(method, path, { body, headers = {}, raw = false } = {}) {
  const current = session();
  const all = { Accept: 'application/json, application/problem+json', ...headers };
  if (current && current.token) all.Authorization = `Bearer ${current.token}`;
  if (body !== undefined) all['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(config.apiBase + path, { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, t(navigator.onLine === false ? 'offline' : 'unreachable'), String(e), null);
  }
  if (raw && response.ok) return response.text();
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    const title = (json && json.title) || `${response.status} ${response.statusText}`;
    if (response.status === 401 && current) {
      // the token expired or the keys changed (a restart of the local stack): sign in again
      signOut();
      window.dispatchEvent(new Event('omnicanal:session'));
    }
    throw new ApiError(response.status, title, json && json.detail, json);
  }
  return json;
}
