// The approvals panel: what Theo waits to do (an email to send, an event to change), with the
// details, overlapping events, time left, and Approve / Reject with an optional note.
import { api, text, toast, toastError, formatTime, element } from './theo.js';

const TICK_MS = 30000;

// The payload fields worth showing, in reading order; the rest (ids, drafts) are for the server.
const FIELDS = ['currentTitle', 'currentStartsAt', 'to', 'cc', 'bcc', 'subject', 'body', 'title',
  'startsAt', 'endsAt', 'timezone', 'location', 'attendees', 'description', 'recurrence', 'response'];
const TIMES = new Set(['currentStartsAt', 'startsAt', 'endsAt']);

/** The message for key, or null when messages.properties has none. */
function known(key, ...args) {
  const value = text(key, ...args);
  return value === key ? null : value;
}

/** An event time: a date for all-day events (YYYY-MM-DD), else date and time, in the reader's locale. */
function when(value) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Date(value + 'T00:00:00').toLocaleDateString();
  }
  return formatTime(value);
}

function fieldValue(name, value) {
  if (Array.isArray(value)) {
    return value.join(', ');
  }
  if (TIMES.has(name)) {
    return when(value);
  }
  if (name === 'response') {
    return known('js.approvals.response.' + value) || value;
  }
  return String(value);
}

/** Time left until expiry in words; seconds from the server, so the reader's clock does not matter. */
function timeLeft(seconds) {
  if (seconds <= 0) {
    return text('js.approvals.expired');
  }
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) {
    return text('js.approvals.expiresInDays', days, hours);
  }
  if (hours > 0) {
    return text('js.approvals.expiresInHours', hours, minutes);
  }
  return minutes > 0 ? text('js.approvals.expiresInMinutes', minutes) : text('js.approvals.expiresSoon');
}

function outcome(approval) {
  if (approval.status === 'failed') {
    return text('js.approvals.outcome.failed', approval.error || '');
  }
  return known('js.approvals.outcome.' + approval.status + '.' + approval.actionType)
    || text('js.approvals.outcome.' + approval.status);
}

