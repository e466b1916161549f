// Synced Calendar events as an agenda: one heading per day, events in time order.
import { api, text, toastError, element } from './theo.js';

const agenda = document.getElementById('agenda');
const more = document.getElementById('event-more');
const note = document.getElementById('event-message');
const count = document.getElementById('event-count');
const calendarSelect = document.getElementById('event-calendar');
const startInput = document.getElementById('event-start');
const endInput = document.getElementById('event-end');
let cursor = null;
let shown = 0;

function isoDate(date) {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().substring(0, 10);
}

function showNote(message) {
  note.hidden = !message;
  note.textContent = message || '';
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

async function loadCalendars() {
  try {
    const page = await api('GET', '/api/integrations/calendar/calendars');
    for (const calendar of page.items || []) {
      const option = element('option', null, calendar.summary);
      option.value = calendar.id;
      calendarSelect.appendChild(option);
    }
  } catch (error) {
    // Without calendars the agenda still works for all of them.
  }
}

async function load(reset) {
  if (reset) {
    cursor = null;
    shown = 0;
    agenda.replaceChildren();
  }
  agenda.setAttribute('aria-busy', 'true');
  more.disabled = true;
  try {
    const query = new URLSearchParams({ limit: '50' });
    if (calendarSelect.value) query.set('calendarId', calendarSelect.value);
    if (startInput.value) query.set('startDate', startInput.value);
    if (endInput.value) query.set('endDate', endInput.value);
    const words = document.getElementById('event-query').value.trim();
    if (words) query.set('query', words);
    if (cursor) query.set('cursor', cursor);
    const page = await api('GET', '/api/integrations/calendar/events?' + query);
    for (const event of page.items || []) {
      dayList(dayKey(event)).appendChild(row(event));
      shown++;
    }
    cursor = page.nextCursor || null;
    more.hidden = !cursor;
    count.textContent = page.total !== undefined ? text('js.browse.count', shown, page.total) : '';
    showNote(shown === 0 ? text('js.browse.empty') : null);
  } catch (error) {
    more.hidden = true;
    if (error.status === 404 || error.status === 501) {
      showNote(text('js.browse.unavailable'));
    } else {
      showNote(error.message);
      toastError(error);
    }
  } finally {
    agenda.setAttribute('aria-busy', 'false');
    more.disabled = false;
  }
}

const today = new Date();
startInput.value = isoDate(today);
endInput.value = isoDate(new Date(today.getTime() + 14 * 86400000));
document.getElementById('event-filters').addEventListener('submit', (event) => {
  event.preventDefault();
  load(true);
});
more.addEventListener('click', () => load(false));
loadCalendars();
load(true);
