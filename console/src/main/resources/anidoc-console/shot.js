import { call, url } from './api.js';
import { store, onChange } from './store.js';
import { el, pad } from './format.js';
import { access } from './app.js';
import { FixTool } from './fix.js';

const LAYERS = [
  ['lineart', 'line art', false], ['fill', 'fill', false], ['color', 'color', true],
  ['lines', 'lines', false], ['confidence', 'confidence', false],
];

/** One shot: filmstrip, flip-book player, layer toggles, uncertain regions, keyframe beside, fixes. */
export function showShot(view, shotId) {
  const state = { version: 0, manifest: null, frame: 0, playing: null, fps: 24 };
  const title = el('h1', {}, shotId, ' ', el('span', { id: 'shot-state', class: 'badge' }));
  const versionSelect = el('select', { id: 'version', onchange: () => loadVersion(Number(versionSelect.value)) });
  const problem = el('p', { id: 'shot-problem', class: 'error' });
  const approvedLabel = el('span', { id: 'approved' });
  const layers = el('div', { class: 'viewer', id: 'viewer' });
  const regions = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  regions.setAttribute('class', 'layer regions');
  regions.id = 'regions';
  const images = {};
  for (const [name] of LAYERS) {
    images[name] = el('img', { class: `layer ${name}`, id: `layer-img-${name}`, alt: name, draggable: 'false' });
    layers.append(images[name]);
  }
  const fix = new FixTool(shotId, layers, images, () => state);
  // painted fixes sit over the colors and under the lines
  layers.insertBefore(fix.canvas, images.lines);
  layers.append(regions);
  const keyframe = el('img', { id: 'keyframe', class: 'keyframe', alt: 'nearest keyframe' });
  const keyCaption = el('figcaption', {});
  const toggles = el('div', { class: 'toggles' },
    LAYERS.map(([name, label, on]) => el('label', {}, el('input', {
      type: 'checkbox', id: `layer-${name}`, checked: on ? 'checked' : null,
      onchange: (e) => images[name].classList.toggle('hidden', !e.target.checked),
    }), ` ${label}`)),
    el('label', {}, el('input', { type: 'checkbox', id: 'layer-regions', checked: 'checked',
      onchange: (e) => regions.classList.toggle('hidden', !e.target.checked) }), ' uncertain regions'));
  for (const [name, , on] of LAYERS) images[name].classList.toggle('hidden', !on);
  const slider = el('input', { type: 'range', id: 'frame', min: 0, max: 0, value: 0, oninput: () => show(Number(slider.value)) });
  const frameLabel = el('span', { id: 'frame-label' });
  const playButton = el('button', { id: 'play', onclick: () => (state.playing ? stop() : play()) }, 'play');
  const fpsInput = el('input', { type: 'number', id: 'fps', min: 1, max: 60, value: 24, onchange: () => { state.fps = Number(fpsInput.value) || 24; if (state.playing) { stop(); play(); } } });
  const strip = el('div', { class: 'filmstrip', id: 'filmstrip' });
  view.append(title, el('label', {}, 'version ', versionSelect), ' ', approvedLabel, problem,
    el('div', { class: 'player' }, playButton, slider, frameLabel, el('label', {}, ' fps ', fpsInput)),
    toggles,
    el('div', { class: 'review' }, layers, el('figure', {}, keyframe, keyCaption)),
    access.role === 'paint' ? fix.panel : el('p', { class: 'muted' }, 'Read-only token: fixing needs a paint token.'),
    el('h2', {}, 'Filmstrip'), strip);

  function shot() {
    return store.shots.get(shotId);
  }

  function refresh() {
    const s = shot();
    if (!s) {
      problem.textContent = `No shot ${shotId} yet: it appears when the pipeline reports on it.`;
      return;
    }
    document.getElementById('shot-state').textContent = s.state;
    document.getElementById('shot-state').className = `badge ${s.state}`;
    problem.textContent = s.failures.map((f) => `${f.stage}: ${f.reason}`).join('; ');
    const versions = s.versions.map((v) => v.version);
    const approved = s.versions.filter((v) => v.approvedAtMs).map((v) => `v${v.version}`);
    approvedLabel.textContent = approved.length ? `approved: ${approved.join(', ')}` : '';
    if (versions.join() !== [...versionSelect.options].map((o) => o.value).join()) {
      versionSelect.replaceChildren(...versions.map((v) => el('option', { value: v }, `version ${v}`)));
    }
    const newest = versions.length ? versions[versions.length - 1] : 0;
    if (newest && newest !== state.version) {
      versionSelect.value = newest;
      loadVersion(newest);
    }
  }

  async function loadVersion(version) {
    state.version = version;
    try {
      state.manifest = await call(`shots/${encodeURIComponent(shotId)}/versions/${version}/manifest`);
    } catch (e) {
      problem.textContent = e.message;
      return;
    }
    const m = state.manifest;
    for (const img of Object.values(images)) img.width = m.width;
    regions.setAttribute('viewBox', `0 0 ${m.width} ${m.height}`);
    layers.style.aspectRatio = `${m.width} / ${m.height}`;
    if (m.settings && m.settings.fps) { state.fps = Number(m.settings.fps); fpsInput.value = state.fps; }
    slider.max = m.frames.length - 1;
    strip.replaceChildren(...m.frames.map((f, i) => el('button', {
      class: `thumb${f.reference ? ' key' : ''}${f.uncertainShare > 0 ? ' uncertain' : ''}`,
      'data-index': f.index, onclick: () => show(i), title: f.reference ? `keyframe ${f.index}` : `drawing ${f.index}`,
    }, el('img', { src: lineArtUrl(f.index), alt: `line art ${f.index}`, loading: 'lazy' }),
      el('img', { src: layerUrl('color', f.index), alt: `colored ${f.index}`, loading: 'lazy' }),
      el('span', {}, f.reference ? `★ ${f.index}` : f.index))));
    fix.load(m);
    show(Math.min(state.frame, m.frames.length - 1));
  }

  function lineArtUrl(index) {
    return url(`shots/${encodeURIComponent(shotId)}/lineart/${index}`);
  }

  function layerUrl(layer, index) {
    return url(`shots/${encodeURIComponent(shotId)}/versions/${state.version}/${layer}/${index}`);
  }

  function show(position) {
    const m = state.manifest;
    if (!m) return;
    state.frame = position;
    const frame = m.frames[position];
    slider.value = position;
    frameLabel.textContent = `drawing ${frame.index}${frame.reference ? ' (keyframe)' : ''} · ${Math.round((frame.uncertainShare || 0) * 1000) / 10}% uncertain`;
    images.lineart.src = lineArtUrl(frame.index);
    for (const layer of ['fill', 'color', 'lines']) images[layer].src = layerUrl(layer, frame.index);
    if (frame.confidence) images.confidence.src = layerUrl('confidence', frame.index);
    else images.confidence.removeAttribute('src');
    regions.replaceChildren(...(frame.uncertainRegions || []).map((r) => {
      const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      // a margin keeps a region of a few pixels visible at any zoom
      const pad = Math.max(4, Math.round(m.width / 200));
      const box = { x: r.x - pad, y: r.y - pad, width: r.width + 2 * pad, height: r.height + 2 * pad };
      for (const [k, v] of Object.entries(box)) rect.setAttribute(k, v);
      rect.setAttribute('class', 'uncertain');
      rect.innerHTML = `<title>confidence ${r.confidence}, candidates ${(r.candidates || []).join(' ')}</title>`;
      return rect;
    }));
    const keys = m.keyframes;
    const nearest = keys.reduce((best, k) => (Math.abs(k - frame.index) < Math.abs(best - frame.index) ? k : best), keys[0]);
    if (nearest !== undefined) {
      keyframe.src = layerUrl('color', nearest);
      keyCaption.textContent = `keyframe ${nearest}`;
    }
    for (const thumb of strip.children) thumb.classList.toggle('current', Number(thumb.dataset.index) === frame.index);
    fix.show(frame);
  }

  function play() {
    playButton.textContent = 'pause';
    state.playing = setInterval(() => show((state.frame + 1) % state.manifest.frames.length), 1000 / state.fps);
  }

  function stop() {
    playButton.textContent = 'play';
    clearInterval(state.playing);
    state.playing = null;
  }

  refresh();
  const unsubscribe = onChange((change) => { if (change.kind === 'snapshot' || change.shotId === shotId) refresh(); });
  return () => { unsubscribe(); stop(); };
}
