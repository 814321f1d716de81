import { describe, expect, it } from 'vitest';
import { gsc, tempDir } from '../e2e/support.js';

describe('gsc run --repeat N --duration D', () => {
  it('says it runs N rounds or D, whichever ends first, and stops after N rounds when they end first', async () => {
    const out = tempDir('gsc-repeat-duration-');
    const { code, stdout } = await gsc(['run', '--tags', 'smoke', '--repeat', '2', '--duration', '30s', '--live', 'off', '--out', out, '--reporter', 'console,json']);

    expect(stdout).toContain('3 cases a round, for 2 rounds or 30.0 s (whichever ends first), failing level MUST');
    expect(stdout).toMatch(/gsc: 6 passed, 0 failed, 0 errors, 0 skipped/);
    expect(code).toBe(0);
  });

  it('stops when D is up when that ends first', async () => {
    const out = tempDir('gsc-repeat-duration-');
    const { code, stdout } = await gsc(['run', '--tags', 'smoke', '--repeat', '100000', '--duration', '1s', '--live', 'off', '--out', out, '--reporter', 'console']);

    expect(stdout).toContain('3 cases a round, for 100000 rounds or 1.0 s (whichever ends first)');
    const passed = Number(/gsc: (\d+) passed, 0 failed/.exec(stdout)?.[1]);
    expect(passed).toBeGreaterThan(3);
    expect(passed).toBeLessThan(300_000);
    expect(code).toBe(0);
  });

  it('says the same in gsc run --help', async () => {
    const { stdout } = await gsc(['run', '--help']);
    expect(stdout).toMatch(/--repeat N .*with --duration, at most N rounds: the run stops at whichever ends first/);
    expect(stdout).toMatch(/--duration DURATION .*with --repeat N, N rounds at most/);
  });
});
