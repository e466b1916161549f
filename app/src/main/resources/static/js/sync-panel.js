// The sync panel: status, progress while a sync runs, Sync now / Full sync / Cancel, runs, stats.
// It polls GET /sync only while a sync is active.
import { api, text, toast, toastError, formatTime, element } from './theo.js';

const POLL_MS = 2500;
const ACTIVE = new Set(['running', 'queued']);

export function createSyncPanel(root, id, { onFinished } = {}) {
  const base = '/api/integrations/' + encodeURIComponent(id) + '/sync';
  const $ = (name) => root.querySelector('#' + name);
  let timer = null;
  let busy = false;
  let wasActive = false;

  function stopPolling() {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
  }

  function schedule() {
    stopPolling();
    timer = setTimeout(load, POLL_MS);
  }

  function statusLabel(status) {
    return text('js.sync.status.' + status);
  }

  function render(sync) {
    const status = sync.status || 'idle';
    const active = ACTIVE.has(status);
    $('sync-message').hidden = true;
    $('sync-body').hidden = false;
    const badge = $('sync-status');
    badge.hidden = false;
    badge.dataset.state = status;
    badge.textContent = statusLabel(status);

    const progress = sync.progress || {};
    $('sync-progress').hidden = !active;
    const bar = $('sync-progress-bar');
    const processed = progress.processed || 0;
    if (progress.total !== undefined && progress.total > 0) {
      bar.max = progress.total;
      bar.value = Math.min(processed, progress.total);
      $('sync-progress-text').textContent = text('js.sync.progress', processed, progress.total);
    } else {
      bar.removeAttribute('value'); // indeterminate
      $('sync-progress-text').textContent = text('js.sync.progressUnknown', processed);
    }

    $('sync-last').textContent = formatTime(sync.lastSyncAt, text('js.sync.never'));
    $('sync-last-full').textContent = formatTime(sync.lastFullSyncAt, text('js.sync.never'));
    const error = $('sync-error');
    error.hidden = !sync.error;
    error.textContent = sync.error || '';

    $('sync-now').disabled = active || busy;
    $('sync-full').disabled = active || busy;
    $('sync-cancel').hidden = !active;
    $('sync-cancel').disabled = busy;

    const stats = $('sync-stats');
    stats.replaceChildren();
    const entries = Object.entries(sync.stats || {});
    if (entries.length === 0) {
      stats.appendChild(element('dd', 'muted', text('js.sync.noStats')));
    }
    for (const [key, value] of entries) {
      const label = text('js.stat.' + key);
      const dt = element('dt', null, label === 'js.stat.' + key ? key : label);
      const dd = element('dd', null, String(value));
      dd.dataset.stat = key;
      stats.append(dt, dd);
    }

    const runs = $('sync-runs');
    runs.replaceChildren();
    const recent = sync.history || [];
    if (recent.length === 0) {
      runs.appendChild(element('li', 'muted', text('js.sync.noRuns')));
    }
    for (const run of recent) {
      const li = element('li', 'run', text('js.sync.run',
        formatTime(run.finishedAt || run.queuedAt), word('js.sync.type.', run.type),
        word('js.sync.trigger.', run.trigger), run.processed || 0));
      const state = element('span', 'badge small', statusLabel(run.status));
      state.dataset.state = run.status;
      li.prepend(state, ' ');
      if (run.error) {
        li.appendChild(element('span', 'run-error', ' ' + run.error));
      }
      runs.appendChild(li);
    }
    return active;
  }

  /** The words for a code (a run's type or trigger); the code itself when there are none. */
  function word(prefix, code) {
    const key = prefix + (code || '');
    return text(key) === key ? (code || '') : text(key);
  }

  /** Live updates on or off and the last notification; hidden for integrations without push. */
  async function loadLive() {
    const rows = ['sync-live-label', 'sync-live', 'sync-last-push-label', 'sync-last-push'];
    let push = null;
    try {
      push = await api('GET', '/api/integrations/' + encodeURIComponent(id) + '/push');
    } catch (error) {
      push = null;
    }
    for (const row of rows) {
      $(row).hidden = !push;
    }
    if (!push) {
      return;
    }
    $('sync-live').dataset.live = String(!!push.live);
    $('sync-live').textContent = text(push.live ? 'js.sync.live.on' : 'js.sync.live.off');
    $('sync-last-push').textContent = formatTime(push.lastNotificationAt, text('js.sync.live.never'));
  }

  async function load() {
    stopPolling();
    try {
      const sync = await api('GET', base);
      const active = render(sync);
      if (!active) {
        await loadLive();
      }
      if (active) {
        schedule();
      } else if (wasActive && onFinished) {
        onFinished(sync);
      }
      wasActive = active;
    } catch (error) {
      if (error.status === 404 || error.status === 501) {
        clear(text('js.sync.unavailable'));
      } else if (error.status === 409 || error.status === 403) {
        clear(error.message);
      } else {
        toastError(error);
      }
    }
  }

  /** Starts a run of {@code type} (auto, full, incremental) and follows it. */
  async function trigger(type) {
    busy = true;
    $('sync-now').disabled = true;
    $('sync-full').disabled = true;
    try {
      const result = await api('POST', base, { type });
      toast(result && result.alreadyRunning ? text('js.sync.alreadyRunning') : text('js.sync.started'));
    } catch (error) {
      toastError(error);
    } finally {
      busy = false;
    }
    await load();
  }

  async function cancel() {
    busy = true;
    try {
      await api('DELETE', base);
      toast(text('js.sync.cancelled'));
    } catch (error) {
      toastError(error);
    } finally {
      busy = false;
    }
    await load();
  }

  /** Empties the panel (after disconnect, or when there is nothing to show) with a message. */
  function clear(message) {
    stopPolling();
    wasActive = false;
    $('sync-body').hidden = true;
    $('sync-status').hidden = true;
    $('sync-stats').replaceChildren();
    $('sync-runs').replaceChildren();
    $('sync-message').hidden = !message;
    $('sync-message').textContent = message || '';
  }

  $('sync-now').addEventListener('click', () => trigger('auto'));
  $('sync-full').addEventListener('click', () => trigger('full'));
  $('sync-cancel').addEventListener('click', cancel);
  window.addEventListener('pagehide', stopPolling);

  return { load, clear, stop: stopPolling, start: trigger };
}
