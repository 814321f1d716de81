import { DEVIATIONS } from './all.js';
import type { Deviation } from './types.js';

export type { Deviation, DeviationHooks, CreateProblem, ActionEffect } from './types.js';

/** Every deviation the emulator can apply, in a stable order. */
export function listDeviations(): Deviation[] {
  return [...DEVIATIONS];
}

/** The closest known name, for "did you mean" (shared prefix of words, then substring). */
function suggest(name: string): string | undefined {
  const lower = name.toLowerCase();
  return (
    DEVIATIONS.find((d) => d.name === lower) ??
    DEVIATIONS.find((d) => d.name.includes(lower) || lower.includes(d.name)) ??
    DEVIATIONS.find((d) => d.name.split('-').slice(0, 2).join('-') === lower.split('-').slice(0, 2).join('-'))
  )?.name;
}

/**
 * The deviations named, in the order given. An unknown name throws an Error that lists every
 * valid one, so a typo on the command line is easy to fix.
 */
export function resolveDeviations(names: readonly string[]): Deviation[] {
  const unknown = names.filter((n) => !DEVIATIONS.some((d) => d.name === n));
  if (unknown.length > 0) {
    const hints = unknown.map((n) => {
      const near = suggest(n);
      return near ? `'${n}' (did you mean '${near}'?)` : `'${n}'`;
    });
    throw new Error(`unknown deviation ${hints.join(', ')}; valid names: ${DEVIATIONS.map((d) => d.name).join(', ')}`);
  }
  return [...new Set(names)].map((n) => DEVIATIONS.find((d) => d.name === n) as Deviation);
}
