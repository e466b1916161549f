// A "maximum age" sync setting (Gmail's today): how many days of items Theo keeps (empty = all).
// The form names its integration's settings API in data-settings.
import { api, text, toast, toastError } from './theo.js';

/** Drives #max-age-form; onSaved runs after a change was stored (the page starts a sync). */
export function createMaxAgeForm(form, onSaved) {
  if (!form) {
    return { load() {}, clear() {} };
  }
  const settingsApi = form.dataset.settings;
  const input = form.querySelector('#max-age-days');
  const button = form.querySelector('button[type=submit]');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const raw = input.value.trim();
    const days = raw === '' ? null : Number(raw);
    if (days !== null && (!Number.isInteger(days) || days < 1 || days > 36500)) {
      toast(text('js.maxAge.invalid'), 'error');
      input.focus();
      return;
    }
    button.disabled = true;
    try {
      const saved = await api('PUT', settingsApi, { maxAgeDays: days });
      input.value = saved.maxAgeDays ?? '';
      toast(saved.maxAgeDays ? text('js.maxAge.saved', saved.maxAgeDays) : text('js.maxAge.cleared'),
        'success');
      await onSaved();
    } catch (error) {
      toastError(error);
    } finally {
      button.disabled = false;
    }
  });

  async function load() {
    try {
      const settings = await api('GET', settingsApi);
      input.value = settings.maxAgeDays ?? '';
      form.hidden = false;
    } catch (error) {
      form.hidden = true;
    }
  }

  function clear() {
    input.value = '';
    form.hidden = true;
  }

  return { load, clear };
}
