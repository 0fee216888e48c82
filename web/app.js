// The app's shell: sign-in, the language switch, the menu of each role and the router (hash routes, no server rules).
import { render } from './vendor/preact-htm.js';
import { html, useState, useEffect, useErrorBoundary, Problem, useLoad, Loaded } from './ui.js';
import { t, lang, setLang } from './i18n.js';
import { api, loadConfig, getConfig, session, signInWith, signOut, ApiError } from './api.js';
import { Shop, Product, MyOrders, Profile, Feedback } from './views/shop.js';
import { Queue, CustomerLookup, StockCount, ReceiveReturn, Agenda } from './views/staff.js';
import { Messages, DeadLetters, Questionnaires } from './views/ops.js';
import { Kpis, StoreKpis } from './views/kpis.js';
import { MyLoyalty } from './views/loyalty.js';
import { ShipmentQueue, EndlessAisle } from './views/shipping.js';
import { StoreTransfers, WEB } from './views/transfers.js';
import { OrderPage } from './views/order.js';

const MENUS = {
  anonymous: [['#/shop', 'navShop'], ['#/feedback', 'navFeedback']],
  customer: [['#/shop', 'navShop'], ['#/orders', 'navOrders'], ['#/loyalty', 'navLoyalty'], ['#/profile', 'navProfile'],
    ['#/feedback', 'navFeedback']],
  staff: [['#/staff', 'navQueue'], ['#/staff/shipments', 'navShipments'], ['#/staff/transfers', 'navTransfers'],
    ['#/staff/customer', 'navCustomer'],
    ['#/staff/aisle', 'navAisle'], ['#/staff/stock', 'navStock'], ['#/staff/returns', 'navReturns'],
    ['#/staff/agenda', 'navAgenda'], ['#/staff/kpis', 'navStoreKpis']],
  ops: [['#/ops', 'navMessages'], ['#/ops/dead-letters', 'navDeadLetters'], ['#/ops/questionnaires', 'navQuestionnaires'],
    ['#/ops/kpis', 'navKpis'], ['#/ops/transfers', 'navWarehouseTransfers']],
};

function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?');
  return { path, params: new URLSearchParams(query) };
}

function home(who) {
  if (!who) return '#/shop';
  return who.role === 'staff' ? '#/staff' : who.role === 'ops' ? '#/ops' : '#/shop';
}

function Page({ where, who }) {
  const [error, reset] = useErrorBoundary();
  if (error) {
    return html`<div><${Problem} error=${{ title: t('error'), detail: String(error.message || error) }} />
      <button type="button" onClick=${reset}>${t('close')}</button></div>`;
  }
  const { path, params } = where;
  const need = (role, view) => (who && who.role === role ? view : html`<${SignIn} />`);
  if (path === '/signin') return html`<${SignIn} />`;
  if (path === '/' || path === '/shop') return html`<${Shop} params=${params} who=${who} />`;
  if (path.startsWith('/product/')) return html`<${Product} sku=${decodeURIComponent(path.slice(9))} who=${who} />`;
  if (path === '/orders') return need('customer', html`<${MyOrders} />`);
  if (path.startsWith('/orders/')) return need('customer', html`<${OrderPage} id=${decodeURIComponent(path.slice(8))} />`);
  if (path === '/profile') return need('customer', html`<${Profile} />`);
  if (path === '/loyalty') return need('customer', html`<${MyLoyalty} />`);
  if (path === '/feedback') return html`<${Feedback} who=${who} />`;
  if (path.startsWith('/feedback/')) return html`<${Feedback} who=${who} token=${decodeURIComponent(path.slice(10))} />`;
  if (path === '/staff') return need('staff', html`<${Queue} who=${who} />`);
  if (path === '/staff/customer') return need('staff', html`<${CustomerLookup} who=${who} />`);
  if (path === '/staff/stock') return need('staff', html`<${StockCount} who=${who} />`);
  if (path === '/staff/returns') return need('staff', html`<${ReceiveReturn} who=${who} />`);
  if (path === '/staff/shipments') return need('staff', html`<${ShipmentQueue} who=${who} />`);
  if (path === '/staff/transfers') return need('staff', html`<${StoreTransfers} store=${who && who.storeId} />`);
  if (path === '/staff/aisle') return need('staff', html`<${EndlessAisle} who=${who} customerId=${params.get('customer')} />`);
  if (path === '/staff/kpis') return need('staff', html`<${StoreKpis} who=${who} store=${params.get('store')} />`);
  if (path === '/staff/agenda') return need('staff', html`<${Agenda} who=${who} day=${params.get('date')} />`);
  if (path === '/ops') return need('ops', html`<${Messages} />`);
  if (path === '/ops/dead-letters') return need('ops', html`<${DeadLetters} />`);
  if (path === '/ops/questionnaires') return need('ops', html`<${Questionnaires} />`);
  if (path === '/ops/kpis') return need('ops', html`<${Kpis} />`);
  if (path === '/ops/transfers') return need('ops', html`<${StoreTransfers} store=${WEB} />`);
  return html`<${Problem} error=${{ title: '404', detail: path }} />`;
}

