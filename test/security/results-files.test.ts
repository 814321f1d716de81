import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gsc, tempDir } from '../e2e/support.js';

/** A results.json from another machine's CI is input like a target's answer: depth-checked before it is parsed. */
describe('results files handed to gsc diff, merge-reports and --shard-timings', () => {
  it('refuses one nested 2,000,000 levels deep with exit 2, saying why, instead of exhausting the stack', async () => {
    const dir = tempDir();
    const deep = join(dir, 'results.json');
    writeFileSync(deep, '['.repeat(2_000_000));
    for (const args of [['diff', deep, deep], ['merge-reports', dir, '--out', join(dir, 'merged')], ['run', '--shard', '1/2', '--shard-timings', deep, '--reporter', 'json', '--out', join(dir, 'out')]]) {
      const r = await gsc(args);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr, args[0]).toContain('nests deeper than 256 levels');
    }
  });
});
