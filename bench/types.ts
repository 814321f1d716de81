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

/** One numbered scenario of the bench. */
export interface Section {
  /** Short stable key, for `--only`: checks, load, engine, large, start. */
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
}

/** Options every section takes. */
export interface SectionOptions {
  /** Scale rounds and durations down (0.2) or up (2); 1 is the documented setting. */
  scale: number;
}
