// Small functions shared by the views.
// the stages that report on anidoc.shots.status, in data-flow order
export const STAGES = ['assembler', 'matcher', 'tracker', 'colorizer', 'sink'];
export const STATES = ['OPENED', 'RECEIVING', 'SEALED', 'CLIPPED', 'IN_PROGRESS', 'WARNING', 'FINISHED', 'FAILED'];

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function age(ms) {
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86400)} d`;
}

export function pad(index) {
  return String(index).padStart(4, '0');
}