export function createApprovalsPanel(root, id) {
  if (!root) {
    return { load() {}, clear() {} };
  }
  const base = '/api/integrations/' + encodeURIComponent(id) + '/approvals';
  const list = root.querySelector('.approvals-list');
  const empty = root.querySelector('.approvals-empty');
  const template = root.querySelector('.approval-template');
  // Each load or clear starts a new generation; answers to an older one are dropped.
  let generation = 0;
  let ticker = null;

  function stopTicking() {
    if (ticker) {
      clearInterval(ticker);
      ticker = null;
    }
  }

  function tick() {
    for (const item of list.querySelectorAll('.approval[data-status=pending]')) {
      const seconds = Math.round((Number(item.dataset.deadline) - Date.now()) / 1000);
      item.querySelector('.approval-expiry').textContent = timeLeft(seconds);
      if (seconds <= 0) {
        item.querySelectorAll('.approval-decision input, .approval-decision button')
          .forEach((control) => { control.disabled = true; });
      }
    }
  }

  function details(dl, payload) {
    for (const name of FIELDS) {
      const value = payload[name];
      if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
        continue;
      }
      const dd = element('dd', null, fieldValue(name, value));
      dd.dataset.field = name;
      dl.append(element('dt', null, text('js.approvals.field.' + name)), dd);
    }
  }

  function conflicts(box, payload) {
    const overlapping = payload.conflicts || [];
    box.hidden = overlapping.length === 0;
    box.querySelector('ul').replaceChildren(...overlapping.map((event) => element('li', null,
      text('js.approvals.conflict', event.title || text('js.approvals.noTitle'),
        when(event.startsAt || ''), when(event.endsAt || '')))));
  }

  function render(approval) {
    const item = template.content.firstElementChild.cloneNode(true);
    const key = 'approval-' + approval.id;
    item.dataset.id = approval.id;
    item.dataset.deadline = String(Date.now() + (approval.secondsUntilExpiry || 0) * 1000);
    const title = item.querySelector('.approval-title');
    title.id = key + '-title';
    title.textContent = known('js.approvals.action.' + approval.actionType) || approval.summary;
    const payload = approval.payload || {};
    details(item.querySelector('.approval-details'), payload);
    conflicts(item.querySelector('.approval-conflicts'), payload);
    const note = item.querySelector('.approval-note');
    note.id = key + '-note';
    item.querySelector('.approval-note-label').htmlFor = note.id;
    // Several Approve buttons on one page: each also names what it approves.
    const described = [title];
    const what = item.querySelector('[data-field=subject], [data-field=title], [data-field=currentTitle]');
    if (what) {
      what.id = key + '-what';
      described.push(what);
    }
    for (const button of item.querySelectorAll('.approve, .reject')) {
      button.setAttribute('aria-describedby', described.map((node) => node.id).join(' '));
      button.addEventListener('click', () =>
        decide(item, button.classList.contains('approve') ? 'approve' : 'reject'));
    }
    return item;
  }

  /** Shows a decided approval as it now is: its status, the outcome in words, no more buttons. */
  function settle(item, approval) {
    item.dataset.status = approval.status;
    item.querySelector('.approval-decision').hidden = true;
    item.querySelector('.approval-expiry').hidden = true;
    const result = item.querySelector('.approval-outcome');
    result.textContent = outcome(approval);
    result.dataset.status = approval.status;
    result.hidden = false;
    result.focus();
  }

  async function decide(item, action) {
    const controls = item.querySelectorAll('.approval-decision input, .approval-decision button');
    controls.forEach((control) => { control.disabled = true; });
    item.setAttribute('aria-busy', 'true');
    const result = item.querySelector('.approval-outcome');
    result.textContent = text('js.approvals.deciding');
    result.hidden = false;
    const notes = item.querySelector('.approval-note').value.trim();
    try {
      const { approval } = await api('POST', base + '/' + encodeURIComponent(item.dataset.id),
        { action, notes: notes || undefined });
      settle(item, approval);
      toast(outcome(approval), approval.status === 'failed' ? 'error' : 'success');
    } catch (error) {
      toastError(error);
      // Decided elsewhere, cancelled or expired meanwhile: show where it stands now.
      if (error.status === 409 || error.status === 404) {
        await refresh(item);
      } else {
        result.hidden = true;
        controls.forEach((control) => { control.disabled = false; });
      }
    } finally {
      item.removeAttribute('aria-busy');
    }
  }

  async function refresh(item) {
    try {
      const { approval } = await api('GET', base + '/' + encodeURIComponent(item.dataset.id));
      settle(item, approval);
    } catch (error) {
      item.remove();
    }
  }

  async function load() {
    const current = ++generation;
    root.setAttribute('aria-busy', 'true');
    try {
      const page = await api('GET', base + '?status=pending');
      if (current !== generation) {
        return;
      }
      const approvals = page.approvals || [];
      list.replaceChildren(...approvals.map(render));
      empty.hidden = approvals.length > 0;
      root.hidden = false;
      root.dataset.loaded = 'true';
      tick();
      stopTicking();
      ticker = setInterval(tick, TICK_MS);
    } catch (error) {
      if (current !== generation) {
        return;
      }
      // An integration without approvals has no panel.
      if (error.status === 404) {
        clear();
      } else {
        toastError(error);
      }
    } finally {
      if (current === generation) {
        root.setAttribute('aria-busy', 'false');
      }
    }
  }

  /** Empties and hides the panel (not connected, after disconnect). */
  function clear() {
    generation++;
    stopTicking();
    list.replaceChildren();
    empty.hidden = true;
    root.hidden = true;
    root.setAttribute('aria-busy', 'false');
    delete root.dataset.loaded;
  }

  window.addEventListener('pagehide', stopTicking);

  return { load, clear };
}
