// Synced Gmail messages: filter by label and words, 50 at a time, each opening its thread.
import { text, formatTime, element } from './theo.js';
import { createBrowse, fillChoices } from './browse.js';

const list = document.getElementById('mail-list');
const labelSelect = document.getElementById('mail-label');

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

const browse = createBrowse({
  form: document.getElementById('mail-filters'),
  list,
  more: document.getElementById('mail-more'),
  note: document.getElementById('mail-message'),
  count: document.getElementById('mail-count'),
  path: '/api/integrations/gmail/messages',
  params: () => ({
    labelId: labelSelect.value,
    q: document.getElementById('mail-query').value.trim(),
  }),
  append: (messages) => {
    messages.forEach((message) => list.appendChild(row(message)));
    return messages.length;
  },
  reset: () => list.replaceChildren(),
});
fillChoices(labelSelect, '/api/integrations/gmail/labels', (label) => label.name);
browse.load(true);
