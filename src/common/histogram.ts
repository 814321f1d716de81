/**
 * A latency histogram of fixed size: logarithmic buckets, each 2% wider than the one below, from
 * 1 µs to over an hour. Memory does not grow with the number of values, recording is one
 * logarithm and an increment, and any percentile is within 1% of the true value (a bucket's
 * geometric middle is at most 1% from either edge). Histograms with the same buckets add up, so
 * shards merge exactly.
 */

/** How much wider each bucket is than the one below. */
export const BUCKET_GROWTH = 1.02;
const LOG_GROWTH = Math.log(BUCKET_GROWTH);
/** Buckets from 1 µs up to 1.02^1200 µs, about 5.5 hours; longer values land in the last one. */
const BUCKETS = 1200;

/** Bucket index of a value in milliseconds. */
export function bucketOf(ms: number): number {
  const us = Math.max(1, ms * 1000);
  return Math.min(BUCKETS - 1, Math.floor(Math.log(us) / LOG_GROWTH));
}

/** The value a bucket stands for, in milliseconds: the geometric middle of its edges. */
export function bucketValue(index: number): number {
  return BUCKET_GROWTH ** (index + 0.5) / 1000;
}

/** Percentiles and extremes of what a histogram holds, in milliseconds. */
export interface HistogramSummary {
  count: number;
  min: number;
  max: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
}

/** A fixed-size log histogram of durations in milliseconds. */
export class Histogram {
  private readonly counts = new Uint32Array(BUCKETS);
  count = 0;
  private sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = 0;

  /** Records one duration (negative and non-finite values are ignored). */
  record(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) return;
    this.counts[bucketOf(ms)]!++;
    this.count++;
    this.sum += ms;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
  }

  /** Adds another histogram's values (or sparse buckets as {@link buckets} gives them) to this one. */
  add(other: Histogram | { buckets: ReadonlyArray<readonly [number, number]>; min: number; max: number; mean: number; count: number }): void {
    const pairs = other instanceof Histogram ? other.buckets() : other.buckets;
    for (const [i, c] of pairs) if (Number.isInteger(i) && i >= 0 && i < BUCKETS && c > 0) this.counts[i]! += c;
    const count = other.count;
    if (count <= 0) return;
    this.count += count;
    this.sum += other instanceof Histogram ? other.sum : other.mean * count;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  /**
   * The value below which `q` (0..1) of the recorded values fall, within 1%; clamped to the
   * exact minimum and maximum. 0 when empty.
   */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, bucketValue(i)));
    }
    return this.max;
  }

  /** Count, extremes, mean and p50/p95/p99. */
  summary(): HistogramSummary {
    if (this.count === 0) return { count: 0, min: 0, max: 0, mean: 0, p50: 0, p95: 0, p99: 0 };
    return { count: this.count, min: this.min, max: this.max, mean: this.sum / this.count, p50: this.quantile(0.5), p95: this.quantile(0.95), p99: this.quantile(0.99) };
  }

  /** The summary rounded to 0.01 ms, with the buckets: what a report stores. */
  report(): HistogramSummary & { buckets: Array<[number, number]> } {
    const s = this.summary();
    const r = (n: number) => Math.round(n * 100) / 100;
    return { count: s.count, min: r(s.min), max: r(s.max), mean: r(s.mean), p50: r(s.p50), p95: r(s.p95), p99: r(s.p99), buckets: this.buckets() };
  }

  /** The non-empty buckets as `[index, count]` pairs, in order: what a report stores to merge later. */
  buckets(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let i = 0; i < BUCKETS; i++) if (this.counts[i]! > 0) out.push([i, this.counts[i]!]);
    return out;
  }
}
