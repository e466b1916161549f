// The ConnectionStatus component: renders one integration's connection into the shared fragment.
// Inputs as in the spec: data, isLoading, onConnect, onDisconnect, onRefresh.
import { text, element } from './theo.js';

/** connected | limited | notConnected, from an integration's status entry. */
export function badgeState(integration) {
  if (!integration || !integration.connected) {
    return 'notConnected';
  }
  return integration.hasRequiredScopes === false ? 'limited' : 'connected';
}

/** Puts a badge's label and state on an element. */
export function renderBadge(badge, state) {
  badge.dataset.state = state;
  badge.textContent = text('js.badge.' + state);
}

function shortName(scope) {
  const at = scope.lastIndexOf('/auth/');
  return at < 0 ? scope : scope.substring(at + '/auth/'.length);
}

/** The plain words for a scope URL (messages.properties scope.<short name>). */
export function scopeLabel(scope) {
  const key = 'scope.' + shortName(scope);
  const label = text(key);
  return label === key ? scope : label;
}

/**
 * Renders the component. data = {integration, google} (the integration's entry of
 * /api/integrations/status merged with GET /connect, and the status's google part); handlers are
 * attached once.
 */
export function renderConnectionStatus(root, { data, isLoading, onConnect, onDisconnect, onRefresh }) {
  const $ = (id) => root.querySelector('#' + id);
  if (!root.dataset.bound) {
    root.dataset.bound = 'true';
    $('connect-button').addEventListener('click', () => onConnect());
    $('disconnect-button').addEventListener('click', () => onDisconnect());
    $('refresh-button').addEventListener('click', () => onRefresh());
  }
  root.setAttribute('aria-busy', String(Boolean(isLoading)));
  for (const id of ['connect-button', 'disconnect-button', 'refresh-button']) {
    $(id).disabled = Boolean(isLoading);
  }
  if (!data) {
    renderBadge($('connection-badge'), isLoading ? 'loading' : 'unknown');
    return;
  }
  const integration = data.integration || {};
  const google = data.google || {};
  const state = badgeState(integration);
  const reconnectRequired = Boolean(integration.reconnectRequired || google.reconnectRequired);
  renderBadge($('connection-badge'), state);

  const account = $('connection-account');
  account.hidden = state === 'notConnected' || !google.email;
  account.querySelector('[data-field=email]').textContent = google.email || '';

  // A revoked or expired grant makes the integration "not connected" while it stays switched on:
  // the alert stays until the person reconnects or disconnects.
  const needsReconnect = reconnectRequired && integration.enabled !== false;
  $('reconnect-required').hidden = !needsReconnect;

  // Missing permissions: the server-rendered list names each required scope; show the missing ones.
  const missing = state === 'limited' ? integration.missingScopes || [] : [];
  const list = $('missing-permissions-list');
  list.querySelectorAll('li[data-extra]').forEach((li) => li.remove());
  list.querySelectorAll('li[data-scope]').forEach((li) => {
    li.hidden = !missing.includes(li.dataset.scope);
  });
  const known = new Set([...list.querySelectorAll('li[data-scope]')].map((li) => li.dataset.scope));
  for (const scope of missing.filter((s) => !known.has(s))) {
    const li = element('li', null, scopeLabel(scope));
    li.dataset.extra = 'true';
    list.appendChild(li);
  }
  $('missing-permissions').hidden = missing.length === 0;

  // Token health only means something while the integration is connected.
  const health = google.tokenHealth;
  $('token-health').hidden = state === 'notConnected';
  if (state !== 'notConnected') {
    $('token-refresh').textContent = !health
      ? text('js.token.none')
      : health.hasRefreshToken ? text('js.token.refreshAvailable') : text('js.token.refreshMissing');
    $('token-refresh').dataset.state = health && health.hasRefreshToken ? 'ok' : 'warn';
    let expiry;
    if (reconnectRequired) {
      expiry = text('js.token.reconnectRequired');
    } else if (!health) {
      expiry = text('js.token.none');
    } else if (health.isExpired) {
      expiry = health.hasRefreshToken ? text('js.token.expiredRefreshes') : text('js.token.expired');
    } else {
      expiry = text('js.token.expiresIn', health.expiresInHuman || '');
    }
    $('token-expiry').textContent = expiry;
    $('token-expiry').dataset.state = reconnectRequired || (health && health.isExpired) ? 'warn' : 'ok';
  }

  const capabilities = integration.capabilities || {};
  const capabilityList = $('capabilities-list');
  capabilityList.replaceChildren();
  for (const [name, allowed] of Object.entries(capabilities)) {
    const li = element('li', allowed ? 'yes' : 'no',
      text('js.capability.' + name) + ': ' + (allowed ? text('js.yes') : text('js.no')));
    li.dataset.capability = name;
    capabilityList.appendChild(li);
  }
  $('capabilities').hidden = state === 'notConnected' || capabilityList.children.length === 0;

  const connect = $('connect-button');
  connect.hidden = state === 'connected' && !reconnectRequired;
  connect.textContent = state === 'notConnected' && !needsReconnect
    ? text('js.connect') : text('js.reconnect');
  $('disconnect-button').hidden = state === 'notConnected' && !needsReconnect;
}
