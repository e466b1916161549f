// What the browse pages (mail, events) share: a filter form over a cursor-paged list API
// ({items, total, nextCursor}), 50 at a time with "Load more", and filter choices from the API.
import { api, text, toastError, element } from './theo.js';

/**
 * Drives one browse page. `params()` gives the filters as an object (empty values left out);
 * `append(items)` renders a page of items and returns how many it added.
 */
export function createBrowse({ form, list, more, note, count, path, params, append, reset }) {
  let cursor = null;
  let shown = 0;

  function showNote(message) {
    note.hidden = !message;
    note.textContent = message || '';
  }

  async function load(fromStart) {
    if (fromStart) {
      cursor = null;
      shown = 0;
      reset();
    }
    list.setAttribute('aria-busy', 'true');
    more.disabled = true;
    try {
      const query = new URLSearchParams({ limit: '50' });
      for (const [name, value] of Object.entries(params())) {
        if (value) query.set(name, value);
      }
      if (cursor) query.set('cursor', cursor);
      const page = await api('GET', path + '?' + query);
      shown += append(page.items || []);
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
      list.setAttribute('aria-busy', 'false');
      more.disabled = false;
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load(true);
  });
  more.addEventListener('click', () => load(false));
  return { load };
}

/** Adds an option per item of a list API to a filter; without them the page works unfiltered. */
export async function fillChoices(select, path, label) {
  try {
    const page = await api('GET', path);
    for (const item of page.items || []) {
      const option = element('option', null, label(item));
      option.value = item.id;
      select.appendChild(option);
    }
  } catch (error) {
    // The filter stays at "all".
  }
}