/** Local stack: pick a demo person, get a token from /_local/tokens. AWS: Cognito's hosted UI (authorization code + PKCE). */
function SignIn() {
  return getConfig().signIn === 'cognito' ? html`<${CognitoSignIn} />` : html`<${LocalSignIn} />`;
}

function CognitoSignIn() {
  return html`<section aria-labelledby="signin-title"><h1 id="signin-title">${t('signInTitle')}</h1>
    <button type="button" class="primary" onClick=${cognitoSignIn}>${t('signInCognito')}</button></section>`;
}

function LocalSignIn() {
  const people = useLoad(() => api('GET', '/_local/demo-users'), []);
  const [error, setError] = useState(null);
  const pick = async (sub, role, storeId, name) => {
    try {
      const reply = await api('POST', '/_local/tokens', { body: storeId ? { sub, role, storeId } : { sub, role } });
      const who = signInWith(reply.token, name);
      location.hash = home(who);
      window.dispatchEvent(new Event('omnicanal:session'));
    } catch (e) {
      setError(e);
    }
  };
  return html`<section aria-labelledby="signin-title">
    <h1 id="signin-title">${t('signInTitle')}</h1>
    <p>${t('signInIntro')}</p>
    <${Problem} error=${error} />
    <${Loaded} load=${people}>${(data) => html`<div class="people">
      <div><h2>${t('customers')}</h2><ul class="plain">
        ${data.customers.map((c) => html`<li><button type="button" data-person=${c.id}
          onClick=${() => pick(c.id, 'customer', null, c.name)}>${t('asCustomer', { name: c.name })}</button></li>`)}
      </ul></div>
      <div><h2>${t('staff')}</h2><ul class="plain">
        ${data.staff.map((s) => html`<li><button type="button" data-person=${s.id}
          onClick=${() => pick(s.id, 'staff', s.storeId, s.name)}>${t('asStaff', { name: s.name, store: s.storeId })}</button></li>`)}
      </ul></div>
      <div><h2>${t('ops')}</h2><ul class="plain">
        ${data.ops.map((o) => html`<li><button type="button" data-person=${o.id}
          onClick=${() => pick(o.id, 'ops', null, o.name)}>${t('asOps')}</button></li>`)}
      </ul></div>
    </div>`}<//>
  </section>`;
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function cognitoSignIn() {
  const { cognito } = getConfig();
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  sessionStorage.setItem('omnicanal.pkce', verifier);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const query = new URLSearchParams({ response_type: 'code', client_id: cognito.clientId, scope: 'openid email phone',
    redirect_uri: location.origin + location.pathname, code_challenge_method: 'S256', code_challenge: challenge });
  location.assign(`${cognito.domain}/oauth2/authorize?${query}`);
}

/** Back from the hosted UI with ?code=: trade it for tokens; the ID token (aud = the app client) is what the API checks. */
async function cognitoCallback() {
  const code = new URLSearchParams(location.search).get('code');
  const { cognito } = getConfig();
  if (!code || getConfig().signIn !== 'cognito') return;
  const response = await fetch(`${cognito.domain}/oauth2/token`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: cognito.clientId, code,
      redirect_uri: location.origin + location.pathname, code_verifier: sessionStorage.getItem('omnicanal.pkce') || '' }),
  });
  if (!response.ok) throw new ApiError(response.status, 'Sign-in failed', await response.text(), null);
  const tokens = await response.json();
  signInWith(tokens.id_token, null);
  history.replaceState(null, '', location.pathname + home(session()));
}

