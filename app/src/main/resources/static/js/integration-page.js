// One integration's settings page: connection status, sync, what to sync, approvals.
import { api, text, toast, toastError } from './theo.js';
import { renderConnectionStatus } from './connection-status.js';
import { createSyncPanel } from './sync-panel.js';
import { createSelectionPanel } from './selection.js';
import { createApprovalsPanel } from './approvals.js';
import { createMaxAgeForm } from './max-age.js';

const main = document.querySelector('main[data-integration]');
const id = main.dataset.integration;
const name = main.dataset.name;
const base = '/api/integrations/' + encodeURIComponent(id);
const statusRoot = document.getElementById('connection-status');
const selection = createSelectionPanel(document.getElementById('selection-panel'), id);
// A finished sync may have brought new labels or calendars to choose from.
const sync = createSyncPanel(document.getElementById('sync-panel'), id, { onFinished: () => selection.load() });
const approvals = createApprovalsPanel(document.getElementById('approvals-panel'), id);
// Where the integration's section has a maximum-age form, a change takes effect through a sync.
const maxAge = createMaxAgeForm(document.getElementById('max-age-form'), () => sync.start('auto'));

let data;
let isLoading = false;

function render() {
  renderConnectionStatus(statusRoot, {
    data,
    isLoading,
    onConnect: handleConnect,
    onDisconnect: handleDisconnect,
    onRefresh: fetchConnectionStatus,
  });
}

/** Both calls the spec asks for: the overall status and this integration's GET /connect. */
async function fetchConnectionStatus() {
  isLoading = true;
  render();
  try {
    const [status, connection] = await Promise.all([
      api('GET', '/api/integrations/status'),
      api('GET', base + '/connect'),
    ]);
    const integration = { ...((status.integrations || {})[id] || {}), ...connection };
    data = { integration, google: status.google || {} };
  } catch (error) {
    toastError(error);
  } finally {
    isLoading = false;
    render();
  }
  if (data && data.integration.connected) {
    sync.load();
    selection.load();
    maxAge.load();
    approvals.load();
  } else {
    sync.clear(text('js.sync.notConnected'));
    selection.clear();
    maxAge.clear();
    approvals.clear();
  }
}

async function handleConnect() {
  isLoading = true;
  render();
  try {
    // Connected with missing permissions, or refused by Google: ask again for everything.
    const integration = (data && data.integration) || {};
    const upgrade = Boolean(integration.connected
      && (integration.hasRequiredScopes === false || integration.reconnectRequired));
    const result = await api('POST', base + '/connect', {
      force: upgrade || undefined,
      redirectUrl: window.location.pathname,
    });
    if (result.signInRequired && result.authorizationUrl) {
      window.location.assign(result.authorizationUrl);
      return;
    }
    if (result.alreadyConnected) {
      toast(text('js.connect.already', name));
    }
    await fetchConnectionStatus();
  } catch (error) {
    toastError(error);
    isLoading = false;
    render();
  }
}

async function handleDisconnect() {
  isLoading = true;
  render();
  try {
    const result = await api('DELETE', base + '/disconnect');
    toast((result && result.message) || text('js.disconnected', name));
    sync.clear(text('js.sync.notConnected'));
    selection.clear();
    maxAge.clear();
    approvals.clear();
  } catch (error) {
    toastError(error);
  }
  await fetchConnectionStatus();
}

/** The OAuth round trip comes back with ?connected=<id> or ?error=...&integration=<id>. */
function reportCallback() {
  const params = new URLSearchParams(window.location.search);
  if (params.get('connected') === id) {
    const limited = data && data.integration.hasRequiredScopes === false;
    toast(limited ? text('js.connectedLimited', name) : text('js.connected', name),
      limited ? 'warning' : 'success');
  } else if (params.has('error')) {
    const code = params.get('error');
    const key = 'js.connectError.' + code;
    // Only known reasons are shown; anything else in the URL gets the general words.
    const reason = text(key) === key ? text('js.connectError.unknown') : text(key);
    toast(code === 'access_denied' ? text('js.connect.cancelled', name)
      : text('js.connectFailed', name, reason), 'error');
  }
  if (params.has('connected') || params.has('error')) {
    window.history.replaceState(null, '', window.location.pathname);
  }
}

fetchConnectionStatus().then(reportCallback);
