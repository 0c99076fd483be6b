import { call, follow, setToken } from './api.js';
import { handlers } from './store.js';
import { showShots } from './shots.js';
import { showShot } from './shot.js';
import { showPipeline } from './pipeline.js';

const view = document.getElementById('view');
let leave = () => {};
let source = null;
export const access = { role: 'read' };

function route() {
  leave();
  view.replaceChildren();
  const hash = location.hash || '#/shots';
  const shot = hash.match(/^#\/shots\/([^/]+)$/);
  document.getElementById('nav-shots').classList.toggle('active', !hash.startsWith('#/pipeline'));
  document.getElementById('nav-pipeline').classList.toggle('active', hash.startsWith('#/pipeline'));
  if (shot) leave = showShot(view, decodeURIComponent(shot[1]));
  else if (hash.startsWith('#/pipeline')) leave = showPipeline(view);
  else leave = showShots(view);
}

function login(message) {
  const form = document.getElementById('login').content.cloneNode(true);
  view.replaceChildren(form);
  document.getElementById('login-error').textContent = message || '';
  document.getElementById('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    setToken(document.getElementById('token').value);
    start();
  });
}

async function start() {
  try {
    const me = await call('me');
    access.role = me.role;
  } catch (e) {
    if (e.status === 401) return login(e.status && localStorage.length ? e.message : '');
    view.textContent = `The console cannot reach its API: ${e.message}`;
    return;
  }
  document.getElementById('role').textContent = access.role === 'paint' ? 'paint / operate' : 'read only';
  document.body.dataset.role = access.role;
  if (source) source.close();
  const live = document.getElementById('live');
  source = follow(handlers, (open) => {
    live.textContent = open ? 'live' : 'reconnecting';
    live.classList.toggle('off', !open);
  });
  window.addEventListener('hashchange', route);
  route();
}

start();
