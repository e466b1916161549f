// One Gmail thread, oldest message first, bodies shown as plain text (never as HTML).
import { api, text, formatTime, element } from './theo.js';

const main = document.querySelector('main[data-thread]');
const list = document.getElementById('thread-messages');
const note = document.getElementById('thread-message');

async function load() {
  try {
    const thread = await api('GET', '/api/integrations/gmail/threads/' + encodeURIComponent(main.dataset.thread));
    const messages = thread.messages || [];
    if (messages.length > 0 && messages[0].subject) {
      document.getElementById('thread-subject').textContent = messages[0].subject;
    }
    for (const message of messages) {
      const li = element('li', 'thread-message');
      li.append(
        element('p', null, text('js.browse.from', message.from || '')),
        element('p', 'muted', text('js.browse.to', message.to || '') + ' · ' + formatTime(message.date)),
        element('pre', 'body', message.bodyText || ''));
      list.appendChild(li);
    }
    note.hidden = messages.length > 0;
    note.textContent = text('js.browse.empty');
  } catch (error) {
    note.hidden = false;
    note.textContent = error.status === 404 || error.status === 501 ? text('js.browse.unavailable') : error.message;
  } finally {
    list.setAttribute('aria-busy', 'false');
  }
}

load();
