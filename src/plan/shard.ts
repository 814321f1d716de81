import type { PlannedCase } from '../model/index.js';

/** One share of a split run: shard `index` (1-based) of `count`, as `--shard 2/4` says. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * The cases of one shard, in plan order. Every machine computes the same split from the same
 * plan, so the shards together hold each case exactly once, whatever the shard count (more
 * shards than cases leaves some empty).
 *
 * - Without timings, cases are dealt round-robin in plan order: shard sizes differ by at most one.
 * - With `timings` (case id → milliseconds, from an earlier run's results), the longest case
 *   goes first to the least loaded shard (ties: the lower shard), which keeps the slowest shard
 *   close to the ideal. A case with no recorded time counts as the median of those recorded.
 */
export function shardCases(cases: readonly PlannedCase[], shard: Shard, timings?: ReadonlyMap<string, number>): PlannedCase[] {
  const owner = timings && timings.size > 0 ? byDuration(cases, shard.count, timings) : cases.map((_, i) => (i % shard.count) + 1);
  return cases.filter((_, i) => owner[i] === shard.index);
}

/** The shard (1-based) of each case, balancing recorded durations. */
function byDuration(cases: readonly PlannedCase[], count: number, timings: ReadonlyMap<string, number>): number[] {
  const known = [...timings.values()].filter((v) => Number.isFinite(v) && v >= 0).sort((a, b) => a - b);
  const median = known.length > 0 ? known[Math.floor(known.length / 2)]! : 1;
  const cost = cases.map((p) => {
    const t = timings.get(p.case.id);
    return t !== undefined && Number.isFinite(t) && t >= 0 ? t : median;
  });
  // Longest first; equal costs keep plan order, so the split depends on nothing but the inputs.
  const order = cases.map((_, i) => i).sort((a, b) => cost[b]! - cost[a]! || a - b);
  const load = new Array<number>(count).fill(0);
  const owner = new Array<number>(cases.length);
  for (const i of order) {
    let least = 0;
    for (let s = 1; s < count; s++) if (load[s]! < load[least]!) least = s;
    load[least]! += cost[i]!;
    owner[i] = least + 1;
  }
  return owner;
}

/** Reads `i/n`; undefined with the reason when the text is not a shard. */
export function parseShard(text: string): Shard | { problem: string } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return { problem: 'write the shard as i/n, e.g. 2/4 for the second of four' };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) return { problem: 'the shard count n must be at least 1' };
  if (index < 1 || index > count) return { problem: `the shard index must be from 1 to ${count}` };
  return { index, count };
}
