import { store, onChange } from './store.js';
import { el, age, STAGES, STATES } from './format.js';

/** The list of shots, live: state, per-stage progress, failures and age; filtered by state. */
export function showShots(view) {
  const filter = el('select', { id: 'state-filter', onchange: render },
    el('option', { value: '' }, 'every state'), STATES.map((s) => el('option', { value: s }, s)));
  const body = el('tbody', { id: 'shots' });
  view.append(
    el('h1', {}, 'Shots'),
    el('label', {}, 'State ', filter),
    el('table', { class: 'shots' },
      el('thead', {}, el('tr', {}, el('th', {}, 'shot'), el('th', {}, 'state'),
        STAGES.map((s) => el('th', {}, s)), el('th', {}, 'versions'), el('th', {}, 'age'), el('th', {}, 'problem'))),
      body));

  function row(shot) {
    const failure = shot.failures.length ? shot.failures[shot.failures.length - 1] : null;
    return el('tr', { 'data-shot': shot.shotId, 'data-state': shot.state, class: `state-${shot.state}` },
      el('td', {}, el('a', { href: `#/shots/${encodeURIComponent(shot.shotId)}` }, shot.shotId)),
      el('td', {}, el('span', { class: `badge ${shot.state}` }, shot.state)),
      STAGES.map((name) => {
        const stage = shot.stages[name];
        if (!stage) return el('td', { class: 'stage' });
        const share = stage.total > 0 ? Math.min(1, stage.completed / stage.total) : (stage.state === 'FINISHED' ? 1 : 0);
        return el('td', { class: `stage ${stage.state}`, 'data-stage': name, title: `${stage.state} ${stage.completed}/${stage.total}` },
          el('progress', { max: 1, value: share }), el('small', {}, stage.total > 0 ? `${stage.completed}/${stage.total}` : stage.state));
      }),
      el('td', { class: 'versions' }, shot.versions.map((v) => `v${v.version}${v.approvedAtMs ? ' approved' : ''}`).join(' ')),
      el('td', { class: 'age', 'data-since': shot.firstAtMs }, age(shot.firstAtMs)),
      el('td', { class: 'problem' }, failure ? `${failure.stage}: ${failure.reason}` : ''));
  }

  function render() {
    const wanted = filter.value;
    const shots = [...store.shots.values()].filter((s) => !wanted || s.state === wanted)
      .sort((a, b) => b.lastAtMs - a.lastAtMs);
    body.replaceChildren(...shots.map(row));
  }

  render();
  const unsubscribe = onChange(render);
  // ages count on in the page itself: no request to the server
  const clock = setInterval(() => {
    for (const cell of body.querySelectorAll('td.age')) cell.textContent = age(Number(cell.dataset.since));
  }, 1000);
  return () => { unsubscribe(); clearInterval(clock); };
}
