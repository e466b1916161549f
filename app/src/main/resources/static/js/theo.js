// Shared helpers for every page: words from messages.properties, JSON API calls, toasts.

let words;

/** The page's messages, handed over as a JSON data block by the layout. */
function messages() {
  if (words === undefined) {
    const block = document.getElementById('theo-text');
    words = block ? JSON.parse(block.textContent || '{}') : {};
  }
  return words;
}

/** The message for key with {0}, {1}... filled from args; the key itself when unknown. */
export function text(key, ...args) {
  const pattern = messages()[key];
  if (pattern === undefined) {
    return key;
  }
  return pattern.replace(/\{(\d+)\}/g, (whole, index) =>
    args[index] === undefined ? whole : String(args[index]));
}

/** A failed API call, carrying the server's {error:{code,message}}. */
export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || {};
  }
}

function csrfToken() {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

/** Calls the JSON API; resolves with the body, rejects with an ApiError. */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['X-XSRF-TOKEN'] = csrfToken();
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', text('js.error.network'));
  }
  let data = null;
  try {
    data = await response.json();
  } catch (e) {
    data = null;
  }
  if (!response.ok) {
    const error = (data && data.error) || {};
    let message = error.message || text('js.error.generic', response.status);
    if (response.status === 429 && error.retryAfterMs !== undefined) {
      message = text('js.error.rateLimited', message, Math.ceil(error.retryAfterMs / 1000));
    }
    throw new ApiError(response.status, error.code, message, error);
  }
  return data;
}

/** Shows a short message in the page's live region; errors are announced assertively. */
export function toast(message, kind = 'success') {
  const region = document.getElementById('toasts');
  if (!region) {
    return;
  }
  const item = document.createElement('div');
  item.className = 'toast ' + kind;
  item.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  item.textContent = message;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'toast-close';
  close.setAttribute('aria-label', text('js.toast.dismiss'));
  close.textContent = '×';
  close.addEventListener('click', () => item.remove());
  item.appendChild(close);
  region.appendChild(item);
  setTimeout(() => item.remove(), kind === 'error' ? 10000 : 6000);
}

/** A toast for a failed call: the server's own message. */
export function toastError(error) {
  toast(error && error.message ? error.message : String(error), 'error');
}

/** A timestamp in the reader's locale, or the given fallback. */
export function formatTime(value, fallback = '') {
  if (!value) {
    return fallback;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}

/** Creates an element with a class and text. */
export function element(tag, className, content) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (content !== undefined && content !== null) {
    node.textContent = content;
  }
  return node;
}
