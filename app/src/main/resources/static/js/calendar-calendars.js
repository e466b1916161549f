// Calendar's calendars in the "what to sync" panel (selection.js): each calendar's name, whether it
// is the primary one, the person's access and its event count.
import { text } from './theo.js';

export const name = (calendar) => calendar.summary;

export const describe = (calendar) => [
  calendar.primary ? text('js.selection.primary') : null,
  calendar.accessRole,
  calendar.eventCount !== undefined ? text('js.selection.events', calendar.eventCount) : null,
].filter(Boolean).join(' · ');
