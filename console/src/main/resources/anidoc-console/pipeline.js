import { call } from './api.js';
import { store, onChange } from './store.js';
import { el, age } from './format.js';
import { access } from './app.js';

/** Operators: consumer groups with lag and live members, throughput, dead letters with replay. */
export function showPipeline(view) {
  const groups = el('tbody', { id: 'groups' });
  const letters = el('tbody', { id: 'deadletters' });
  const note = el('p', { id: 'pipeline-note' });
  const refreshButton = el('button', { id: 'refresh-pipeline', onclick: () => loadGroups() }, 'refresh lag');
  view.append(
    el('h1', {}, 'Pipeline'), note, refreshButton,
    el('table', { class: 'groups' }, el('thead', {}, el('tr', {}, ['group', 'state', 'live instances', 'lag per topic', 'clip reports / min']
      .map((h) => el('th', {}, h)))), groups),
    el('h2', {}, 'Dead letters'),
    el('table', { class: 'deadletters' }, el('thead', {}, el('tr', {}, ['when', 'stage', 'shot', 'cause', 'from', '']
      .map((h) => el('th', {}, h)))), letters));

  async function loadGroups() {
    try {
      const answer = await call('pipeline');
      const reports = answer.clipReportsLastMinute;
      groups.replaceChildren(...answer.groups.map((g) => el('tr', { 'data-group': g.group },
        el('td', {}, g.group), el('td', {}, g.state),
        el('td', { class: 'members' }, g.members.length, ' ', el('small', {}, g.members.map((m) => m.clientId).join(', '))),
        el('td', { class: 'lag', 'data-lag': g.totalLag }, Object.entries(g.lag).map(([t, n]) => `${t}: ${n}`).join(', ') || '0'),
        el('td', {}, reports[g.stage] === undefined ? '' : reports[g.stage]))));
      note.textContent = `lag read ${new Date().toLocaleTimeString()}`;
    } catch (e) {
      note.textContent = e.message;
    }
  }

  function renderLetters() {
    letters.replaceChildren(...[...store.deadLetters].reverse().map((d) => el('tr', { 'data-id': d.id },
      el('td', {}, `${age(d.atMs)} ago`), el('td', {}, d.stage), el('td', {}, d.shotId || ''),
      el('td', { class: 'cause' }, d.cause), el('td', {}, `${d.sourceTopic}-${d.sourcePartition}@${d.sourceOffset}`),
      el('td', {}, d.replayedAtMs ? 'replayed'
        : access.role === 'paint' && d.replayable ? el('button', { class: 'replay', onclick: (e) => replay(d, e.target) }, 'replay') : ''))));
  }

  async function replay(letter, button) {
    button.disabled = true;
    try {
      const answer = await call(`deadletters/${encodeURIComponent(letter.id)}/replay`, { method: 'POST' });
      letter.replayedAtMs = answer.replayedAtMs || Date.now();
      button.replaceWith(`replayed to ${answer.replayedTo.topic}@${answer.replayedTo.offset}`);
    } catch (e) {
      button.disabled = false;
      note.textContent = e.message;
    }
  }

  loadGroups();
  renderLetters();
  const unsubscribe = onChange((change) => { if (change.kind !== 'shot') renderLetters(); });
  return unsubscribe;
}
