// Gmail's labels in the "what to sync" panel (selection.js): each label's name and message counts.
import { text } from './theo.js';

export const name = (label) => label.name;

export const describe = (label) => text('js.selection.counts', label.messagesTotal ?? 0, label.messagesUnread ?? 0);
