/**
 * `gsc run` sets V8 flags at run time (src/cli/heap.ts). V8 takes a flag it does not know
 * without a word when set that way, so a Node upgrade that renamed one would silently undo what
 * it is for: this Node must accept each of them on its command line, where an unknown one fails.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, WASM_BASELINE_ONLY } from '../../src/cli/heap.js';

describe('the V8 flags gsc run sets', () => {
  it('are flags this Node knows', () => {
    const flags = [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`, ...WASM_BASELINE_ONLY];
    const r = spawnSync(process.execPath, [...flags, '-e', '0'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('and Node refuses one it does not know, so the check above can fail', () => {
    const r = spawnSync(process.execPath, ['--no-wasm-tier-up-by-magic', '-e', '0'], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
  });
});
