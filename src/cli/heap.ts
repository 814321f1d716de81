import { setFlagsFromString } from 'node:v8';

/**
 * How much V8 lets the heap grow past what the last full collection left alive, in percent.
 * V8 picks a factor of up to 4 by itself, and a run leaves much garbage behind each case: over
 * 100,000 cases the heap, and with it the process's memory, kept growing to a multiple of the
 * live 30 MB, though nothing was held. At 50% a long run stays at the memory of a short one,
 * for a few more (and shorter) collections.
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Keeps undici's HTTP parser (llhttp, WebAssembly) in V8's baseline code. By default V8
 * recompiles the parser's hot function with its optimising compiler a few hundred requests into
 * a run, on a background thread, and that one compilation takes about 30 MB of memory for a
 * few hundred ms (measured with `/proc/self/smaps` and `strace -k`: the zone of
 * `GenerateCodeForWasmFunction`), on top of whatever the run holds: it was the run's peak. The
 * baseline code parses an answer a little slower, a few ms per thousand requests, and saves the
 * compilation's own CPU. Read when the parser is compiled, at the first request, so setting it
 * before the run is in time.
 */
export const WASM_BASELINE_ONLY = ['--no-wasm-dynamic-tiering', '--no-wasm-tier-up'];

/** Keeps a long run's memory near what it holds (see {@link HEAP_GROWING_PERCENT} and {@link WASM_BASELINE_ONLY}); process-wide, so only the CLI and the bench call it. */
export function steadyHeap(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  for (const flag of WASM_BASELINE_ONLY) setFlagsFromString(flag);
}
