import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gsc, tempDir } from '../e2e/support.js';

/** Every command that reads an earlier run's results.json, given `file` where that goes. */
const readers = (file: string, dir: string): Array<[string, string[]]> => [
  ['gsc diff', ['diff', file, file]],
  ['gsc baseline --from', ['baseline', '--from', file]],
  ['gsc merge-reports', ['merge-reports', file, '--out', join(dir, 'merged')]],
  ['gsc run --shard-timings', ['run', '--shard', '1/2', '--shard-timings', file, '--reporter', 'json', '--out', join(dir, 'out')]],
];

const GIVE = 'give the results.json a run wrote (`gsc run --reporter json` writes reports/results.json)';

/** A results.json from another machine's CI is input like a target's answer: checked before it is used. */
describe('results files handed to gsc diff, gsc baseline --from, gsc merge-reports and --shard-timings', () => {
  it('refuses one nested 2,000,000 levels deep with exit 2, saying why, instead of exhausting the stack', async () => {
    const dir = tempDir();
    const deep = join(dir, 'results.json');
    writeFileSync(deep, '['.repeat(2_000_000));
    for (const [command, args] of readers(deep, dir)) {
      const r = await gsc(args);
      expect(r.code, command).toBe(2);
      expect(r.stderr, command).toContain(`${deep}: not a results.json (the JSON nests deeper than 256 levels; it was not parsed)`);
    }
  });

  it.each([
    ['is not JSON', 'results, as promised', 'not JSON (Unexpected token', GIVE],
    ['is JSON of something else', '{"value": []}', 'not a results.json (it has no `formatVersion` and no `cases`)', GIVE],
    ['has another formatVersion', '{"formatVersion": 2, "cases": []}', 'formatVersion 2, but this gsc (0.1.0) reads formatVersion 1', 'read it with the gsc that wrote it, or run again with this one'],
    ['does not have the documented shape', '{"formatVersion": 1, "cases": [{"id": 7}]}', 'not a results.json gsc wrote: / must have required property', GIVE],
  ])('refuses a file that %s in the same words everywhere: the file, what is wrong, how to fix it (exit 2)', async (_what, content, why, fix) => {
    const dir = tempDir();
    const file = join(dir, 'results.json');
    writeFileSync(file, content);
    for (const [command, args] of readers(file, dir)) {
      const r = await gsc(args);
      expect(r.code, command).toBe(2);
      expect(r.stderr, command).toContain(`${file}: ${why}`);
      expect(r.stderr, command).toContain(fix);
      expect(r.stderr, command).not.toMatch(/\n\s+at /);
    }
  });

  it('refuses a file larger than 512 MB before reading it, with a message instead of running out of memory', async () => {
    const dir = tempDir();
    const file = join(dir, 'results.json');
    // A sparse file: its size is what gsc sees first, and nothing of it is ever read.
    writeFileSync(file, '');
    truncateSync(file, 600 * 1024 * 1024);
    for (const [command, args] of readers(file, dir)) {
      const r = await gsc(args);
      expect(r.code, command).toBe(2);
      expect(r.stderr, command).toContain(`${file}: 600 MB is more than gsc reads (512 MB, the results of some 70,000 cases); give the results of a smaller run, or split the run with --shard i/n`);
    }
  });

  it('gsc merge-reports refuses shards that together are too large to hold, before reading any', async () => {
    const dir = tempDir();
    const shards = [1, 2].map((i) => join(dir, `shard-${i}.json`));
    for (const file of shards) {
      writeFileSync(file, '');
      truncateSync(file, 600 * 1024 * 1024);
    }
    const r = await gsc(['merge-reports', ...shards, '--out', join(dir, 'merged')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('these results hold 1200 MB together, more than gsc reads at once (1024 MB, the results of some 140,000 cases); give the results of a smaller run');
  });

  it('names a file that is not there, and a folder without a results.json, the same way', async () => {
    const dir = tempDir();
    for (const [command, args] of readers(join(dir, 'nowhere'), dir)) {
      const r = await gsc(args);
      expect(r.code, command).toBe(2);
      expect(r.stderr, command).toContain(`${join(dir, 'nowhere')}: no such file or folder; give the results.json a run wrote`);
    }
    for (const [command, args] of readers(dir, dir)) {
      const r = await gsc(args);
      expect(r.code, command).toBe(2);
      expect(r.stderr, command).toContain(`${join(dir, 'results.json')}: no such file; give the results.json a run wrote`);
    }
  });
});
