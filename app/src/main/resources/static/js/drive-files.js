// Synced Drive files, most recently changed first, with a folder filter and search.
import { text, element } from './theo.js';
import { createBrowse, fillChoices } from './browse.js';

const list = document.getElementById('files');
const folderSelect = document.getElementById('file-folder');

function row(file) {
  const li = element('li', 'file');
  li.dataset.fileId = file.id;
  const name = element('strong', null, file.name);
  const details = [
    file.mimeType === 'application/vnd.google-apps.folder' ? text('js.drive.folder') : null,
    file.modifiedTime ? new Date(file.modifiedTime).toLocaleString() : null,
    file.size != null ? text('js.drive.size', Math.max(1, Math.round(file.size / 1024))) : null,
    file.trashed ? text('js.drive.trashed') : null,
  ].filter(Boolean).join(' · ');
  li.append(name, element('p', 'muted', details));
  if (file.webViewLink && /^https?:\/\//.test(file.webViewLink)) {
    const link = element('a', null, text('js.drive.open'));
    link.href = file.webViewLink;
    link.rel = 'noopener noreferrer';
    link.target = '_blank';
    li.appendChild(link);
  }
  return li;
}

const browse = createBrowse({
  form: document.getElementById('file-filters'),
  list,
  more: document.getElementById('file-more'),
  note: document.getElementById('file-message'),
  count: document.getElementById('file-count'),
  path: '/api/integrations/drive/files',
  params: () => ({
    folderId: folderSelect.value,
    q: document.getElementById('file-query').value.trim(),
  }),
  append: (files) => {
    files.forEach((file) => list.appendChild(row(file)));
    return files.length;
  },
  reset: () => list.replaceChildren(),
});
fillChoices(folderSelect, '/api/integrations/drive/folders', (folder) => folder.name);
browse.load(true);
