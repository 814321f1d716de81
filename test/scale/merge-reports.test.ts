import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { RunResult } from '../../src/index.js';
import { tempDir } from '../fixtures/temp.js';

/** Ten cases of six areas: reads, writes, errors. */
const grep = '^(get|delete|errors|list|templates|secrets)/';

/** `gsc ARGS` in `cwd`, as a user types it: the exit code and what it printed. */
async function gsc(cwd: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: { write: (s: string) => (out.push(s), true) }, stderr: { write: (s: string) => (err.push(s), true) }, env, cwd } as never;
  const code = await main(args, io);
  return { code, out: out.join(''), err: err.join('') };
}

const shardRun = (cwd: string, shard: string, out: string, ...extra: string[]) => gsc(cwd, ['run', '--grep', grep, '--shard', shard, '--out', out, '--reporter', 'json', '--ledger', 'off', ...extra]);

const readResults = (file: string): RunResult => JSON.parse(readFileSync(file, 'utf8')) as RunResult;

/** Edits a shard's results.json as a hand (or a broken tool) would. */
function edit(file: string, change: (doc: RunResult) => void): void {
  const doc = readResults(file);
  change(doc);
  writeFileSync(file, JSON.stringify(doc));
}

describe('gsc merge-reports refuses shards that would not add up to the run', () => {
  it('shards split differently (one by timings, one by count) are refused, not merged into a conformant run that lost cases', async () => {
    const dir = tempDir();
    // An earlier run's durations: the delete cases are slow, so a timed split deals them apart.
    expect((await gsc(dir, ['run', '--grep', grep, '--out', 'reports', '--reporter', 'json', '--ledger', 'off'])).code).toBe(0);
    edit(join(dir, 'reports', 'results.json'), (doc) => {
      for (const c of doc.cases) c.durationMs = c.id.startsWith('delete/') ? 5000 : c.id.startsWith('errors/') ? 1 : 10;
    });
    expect((await shardRun(dir, '1/2', 's/1', '--shard-timings', 'reports/results.json')).code).toBe(0);
    expect((await shardRun(dir, '2/2', 's/2')).code).toBe(0);
    const shard1 = readResults(join(dir, 's/1/results.json')).shard!;
    expect(shard1.split).toMatch(/^timings sha256:[0-9a-f]{64}$/);
    expect(shard1.selectedIds).toHaveLength(10);
    expect(readResults(join(dir, 's/2/results.json')).shard!.split).toBe('count');

    const merged = await gsc(dir, ['merge-reports', 's/1', 's/2', '--out', 'm']);
    expect(merged.code).toBe(2);
    expect(merged.err).toMatch(/the reports were split differently \(by count, or by the durations --shard-timings gave\): run every shard with the same --shard-timings file, or none: timings sha256:[0-9a-f]{12}… in s\/1\/results.json; count in s\/2\/results.json/);
    expect(merged.out).not.toContain('onformant');
  });

  it('whatever split them wrongly, shards that lost or doubled cases are refused, naming the cases', async () => {
    const dir = tempDir();
    for (const i of [1, 2]) await shardRun(dir, `${i}/2`, `s/${i}`);
    // Shard 2's first case moved into shard 1 (its counts kept consistent): one case twice, none lost…
    const moved = readResults(join(dir, 's/2/results.json')).cases[0]!;
    edit(join(dir, 's/1/results.json'), (doc) => {
      doc.cases.push(moved);
      doc.counts[moved.status]++;
    });
    const doubled = await gsc(dir, ['merge-reports', 's/1', 's/2', '--out', 'm']);
    expect(doubled.code).toBe(2);
    expect(doubled.err).toContain(`the shards together ran 11 cases (10 distinct) where the selection has 10: 1 case ran in more than one shard (${moved.id})`);
    expect(doubled.err).toContain('run every shard from the same suites with the same flags, and the same --shard-timings file (or none), then merge again');
    // …and taken out of shard 2: still every case once.
    edit(join(dir, 's/2/results.json'), (doc) => {
      doc.cases.shift();
      doc.counts[moved.status]--;
    });
    expect((await gsc(dir, ['merge-reports', 's/1', 's/2', '--out', 'm'])).code).toBe(0);
    // Six cases gone from shard 1: named, a few, then how many more.
    const lost = readResults(join(dir, 's/1/results.json')).cases.slice(0, 6);
    edit(join(dir, 's/1/results.json'), (doc) => {
      doc.cases = doc.cases.slice(6);
      for (const c of lost) doc.counts[c.status]--;
    });
    const missing = await gsc(dir, ['merge-reports', 's/1', 's/2', '--out', 'm']);
    expect(missing.code).toBe(2);
    // Named in the selection's order.
    const gone = new Set(lost.map((c) => c.id));
    const named = readResults(join(dir, 's/1/results.json')).shard!.selectedIds!.filter((id) => gone.has(id));
    expect(missing.err).toContain(`the shards together ran 4 cases (4 distinct) where the selection has 10: 6 selected cases ran in no shard (${named.slice(0, 5).join(', ')} and 1 more)`);
  });

  it('a shard that could not reach the target lacks its cases, and the merge says incomplete (exit 3) instead of refusing', async () => {
    const dir = tempDir();
    for (const i of [1, 2]) await shardRun(dir, `${i}/2`, `s/${i}`);
    edit(join(dir, 's/2/results.json'), (doc) => {
      doc.cases = [];
      doc.counts = { passed: 0, failed: 0, error: 0, skipped: 0 };
      doc.skips = {};
      Object.assign(doc, { verdict: 'incomplete', conformant: false, aborted: { code: 'connect', message: 'the target did not answer' } });
    });
    const merged = await gsc(dir, ['merge-reports', 's/1', 's/2', '--out', 'm']);
    expect(merged.code).toBe(3);
    expect(readResults(join(dir, 'm/results.json')).aborted?.message).toBe('shard 2/2: the target did not answer');
  });

  it('shards written before the split was recorded are still read, and checked by the number of cases', async () => {
    const dir = tempDir();
    for (const i of [1, 2]) await shardRun(dir, `${i}/2`, `s/${i}`);
    for (const i of [1, 2]) {
      edit(join(dir, `s/${i}/results.json`), (doc) => {
        const { split: _split, repeat: _repeat, selectedIds: _ids, ...older } = doc.shard!;
        doc.shard = older;
        if (i === 1) doc.cases = doc.cases.slice(1);
        if (i === 1) doc.counts.passed = doc.cases.filter((c) => c.status === 'passed').length;
        if (i === 1) doc.counts.skipped = doc.cases.filter((c) => c.status === 'skipped').length;
      });
    }
    const merged = await gsc(dir, ['merge-reports', 's/1', 's/2', '--out', 'm']);
    expect(merged.code).toBe(2);
    expect(merged.err).toContain('the shards together ran 9 cases (9 distinct) where the selection has 10: 1 selected case ran in no shard');
  });

  it("a shard whose counts disagree with its own cases is refused, naming the file, so JSON and JUnit cannot tell two stories", async () => {
    const dir = tempDir();
    for (const i of [1, 2]) await shardRun(dir, `${i}/2`, `s/${i}`);
    const file = join(dir, 's/2/results.json');
    edit(file, (doc) => {
      doc.counts.passed = 99;
      doc.cases.find((c) => c.status === 'passed' && c.level === 'MUST')!.status = 'failed';
    });
    const merged = await gsc(dir, ['merge-reports', 's/1', 's/2', '--out', 'm']);
    expect(merged.code).toBe(2);
    expect(merged.err).toMatch(/s\/2\/results.json: its counts \(99 passed, 0 failed, 0 error, \d+ skipped\) disagree with its cases \(\d+ passed, 1 failed, 0 error, \d+ skipped\): the file was edited or damaged; run that shard again/);
    // Counts made to agree, but the verdict left conformant over a MUST failure: refused too.
    edit(file, (doc) => {
      doc.counts = { passed: 0, failed: 0, error: 0, skipped: 0 };
      for (const c of doc.cases) doc.counts[c.status]++;
    });
    const verdict = await gsc(dir, ['merge-reports', 's/1', 's/2', '--out', 'm']);
    expect(verdict.code).toBe(2);
    expect(verdict.err).toMatch(/s\/2\/results.json: its verdict is conformant, but \S+ failed at level MUST: the file was edited or damaged/);
    // Told the truth, the merge says non-conformant, and its JSON and JUnit agree.
    edit(file, (doc) => {
      doc.verdict = 'non-conformant';
      doc.conformant = false;
    });
    expect((await gsc(dir, ['merge-reports', 's/1', 's/2', '--out', 'm'])).code).toBe(1);
    const json = readResults(join(dir, 'm/results.json'));
    const junit = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(join(dir, 'm/junit.xml'), 'utf8'));
    expect([json.verdict, json.counts.failed]).toEqual(['non-conformant', 1]);
    expect(Number(junit.testsuites['@_failures'])).toBe(1);
  });

  it('shards run with different --repeat are refused; with the same, they merge into the unsharded total', async () => {
    const dir = tempDir();
    await shardRun(dir, '1/2', 's/1', '--repeat', '2');
    await shardRun(dir, '2/2', 's/2', '--repeat', '3');
    const merged = await gsc(dir, ['merge-reports', 's/1', 's/2', '--out', 'm']);
    expect(merged.code).toBe(2);
    expect(merged.err).toContain('the reports repeated the cases differently: run every shard with the same --repeat and --duration: --repeat 2 in s/1/results.json; --repeat 3 in s/2/results.json');
    await shardRun(dir, '2/2', 's/2', '--repeat', '2');
    expect((await gsc(dir, ['merge-reports', 's/1', 's/2', '--out', 'm'])).code).toBe(0);
    const json = readResults(join(dir, 'm/results.json'));
    expect(json.cases).toHaveLength(20);
    expect(new Set(json.cases.map((c) => c.id)).size).toBe(20);
  });

  it('a shard re-run by "Re-run failed jobs" (attempt 2 of the same CI run) merges with attempt 1; another run is refused', async () => {
    const dir = tempDir();
    const inCi = (shard: string, out: string, env: Record<string, string>) => gsc(dir, ['run', '--grep', grep, '--shard', shard, '--out', out, '--reporter', 'json', '--ledger', 'off'], env);
    await inCi('1/2', 's/1', { GITHUB_RUN_ID: '100', GITHUB_RUN_ATTEMPT: '1' });
    await inCi('2/2', 's/2', { GITHUB_RUN_ID: '100', GITHUB_RUN_ATTEMPT: '2' });
    expect(readResults(join(dir, 's/2/results.json')).shard).toMatchObject({ ciRun: '100', ciAttempt: 2 });
    expect((await gsc(dir, ['merge-reports', 's/1', 's/2', '--out', 'm'])).code).toBe(0);
    await inCi('2/2', 's/other', { GITHUB_RUN_ID: '101', GITHUB_RUN_ATTEMPT: '1' });
    const other = await gsc(dir, ['merge-reports', 's/1', 's/other', '--out', 'm']);
    expect(other.code).toBe(2);
    expect(other.err).toContain('the reports come from different CI runs: 100 in s/1/results.json; 101 in s/other/results.json');
    // Files of older versions recorded "100-2": the attempt is still not compared.
    edit(join(dir, 's/2/results.json'), (doc) => {
      doc.shard!.ciRun = '100-2';
    });
    expect((await gsc(dir, ['merge-reports', 's/1', 's/2', '--out', 'm'])).code).toBe(0);
  });

  it('an empty shard says it selected no case, exits 0, and merge-reports --help says what exit 2 means', async () => {
    const dir = tempDir();
    const empty = await gsc(dir, ['run', '--grep', '^get/', '--shard', '3/4', '--out', 's/3', '--reporter', 'console,json', '--ledger', 'off']);
    expect(empty.code).toBe(0);
    expect(empty.out).toMatch(/Shard 3\/4 selected no case of 2: nothing to run/);
    expect(empty.out).not.toContain('Conformant on 0 of 0');
    const help = await gsc(dir, ['merge-reports', '--help']);
    expect(help.out).toMatch(/2 +the reports cannot be merged/);
    expect(help.out).not.toContain('invalid suite files');
  });

  it('a shard file claiming 50,000,000 rounds, or 50,000,000 shards, is refused at once, never spelt out in memory', async () => {
    const dir = tempDir();
    expect((await shardRun(dir, '1/2', 's/1')).code).toBe(0);
    expect((await shardRun(dir, '2/2', 's/2')).code).toBe(0);
    for (const f of ['s/1/results.json', 's/2/results.json']) edit(join(dir, f), (doc) => void (doc.shard!.repeat = 50_000_000));
    const rounds = await gsc(dir, ['merge-reports', 's/1', 's/2', '--out', 'm']);
    expect(rounds.code).toBe(2);
    expect(rounds.err).toMatch(/500000000 selected cases ran in no shard \(.*#1.* and 499999995 more\)/);
    for (const f of ['s/1/results.json', 's/2/results.json']) edit(join(dir, f), (doc) => void ((doc.shard!.repeat = 1), (doc.shard!.count = 50_000_000)));
    const shards = await gsc(dir, ['merge-reports', 's/1', 's/2', '--out', 'm']);
    expect(shards.code).toBe(2);
    expect(shards.err).toContain('shards 3/50000000, 4/50000000, 5/50000000, 6/50000000, 7/50000000 and 49999993 more are missing');
  });
});
