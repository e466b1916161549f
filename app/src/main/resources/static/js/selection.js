// "What to sync": a checkbox per item (a label, a calendar...) saved on change. The panel's
// data-source is the item list API (PUT source/{id} saves a choice); data-describe is the
// integration's module exporting name(item) and describe(item).
import { api, text, toast, toastError, element } from './theo.js';

export function createSelectionPanel(root, id) {
  if (!root || !root.dataset.source || !root.dataset.describe) {
    return { load() {}, clear() {} };
  }
  const path = root.dataset.source;
  let source = null;
  const list = root.querySelector('#selection-list');
  const message = root.querySelector('#selection-message');
  const fieldset = root.querySelector('#selection-fieldset');

  function show(note) {
    message.hidden = !note;
    message.textContent = note || '';
    fieldset.hidden = Boolean(note);
    root.hidden = false;
  }

  function row(item) {
    const li = element('li', 'selection-item');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = 'select-' + id + '-' + item.id.replace(/[^A-Za-z0-9_-]/g, '_');
    box.checked = Boolean(item.selected);
    box.dataset.itemId = item.id;
    const label = element('label', null);
    label.htmlFor = box.id;
    if (item.backgroundColor) {
      const swatch = element('span', 'swatch');
      swatch.style.background = item.backgroundColor;
      swatch.setAttribute('aria-hidden', 'true');
      label.appendChild(swatch);
    }
    label.append(source.name(item));
    const detail = source.describe(item);
    if (detail) {
      label.appendChild(element('small', 'muted', ' ' + detail));
    }
    box.addEventListener('change', async () => {
      box.disabled = true;
      try {
        await api('PUT', path + '/' + encodeURIComponent(item.id), { selected: box.checked });
        toast(text('js.selection.saved', source.name(item),
          box.checked ? text('js.selection.on') : text('js.selection.off')));
      } catch (error) {
        box.checked = !box.checked;
        toastError(error);
      } finally {
        box.disabled = false;
      }
    });
    li.append(box, label);
    return li;
  }

  async function load() {
    try {
      source = source || await import(root.dataset.describe);
      const page = await api('GET', path);
      list.replaceChildren(...(page.items || []).map(row));
      show((page.items || []).length === 0 ? text('js.browse.empty') : null);
    } catch (error) {
      list.replaceChildren();
      if (error.status === 404 || error.status === 501) {
        show(text('js.selection.unavailable'));
      } else {
        show(error.message);
      }
    }
  }

  function clear() {
    list.replaceChildren();
    root.hidden = true;
  }

  return { load, clear };
}
