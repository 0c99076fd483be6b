// The console's API client. Every URL is relative, so the console works under any path prefix.
const TOKEN_KEY = 'anidoc-console-token';

export function token() {
  return localStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(value) {
  localStorage.setItem(TOKEN_KEY, value);
}

/** Appends the token as a query parameter, for what cannot send headers (images, EventSource). */
export function url(path) {
  const t = token();
  return t ? `api/${path}${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(t)}` : `api/${path}`;
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.reason ? body.reason : `HTTP ${status}`);
    this.status = status;
    this.code = body && body.error;
  }
}

export async function call(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (token()) headers.Authorization = `Bearer ${token()}`;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(options.json);
  }
  const response = await fetch(`api/${path}`, { method: options.method || 'GET', headers, body: options.body });
  const text = await response.text();
  const body = text ? JSON.parse(text) : {};
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/** Follows the server's event stream; the browser reconnects by itself and the snapshot resets the page. */
export function follow(handlers, onState) {
  const source = new EventSource(url('events'));
  source.onopen = () => onState(true);
  source.onerror = () => onState(false);
  for (const [name, handler] of Object.entries(handlers)) {
    source.addEventListener(name, (event) => handler(JSON.parse(event.data)));
  }
  return source;
}
