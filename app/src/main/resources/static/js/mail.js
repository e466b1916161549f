// Synced Gmail messages: filter by label and words, 50 at a time, each opening its thread.
import { api, text, toastError, formatTime, element } from './theo.js';

const list = document.getElementById('mail-list');
const more = document.getElementById('mail-more');
const note = document.getElementById('mail-message');
const count = document.getElementById('mail-count');
const labelSelect = document.getElementById('mail-label');
let cursor = null;

function showNote(message) {
  note.hidden = !message;
  note.textContent = message || '';
}

function row(message) {
  const li = element('li', message.unread ? 'message unread' : 'message');
  const link = element('a', 'message-subject', message.subject || text('js.browse.noSubject'));
  link.href = '/settings/integrations/gmail/threads/' + encodeURIComponent(message.threadId || message.id);
  const head = element('div', 'message-head');
  head.append(link);
  if (message.unread) {
    head.append(' ', element('span', 'badge small', text('js.browse.unread')));
  }
  li.append(head,
    element('p', 'muted', text('js.browse.from', message.from || '') + ' · ' + formatTime(message.date)),
    element('p', 'snippet', message.snippet || ''));
  return li;
}

async function loadLabels() {
  try {
    const page = await api('GET', '/api/integrations/gmail/labels');
    for (const label of page.items || []) {
      const option = element('option', null, label.name);
      option.value = label.id;
      labelSelect.appendChild(option);
    }
  } catch (error) {
    // Without labels the list still works unfiltered.
  }
}

async function load(reset) {
  if (reset) {
    cursor = null;
    list.replaceChildren();
  }
  list.setAttribute('aria-busy', 'true');
  more.disabled = true;
  try {
    const query = new URLSearchParams({ limit: '50' });
    if (labelSelect.value) query.set('labelId', labelSelect.value);
    const words = document.getElementById('mail-query').value.trim();
    if (words) query.set('query', words);
    if (cursor) query.set('cursor', cursor);
    const page = await api('GET', '/api/integrations/gmail/messages?' + query);
    (page.items || []).forEach((message) => list.appendChild(row(message)));
    cursor = page.nextCursor || null;
    more.hidden = !cursor;
    count.textContent = page.total !== undefined ? text('js.browse.count', list.children.length, page.total) : '';
    showNote(list.children.length === 0 ? text('js.browse.empty') : null);
  } catch (error) {
    more.hidden = true;
    if (error.status === 404 || error.status === 501) {
      showNote(text('js.browse.unavailable'));
    } else {
      showNote(error.message);
      toastError(error);
    }
  } finally {
    list.setAttribute('aria-busy', 'false');
    more.disabled = false;
  }
}

document.getElementById('mail-filters').addEventListener('submit', (event) => {
  event.preventDefault();
  load(true);
});
more.addEventListener('click', () => load(false));
loadLabels();
load(true);
