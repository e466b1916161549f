// Synced Calendar events as an agenda: one heading per day, events in time order.
import { text, element } from './theo.js';
import { createBrowse, fillChoices } from './browse.js';

const agenda = document.getElementById('agenda');
const calendarSelect = document.getElementById('event-calendar');
const startInput = document.getElementById('event-start');
const endInput = document.getElementById('event-end');

function isoDate(date) {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().substring(0, 10);
}

function dayKey(event) {
  const start = String(event.start || '');
  return event.allDay || start.length <= 10 ? start.substring(0, 10) : isoDate(new Date(start));
}

function dayList(key) {
  let section = agenda.querySelector('section[data-day="' + key + '"]');
  if (!section) {
    section = element('section', 'agenda-day');
    section.dataset.day = key;
    const heading = element('h2', null,
      new Date(key + 'T00:00:00').toLocaleDateString(undefined,
        { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }));
    section.append(heading, element('ul', 'browse-list'));
    agenda.appendChild(section);
  }
  return section.querySelector('ul');
}

function row(event) {
  const li = element('li', 'event');
  const time = event.allDay ? text('js.browse.allDay')
    : new Date(event.start).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
      + ' – ' + new Date(event.end).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  li.append(element('strong', null, event.summary || text('js.browse.noSubject')),
    element('p', 'muted', [time, event.location].filter(Boolean).join(' · ')));
  return li;
}

const today = new Date();
startInput.value = isoDate(today);
endInput.value = isoDate(new Date(today.getTime() + 14 * 86400000));
const browse = createBrowse({
  form: document.getElementById('event-filters'),
  list: agenda,
  more: document.getElementById('event-more'),
  note: document.getElementById('event-message'),
  count: document.getElementById('event-count'),
  path: '/api/integrations/calendar/events',
  params: () => ({
    calendarId: calendarSelect.value,
    startDate: startInput.value,
    endDate: endInput.value,
    query: document.getElementById('event-query').value.trim(),
  }),
  append: (events) => {
    events.forEach((event) => dayList(dayKey(event)).appendChild(row(event)));
    return events.length;
  },
  reset: () => agenda.replaceChildren(),
});
fillChoices(calendarSelect, '/api/integrations/calendar/calendars', (calendar) => calendar.summary);
browse.load(true);
