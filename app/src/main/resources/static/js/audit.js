// The audit log: newest first, 50 at a time, "Load more" follows nextCursor.
import { api, text, toastError, formatTime, element } from './theo.js';

const list = document.getElementById('audit-list');
const more = document.getElementById('audit-more');
const empty = document.getElementById('audit-empty');
const names = JSON.parse(list.dataset.names || '{}');
let cursor = null;

/** integration.connect.completed → its words in messages.properties, else the name itself. */
function actionLabel(action) {
  const key = 'js.audit.action.' + action;
  const label = text(key);
  return label === key ? action : label;
}

function render(item) {
  const li = element('li', 'audit-item');
  li.dataset.outcome = item.outcome;
  const head = element('div', 'audit-head');
  const outcome = element('span', 'badge small', text('js.audit.outcome.' + item.outcome));
  outcome.dataset.state = String(item.outcome || '').toLowerCase();
  const time = element('time', 'muted', formatTime(item.occurredAt));
  time.dateTime = item.occurredAt || '';
  head.append(element('strong', 'audit-action', actionLabel(item.action)), ' ', outcome);
  li.append(head);
  const meta = element('p', 'audit-meta');
  meta.append(time);
  if (item.integration) {
    meta.append(' · ' + (names[item.integration] || item.integration));
  }
  li.append(meta);
  if (item.detail) {
    li.append(element('p', 'audit-detail', typeof item.detail === 'string' ? item.detail : JSON.stringify(item.detail)));
  }
  return li;
}

async function load() {
  list.setAttribute('aria-busy', 'true');
  more.disabled = true;
  try {
    const query = new URLSearchParams({ limit: '50' });
    if (cursor) {
      query.set('before', cursor);
    }
    const page = await api('GET', '/api/audit?' + query);
    const items = page.items || [];
    const first = list.children.length;
    items.forEach((item) => list.appendChild(render(item)));
    cursor = page.nextCursor || null;
    more.hidden = !cursor;
    empty.hidden = list.children.length > 0;
    if (first > 0 && list.children[first]) {
      // Keep keyboard users where the new entries start.
      list.children[first].tabIndex = -1;
      list.children[first].focus();
    }
  } catch (error) {
    if (error.status === 404) {
      empty.textContent = text('js.audit.unavailable');
      empty.hidden = false;
    } else {
      toastError(error);
    }
  } finally {
    list.setAttribute('aria-busy', 'false');
    more.disabled = false;
  }
}

more.addEventListener('click', load);
load();
