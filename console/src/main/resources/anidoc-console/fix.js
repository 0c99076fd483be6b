import { call, url } from './api.js';
import { el } from './format.js';

const HEX = /^#[0-9a-fA-F]{6}$/;

function hex(r, g, b) {
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

function loadPixels(src) {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const g = canvas.getContext('2d');
      g.drawImage(image, 0, 0);
      resolve(g.getImageData(0, 0, canvas.width, canvas.height));
    };
    image.onerror = () => reject(new Error(`cannot load ${src}`));
    image.src = src;
  });
}

/**
 * Paint-bucket fixes in the page: a click fills the clicked region (a flat fill bounded by lines)
 * with the chosen palette color at once; saving sends the clicks, and the server repaints them.
 */
export class FixTool {
  constructor(shotId, stage, images, state) {
    this.shotId = shotId;
    this.state = state;
    this.fills = [];
    this.color = null;
    this.canvas = el('canvas', { class: 'layer paint', id: 'paint' });
    this.swatches = el('div', { class: 'palette', id: 'palette' });
    this.custom = el('input', { id: 'custom-color', placeholder: '#rrggbb', size: 8, onchange: () => this.pick(this.custom.value) });
    this.status = el('span', { id: 'fix-status' });
    this.saveButton = el('button', { id: 'save-fix', disabled: 'disabled', onclick: () => this.save() }, 'save as keyframe and retake');
    this.approveButton = el('button', { id: 'approve', onclick: () => this.approve() }, 'approve this version');
    this.panel = el('div', { class: 'fix' }, el('strong', {}, 'Fix: '), 'pick a color, click a region. ',
      this.swatches, this.custom, this.saveButton, this.approveButton, this.status);
    stage.addEventListener('click', (event) => this.click(event));
  }

  async load(manifest) {
    this.manifest = manifest;
    this.canvas.width = manifest.width;
    this.canvas.height = manifest.height;
    const counts = new Map();
    for (const key of manifest.keyframes) {
      const pixels = await loadPixels(url(`shots/${encodeURIComponent(this.shotId)}/versions/${this.state().version}/fill/${key}`));
      const d = pixels.data;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] === 0) continue;
        const c = hex(d[i], d[i + 1], d[i + 2]);
        counts.set(c, (counts.get(c) || 0) + 1);
      }
    }
    const minimum = manifest.width * manifest.height * 0.0005;
    const palette = [...counts.entries()].filter(([, n]) => n >= minimum).sort((a, b) => b[1] - a[1]).map(([c]) => c);
    this.swatches.replaceChildren(...palette.map((c) => el('button', {
      class: 'swatch', 'data-color': c, title: c, style: `background:${c}`, onclick: () => this.pick(c),
    })));
  }

  pick(color) {
    if (!HEX.test(color)) {
      this.status.textContent = `not a color: ${color} (use #rrggbb)`;
      return;
    }
    this.color = color.toLowerCase();
    for (const s of this.swatches.children) s.classList.toggle('chosen', s.dataset.color === this.color);
    this.status.textContent = `color ${this.color}: click a region`;
  }

  async show(frame) {
    this.frame = frame;
    this.fills = [];
    this.saveButton.disabled = true;
    this.canvas.getContext('2d').clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.fillPixels = null;
    const layer = (name) => url(`shots/${encodeURIComponent(this.shotId)}/versions/${this.state().version}/${name}/${frame.index}`);
    const [fill, lines] = await Promise.all([loadPixels(layer('fill')), loadPixels(layer('lines'))]);
    if (this.frame !== frame) return;
    this.linePixels = lines;
    this.fillPixels = fill;
    this.canvas.dataset.ready = String(frame.index);
  }

  click(event) {
    if (!this.color || !this.fillPixels || !this.manifest) return;
    const box = this.canvas.getBoundingClientRect();
    const x = Math.floor((event.clientX - box.left) * this.manifest.width / box.width);
    const y = Math.floor((event.clientY - box.top) * this.manifest.height / box.height);
    if (x < 0 || y < 0 || x >= this.manifest.width || y >= this.manifest.height) return;
    const painted = this.paint(x, y, this.color);
    this.fills.push({ x, y, color: this.color });
    this.saveButton.disabled = false;
    this.status.textContent = `filled ${painted} pixels at ${x},${y} with ${this.color}`;
  }

  /**
   * Flood-fills the region under (x, y) on the paint layer: the pixels of the same flat fill that
   * no line separates (the line layer's opaque pixels are borders); answers its area.
   */
  paint(x, y, color) {
    const { width, height, data } = this.fillPixels;
    const lines = this.linePixels.data;
    const g = this.canvas.getContext('2d');
    const out = g.getImageData(0, 0, width, height);
    const at = (y * width + x) * 4;
    const target = [data[at], data[at + 1], data[at + 2]];
    const rgb = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
    const seen = new Uint8Array(width * height);
    const stack = [y * width + x];
    let count = 0;
    while (stack.length) {
      const p = stack.pop();
      if (seen[p]) continue;
      seen[p] = 1;
      const i = p * 4;
      if (lines[i + 3] >= 128 || data[i] !== target[0] || data[i + 1] !== target[1] || data[i + 2] !== target[2]) continue;
      out.data[i] = rgb[0]; out.data[i + 1] = rgb[1]; out.data[i + 2] = rgb[2]; out.data[i + 3] = 255;
      count++;
      const px = p % width;
      if (px > 0) stack.push(p - 1);
      if (px < width - 1) stack.push(p + 1);
      if (p >= width) stack.push(p - width);
      if (p < width * (height - 1)) stack.push(p + width);
    }
    g.putImageData(out, 0, 0);
    return count;
  }

  async save() {
    this.saveButton.disabled = true;
    try {
      const answer = await call(`shots/${encodeURIComponent(this.shotId)}/fixes`, {
        method: 'POST', json: { version: this.state().version, drawing: this.frame.index, fills: this.fills },
      });
      this.status.textContent = `saved: version ${answer.version} is on its way`;
    } catch (e) {
      this.status.textContent = e.message;
      this.saveButton.disabled = false;
    }
  }

  async approve() {
    try {
      const answer = await call(`shots/${encodeURIComponent(this.shotId)}/approve`, { method: 'POST', json: { version: this.state().version } });
      this.status.textContent = `version ${answer.version} approved`;
    } catch (e) {
      this.status.textContent = e.message;
    }
  }
}
