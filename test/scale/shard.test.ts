import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { GscUsageError, mergeReports, run, type RunResult } from '../../src/index.js';
import { tempDir } from '../fixtures/temp.js';

/** Ten cases of six areas: reads, writes, errors. */
const grep = '^(get|delete|errors|list|templates|secrets)/';

const runShard = (out: string, shard: string, extra: Record<string, unknown> = {}) => run({ grep, reporters: ['json'], out, shard, ledger: false, ...extra });

async function runShards(n: number, dir: string): Promise<RunResult[]> {
  const results: RunResult[] = [];
  for (let i = 1; i <= n; i++) results.push(await runShard(join(dir, `shard-${i}`), `${i}/${n}`));
  return results;
}

describe('a run split into shards and merged', () => {
  let unsharded: RunResult;
  beforeAll(async () => {
    unsharded = await run({ grep, reporters: [], concurrency: 2 });
  });

  it.each([1, 3, 11])('%i shards together run each case exactly once (11: more shards than cases)', async (n) => {
    const dir = tempDir();
    const shards = await runShards(n, dir);
    const ids = shards.flatMap((r) => r.cases.map((c) => c.id));
    expect(ids.sort()).toEqual(unsharded.cases.map((c) => c.id).sort());
    expect(ids.length).toBe(10);
    // An empty shard is no error: it writes a report with no cases and a conformant verdict.
    for (const r of shards.filter((s) => s.cases.length === 0)) expect([r.verdict, r.counts.passed, r.shard?.selected]).toEqual(['conformant', 0, 10]);
    expect(shards.every((r) => r.shard?.count === n && existsSync(join(dir, `shard-${r.shard.index}`, 'results.json')))).toBe(true);
  });

  it('gsc merge-reports writes one JSON, JUnit, HTML and CTRF report whose totals equal the unsharded run', async () => {
    const dir = tempDir();
    await runShards(3, dir);
    const out = join(dir, 'merged');
    const chunks: string[] = [];
    const io = { stdout: { write: (s: string) => (chunks.push(s), true) }, stderr: { write: (s: string) => (chunks.push(s), true) }, env: {}, cwd: dir } as never;
    const code = await main(['merge-reports', 'shard-1', 'shard-2', 'shard-3', '--out', 'merged'], io);
    expect(chunks.join('')).toContain(`gsc: ${unsharded.counts.passed} passed, 0 failed, 0 errors, ${unsharded.counts.skipped} skipped`);
    expect(code).toBe(0);
    const merged = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as RunResult;
    expect(merged.counts).toEqual(unsharded.counts);
    expect(merged.verdict).toBe(unsharded.verdict);
    expect(merged.cases.map((c) => c.id).sort()).toEqual(unsharded.cases.map((c) => c.id).sort());
    expect(merged.shard).toBeUndefined();
    // Skips by reason add up across shards; coverage is the whole selection's, as the unsharded run states it.
    expect(merged.skips).toEqual(unsharded.skips);
    expect(merged.coverage?.percent).toBe(unsharded.coverage?.percent);
    expect(merged.waitedMs).toBe(0);
    expect(merged.latency!.all.count).toBe(Object.values(merged.latency!.operations).reduce((n, o) => n + o.count, 0));
    const junit = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(join(out, 'junit.xml'), 'utf8'));
    expect(Number(junit.testsuites['@_tests'])).toBe(10);
    const ctrf = JSON.parse(readFileSync(join(out, 'ctrf.json'), 'utf8'));
    expect(ctrf.results.summary).toMatchObject({ tests: 10, passed: unsharded.counts.passed, failed: 0, skipped: unsharded.counts.skipped });
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('get/answers-200-with-the-job');
  });

  it('a failure in one shard makes the merged verdict non-conformant, as it would the whole run', async () => {
    const dir = tempDir();
    await runShards(2, dir);
    const file = join(dir, 'shard-2', 'results.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as RunResult;
    doc.cases[0]!.status = 'failed';
    doc.counts.passed--;
    doc.counts.failed++;
    doc.verdict = 'non-conformant';
    doc.conformant = false;
    writeFileSync(file, JSON.stringify(doc));
    const merged = await mergeReports({ inputs: [join(dir, 'shard-1'), join(dir, 'shard-2')], out: join(dir, 'merged'), reporters: ['json'] });
    expect(merged.verdict).toBe('non-conformant');
    expect(merged.counts.failed).toBe(1);
  });

  it('refuses shards that do not belong together, a missing shard, one given twice, and a report of an unsharded run', async () => {
    const dir = tempDir();
    await runShards(2, dir);
    await runShard(join(dir, 'other'), '2/2', { grep: '^(get|list)/' });
    await runShard(join(dir, 'three'), '1/3');
    await run({ grep, reporters: ['json'], out: join(dir, 'whole'), ledger: false });
    const merge = (...inputs: string[]) => mergeReports({ inputs: inputs.map((i) => join(dir, i)), out: join(dir, 'merged'), reporters: ['json'] });
    await expect(merge('shard-1', 'other')).rejects.toThrow(/selected different cases/);
    await expect(merge('shard-1', 'three')).rejects.toThrow(/split differently \(shard count\): 2 in .*shard-1.*; 3 in .*three/);
    await expect(merge('shard-1')).rejects.toThrow(/shard 2\/2 is missing: give every shard's folder/);
    await expect(merge('shard-1', 'shard-2', 'shard-2')).rejects.toThrow(/shard 2\/2 is given twice/);
    await expect(merge('whole')).rejects.toThrow(/is not a shard's report: it was written by a run without --shard i\/n/);
    await expect(merge('nowhere')).rejects.toThrow(/nowhere: no such folder or file/);
    await expect(mergeReports({ inputs: [join(dir, 'shard-1'), join(dir, 'shard-2')], out: join(dir, 'shard-1'), reporters: ['json'] })).rejects.toThrow(/would overwrite a shard's report/);
    writeFileSync(join(dir, 'bad.json'), '{"formatVersion":1}');
    await expect(merge('bad.json')).rejects.toThrow(GscUsageError);
    await expect(merge('bad.json')).rejects.toThrow(/bad.json is not a results.json gsc wrote: \/ must have required property/);
  });

  it('--shard-timings balances by recorded duration; a bad shard or timings file is a usage error', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'earlier.json'), JSON.stringify({ cases: unsharded.cases.map((c) => ({ id: `${c.id}#1`, durationMs: c.id.startsWith('delete/') ? 5000 : 10 })) }));
    const shards = [await runShard(join(dir, 's1'), '1/2', { shardTimings: [join(dir, 'earlier.json')] }), await runShard(join(dir, 's2'), '2/2', { shardTimings: [join(dir, 'earlier.json')] })];
    // The two slow cases go one to each shard.
    expect(shards.map((r) => r.cases.filter((c) => c.id.startsWith('delete/')).length)).toEqual([1, 1]);
    expect(shards.flatMap((r) => r.cases.map((c) => c.id)).sort()).toEqual(unsharded.cases.map((c) => c.id).sort());
    await expect(run({ grep, reporters: [], shard: '3/2' })).rejects.toThrow(/--shard "3\/2": the shard index must be from 1 to 2/);
    await expect(run({ grep, reporters: [], shard: '1/2', shardTimings: [join(dir, 'none.json')] })).rejects.toThrow(/--shard-timings .*none.json: there is no such file/);
    await expect(run({ grep, reporters: [], shardTimings: [join(dir, 'earlier.json')] })).rejects.toThrow(/--shard-timings balances shards: give --shard i\/n too/);
  });
});
