import { setFlagsFromString } from 'node:v8';

/**
 * How much V8 lets the heap grow past what the last full collection left alive, in percent.
 * V8 picks a factor of up to 4 by itself, and a run leaves much garbage behind each case: over
 * 100,000 cases the heap, and with it the process's memory, kept growing to a multiple of the
 * live 30 MB, though nothing was held. At 50% a long run stays at the memory of a short one,
 * for a few more (and shorter) collections.
 */
export const HEAP_GROWING_PERCENT = 50;

/** Keeps a long run's heap near what it holds (see {@link HEAP_GROWING_PERCENT}); process-wide, so only the CLI and the bench call it. */
export function steadyHeap(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
