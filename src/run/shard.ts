import { createHash } from 'node:crypto';
import { parseShard, type Shard } from '../plan/index.js';
import { UsageError } from './exit-codes.js';
import { readResultsFile } from './results-file.js';

/** `'2/4'` or `{ index: 2, count: 4 }`, checked; a bad value is a usage error naming the option. */
export function shardOption(value: string | Shard, label: string): Shard {
  const parsed = typeof value === 'string' ? parseShard(value) : parseShard(`${value.index}/${value.count}`);
  if ('problem' in parsed) throw new UsageError(`${label} ${JSON.stringify(typeof value === 'string' ? value : `${value.index}/${value.count}`)}: ${parsed.problem}`);
  return parsed;
}

/**
 * Case durations recorded by earlier runs: each file is a `results.json` (a merged one does
 * best), or a folder holding one, read one at a time. A repeated case's instances (`id#3`)
 * count towards its id, averaged.
 */
export function readTimings(files: readonly string[], cwd: string, label: string): Map<string, number> {
  const sums = new Map<string, { total: number; n: number }>();
  for (const file of files) {
    const { cases } = readResultsFile(file, cwd, label).doc;
    for (const c of cases) {
      const id = c.id.replace(/#\d+$/, '');
      const s = sums.get(id) ?? { total: 0, n: 0 };
      s.total += c.durationMs;
      s.n++;
      sums.set(id, s);
    }
  }
  return new Map([...sums].map(([id, s]) => [id, s.total / s.n]));
}

/** sha256 of the suite files' contents, in an order that does not depend on where they lie. */
export function suitesDigest(sources: ReadonlyMap<string, string>): string {
  const each = [...sources.values()].map((text) => createHash('sha256').update(text).digest('hex')).sort();
  return `sha256:${createHash('sha256').update(each.join('\n')).digest('hex')}`;
}

/**
 * How a shard's cases were dealt, for `gsc merge-reports` to compare: `count`, or `timings
 * sha256:…` digesting the durations used (shards given different timings deal differently).
 */
export function splitOf(timings: ReadonlyMap<string, number> | undefined): string {
  if (!timings || timings.size === 0) return 'count';
  const h = createHash('sha256');
  for (const [id, ms] of [...timings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) h.update(`${id}\u0000${ms}\n`);
  return `timings sha256:${h.digest('hex')}`;
}

/**
 * The CI run a shard belongs to, when the environment names one: the run id alone, since
 * GitHub Actions' "Re-run failed jobs" runs some shards again under the same id as attempt 2.
 */
export function ciRunOf(env: Record<string, string | undefined>): { ciRun?: string; ciAttempt?: number } {
  const id = env.GITHUB_RUN_ID;
  if (!id) return {};
  const attempt = Number(env.GITHUB_RUN_ATTEMPT);
  return { ciRun: id, ...(Number.isInteger(attempt) && attempt > 0 ? { ciAttempt: attempt } : {}) };
}
