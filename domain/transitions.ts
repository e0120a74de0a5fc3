// A state machine as data: for each status, the statuses that may follow it. Repositories refuse any other move, so a
// retried or out-of-order step can never take a record back.
export type Transitions<S extends string> = Readonly<Record<S, readonly S[]>>;

export const transitionsOf = <S extends string>(table: Record<S, readonly S[]>): Transitions<S> => Object.freeze(table);

/** The statuses from which `to` may be reached: what an update's `where status in (...)` guards on. */
export function statusesBefore<S extends string>(transitions: Transitions<S>, to: S): S[] {
  return (Object.keys(transitions) as S[]).filter((from) => transitions[from].includes(to));
}

export function mayMove<S extends string>(transitions: Transitions<S>, from: S, to: S): boolean {
  return transitions[from].includes(to);
}

/**
 * Whether a record at `current` has already been through `stage`: `current` is reached from it by the allowed moves.
 * A step that records a stage again after its record moved on (a workflow task run again after its worker died,
 * re-running the local activities it had already run) finds its stage already passed.
 */
export function hasPassed<S extends string>(transitions: Transitions<S>, current: S, stage: S): boolean {
  const seen = new Set<S>([stage]);
  const next = [stage];
  while (next.length) {
    for (const to of transitions[next.pop()!]) {
      if (to === current) return true;
      if (seen.has(to)) continue;
      seen.add(to);
      next.push(to);
    }
  }
  return false;
}
