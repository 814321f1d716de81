/** The shape of bench results: printed as a table and written to `reports/bench.json`. */

/** `/s` is a rate (higher is better); `ms` a duration and `MB` memory (lower is better). */
export type Unit = '/s' | 'ms' | 'MB';

/** One figure of ours next to the same figure of the section's baseline, from the same run. */
export interface Row {
  /** What is measured, e.g. "cases/s, --concurrency 1". */
  metric: string;
  unit: Unit;
  /** Median of our rounds. */
  ours: number;
  /** Median of the baseline's rounds; absent when the row has no counterpart. */
  baseline?: number;
  /** Every round, for anyone who doubts the median. */
  samples?: { ours: number[]; baseline?: number[] };
}

/** A figure measured elsewhere, printed for comparison, never computed here. */
export interface Reference {
  label: string;
  value: number;
  unit: Unit;
  /** Where it comes from. */
  source: string;
  /** The `metric` of our row to set it against, if any. */
  compareTo?: string;
}

/**
 * A target of issue 12, met or missed in this run: a ratio of two figures measured side by side
 * (ours over the floor, or the floor over ours), against its limit.
 */
export interface Target {
  /** What is promised, e.g. "gsc run wall time, --concurrency 1, vs the floor". */
  label: string;
  /** The measured ratio. */
  ratio: number;
  /** The ratio may be `at most` this (times slower, more memory) or must be `at least` it (speed-up). */
  bound: 'at most' | 'at least';
  limit: number;
  pass: boolean;
  /** Why the ratio could not be measured (it is then NaN). */
  reason?: string;
}

/** A target from its ratio: `pass` follows from the bound. */
export function target(label: string, ratio: number, bound: Target['bound'], limit: number, reason?: string): Target {
  return { label, ratio, bound, limit, pass: bound === 'at most' ? ratio <= limit : ratio >= limit, ...(reason !== undefined ? { reason } : {}) };
}

/** One numbered scenario of the bench. */
export interface Section {
  /** Short stable key, for `--only`: checks, load, engine, large, latency, memory, start, soak. */
  key: string;
  title: string;
  /** What "ours" is here. */
  ours: string;
  /** What the baseline is, and why it is the right one. */
  baseline: string;
  rows: Row[];
  references: Reference[];
  /** Facts that make the figures honest: counts checked, rounds, caveats. */
  notes: string[];
  /** The targets this section measures, each beside its measure. */
  targets?: Target[];
}

/** Options every section takes. */
export interface SectionOptions {
  /** Scale rounds and durations down (0.2) or up (2); 1 is the documented setting. */
  scale: number;
}
