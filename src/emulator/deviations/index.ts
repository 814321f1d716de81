import { closest } from '../distance.js';
import { DEVIATIONS } from './all.js';
import type { Deviation } from './types.js';

export type { Deviation, DeviationHooks, CreateProblem, ActionEffect } from './types.js';

/** Every deviation the emulator can apply, in a stable order. */
export function listDeviations(): Deviation[] {
  return [...DEVIATIONS];
}

/**
 * The deviations named, in the order given. An unknown name throws an Error that lists every
 * valid one, so a typo on the command line is easy to fix.
 */
export function resolveDeviations(names: readonly string[]): Deviation[] {
  const unknown = names.filter((n) => !DEVIATIONS.some((d) => d.name === n));
  if (unknown.length > 0) {
    const hints = unknown.map((n) => {
      const near = closest(n, DEVIATIONS.map((d) => d.name));
      return near ? `'${n}' (did you mean '${near}'?)` : `'${n}'`;
    });
    throw new Error(`unknown deviation ${hints.join(', ')}; valid names: ${DEVIATIONS.map((d) => d.name).join(', ')}`);
  }
  return [...new Set(names)].map((n) => DEVIATIONS.find((d) => d.name === n) as Deviation);
}
