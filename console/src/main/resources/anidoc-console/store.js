// What the page knows, fed only by the event stream: shots by id and dead letters.
export const store = { shots: new Map(), deadLetters: [], listeners: new Set() };

export function onChange(listener) {
  store.listeners.add(listener);
  return () => store.listeners.delete(listener);
}

function changed(what) {
  for (const listener of store.listeners) listener(what);
}

export const handlers = {
  snapshot(data) {
    store.shots = new Map(data.shots.map((s) => [s.shotId, s]));
    store.deadLetters = data.deadLetters;
    changed({ kind: 'snapshot' });
  },
  shot(shot) {
    store.shots.set(shot.shotId, shot);
    changed({ kind: 'shot', shotId: shot.shotId });
  },
  deadletter(letter) {
    store.deadLetters.push(letter);
    changed({ kind: 'deadletter' });
  },
};
