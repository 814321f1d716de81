import type { PlannedCase } from '../model/index.js';

/** How often the plan's cases run: `--repeat N` rounds, or rounds until `--duration` is up. */
export interface Repetition {
  /** Rounds of every case. @default 1 (or, with `durationMs`, as many as fit) */
  repeat?: number;
  /** No new case instance starts once this many milliseconds have passed since the first. */
  durationMs?: number;
  /** Clock in milliseconds, for tests. @default performance.now */
  now?: () => number;
}

/** True when cases run more than once, so each instance carries its round: `id#3`. */
export function repeats(r: Repetition): boolean {
  return (r.repeat ?? 1) > 1 || r.durationMs !== undefined;
}

/** Case instances a repetition yields, when that is known in advance (not with a duration). */
export function instanceCount(cases: readonly PlannedCase[], r: Repetition): number | undefined {
  return r.durationMs === undefined ? cases.length * (r.repeat ?? 1) : undefined;
}

/**
 * The plan's cases, round after round, made as they are asked for: a soak of a million
 * instances holds one round in memory, not a million. Each instance names its round
 * (`instance: 3`) when cases repeat. With a duration, the clock starts at the first instance
 * asked for and no instance is handed out once it is up; cases already running finish.
 */
export function* caseInstances(cases: readonly PlannedCase[], r: Repetition = {}): Generator<PlannedCase> {
  if (!repeats(r)) {
    yield* cases;
    return;
  }
  if (cases.length === 0) return;
  const now = r.now ?? (() => performance.now());
  const rounds = r.repeat ?? (r.durationMs !== undefined ? Number.POSITIVE_INFINITY : 1);
  const deadline = r.durationMs !== undefined ? now() + r.durationMs : Number.POSITIVE_INFINITY;
  for (let round = 1; round <= rounds; round++) {
    for (const p of cases) {
      if (now() >= deadline) return;
      yield { ...p, instance: round };
    }
  }
}
