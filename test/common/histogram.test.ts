import { describe, expect, it } from 'vitest';
import { Histogram } from '../../src/common/histogram.js';

/** The exact percentile of sorted values, by the nearest-rank rule the histogram follows. */
const exact = (sorted: number[], q: number) => sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;

describe('the latency histogram', () => {
  it('gives p50, p95 and p99 within 1% of the exact values on known data', () => {
    const h = new Histogram();
    const values = Array.from({ length: 10_000 }, (_, i) => (i + 1) / 10); // 0.1 ms … 1000 ms
    for (const v of values) h.record(v);
    const s = h.summary();
    expect(s.count).toBe(10_000);
    expect(s.min).toBe(0.1);
    expect(s.max).toBe(1000);
    expect(s.mean).toBeCloseTo(500.05, 6);
    for (const [q, got] of [[0.5, s.p50], [0.95, s.p95], [0.99, s.p99]] as const) {
      const want = exact(values, q);
      expect(Math.abs(got - want) / want, `p${q * 100}: ${got} against ${want}`).toBeLessThanOrEqual(0.01);
    }
  });

  it('holds a skewed distribution: 990 fast answers and 10 slow ones put p99 among the slow', () => {
    const h = new Histogram();
    for (let i = 0; i < 990; i++) h.record(2);
    for (let i = 0; i < 10; i++) h.record(800);
    expect(h.quantile(0.5)).toBeCloseTo(2, 1);
    expect(h.quantile(0.99)).toBeCloseTo(2, 1);
    expect(h.quantile(0.991)).toBeGreaterThan(790);
  });

  it('keeps a fixed size whatever it records, and merges exactly: two halves add up to the whole', () => {
    const whole = new Histogram();
    const a = new Histogram();
    const b = new Histogram();
    for (let i = 0; i < 100_000; i++) {
      const v = ((i * 7919) % 5000) / 7 + 0.5;
      whole.record(v);
      (i % 2 ? a : b).record(v);
    }
    expect(whole.buckets().length).toBeLessThanOrEqual(1200);
    const merged = new Histogram();
    merged.add(a);
    merged.add({ ...b.report() });
    expect(merged.buckets()).toEqual(whole.buckets());
    expect(merged.summary().p99).toBe(whole.summary().p99);
    expect(merged.summary().count).toBe(100_000);
  });

  it('is empty until something is recorded, and ignores what is not a duration', () => {
    const h = new Histogram();
    h.record(Number.NaN);
    h.record(-1);
    expect(h.summary()).toEqual({ count: 0, min: 0, max: 0, mean: 0, p50: 0, p95: 0, p99: 0 });
  });
});
