import type { SourceSpan } from './span.js';

/**
 * One known deviation of a target, as a baseline file lists it: the case that fails, why that
 * is accepted for now, and until when.
 */
export interface BaselineEntry {
  /** The case id, exactly as in the suite. */
  case: string;
  reason: string;
  /** `YYYY-MM-DD`: the last day the entry holds; after it the failure counts again. */
  expires?: string;
  /** Where the entry is written, for messages. */
  span: SourceSpan;
}

/** A baseline file, read and checked. */
export interface Baseline {
  file: string;
  entries: BaselineEntry[];
}

/**
 * What a baseline said about a case.
 * - `accepted`: the case failed as the baseline expects; it does not fail the run.
 * - `fixed`: the case passed; its entry can be removed from the baseline.
 * - `expired`: the case failed and its entry's date has passed; it fails the run again.
 */
export interface BaselineMark {
  state: 'accepted' | 'fixed' | 'expired';
  reason: string;
  expires?: string;
  /** Where the entry is written (`file:line:col`), to prune or renew it. */
  span?: SourceSpan;
}