function App({ startupError }) {
  const [where, setWhere] = useState(route());
  const [who, setWho] = useState(session());
  const [language, setLanguage] = useState(lang());
  const [crash, setCrash] = useState(startupError);
  useEffect(() => {
    const onHash = () => { setWhere(route()); setWho(session()); document.getElementById('main')?.focus(); };
    const onSession = () => setWho(session());
    // an error nobody caught is shown, never a blank page
    const onError = (e) => setCrash({ title: t('error'), detail: String((e.reason || e.error || e).message || e.reason || e) });
    window.addEventListener('hashchange', onHash);
    window.addEventListener('omnicanal:session', onSession);
    window.addEventListener('unhandledrejection', onError);
    window.addEventListener('error', onError);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('omnicanal:session', onSession);
      window.removeEventListener('unhandledrejection', onError);
      window.removeEventListener('error', onError);
    };
  }, []);
  // the dead letters page reads the local stack's inbox; on AWS they are in the OnFailure queue (ops dashboard)
  const menu = (MENUS[who ? who.role : 'anonymous'] || MENUS.anonymous)
    .filter(([href]) => href !== '#/ops/dead-letters' || getConfig().signIn === 'local');
  const changeLanguage = (e) => { setLang(e.target.value); setLanguage(e.target.value); };
  const leave = () => { signOut(); setWho(null); location.hash = '#/signin'; };
  return html`<div class=${`layout role-${who ? who.role : 'anonymous'}`} key=${language}>
    <a class="skip" href="#main" onClick=${(e) => { e.preventDefault(); document.getElementById('main').focus(); }}>${t('skip')}</a>
    <header class="top">
      <a class="brand" href=${home(who)}>${t('appName')}</a>
      <nav aria-label="Menu"><ul>
        ${menu.map(([href, key]) => html`<li><a href=${href}
          aria-current=${('#' + where.path) === href ? 'page' : undefined}>${t(key)}</a></li>`)}
      </ul></nav>
      <div class="account">
        <label for="language">${t('language')}</label>
        <select id="language" value=${language} onChange=${changeLanguage}>
          <option value="fr">Français</option><option value="en">English</option>
        </select>
        ${who ? html`<span class="who">${t('signedInAs', { who: who.name || who.sub })}</span>
          <button type="button" onClick=${leave}>${t('signOut')}</button>`
          : html`<a class="button" href="#/signin">${t('signIn')}</a>`}
      </div>
    </header>
    <main id="main" tabindex="-1">
      ${crash ? html`<${Problem} error=${crash} />` : null}
      <${Page} where=${where} who=${who} />
    </main>
  </div>`;
}

async function start() {
  setLang(lang());
  let startupError = null;
  await loadConfig();
  try {
    await cognitoCallback();
  } catch (e) {
    startupError = e;
  }
  const root = document.getElementById('app');
  root.textContent = ''; // the static "Loading…" shown until the modules arrive
  render(html`<${App} startupError=${startupError} />`, root);
}

start();
