// Drive's settings section: the folders to sync and whether to keep documents' text.
import { api, text, toast, toastError, element } from './theo.js';

const root = document.getElementById('drive-settings');
const form = document.getElementById('drive-settings-form');
const list = document.getElementById('drive-folders');
const keep = document.getElementById('drive-keep-content');

function row(folder) {
  const li = element('li', 'selection-item');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.id = 'drive-folder-' + folder.id.replace(/[^A-Za-z0-9_-]/g, '_');
  box.value = folder.id;
  box.checked = Boolean(folder.selected);
  const label = element('label', null, folder.name);
  label.htmlFor = box.id;
  li.append(box, label);
  return li;
}

async function load() {
  try {
    const [settings, folders] = await Promise.all([
      api('GET', '/api/integrations/drive/settings'),
      api('GET', '/api/integrations/drive/folders'),
    ]);
    keep.checked = Boolean(settings.keepContent);
    list.replaceChildren(...(folders.items || []).map(row));
    root.hidden = false;
  } catch (error) {
    root.hidden = true; // not connected: the connection panel says so
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const folderIds = [...list.querySelectorAll('input:checked')].map((box) => box.value);
  try {
    await api('PUT', '/api/integrations/drive/settings', { folderIds, keepContent: keep.checked });
    toast(text('js.drive.saved'), 'success');
  } catch (error) {
    toastError(error);
  }
});

load();
