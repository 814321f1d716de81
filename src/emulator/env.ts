import type { Behave } from './behaviours.js';
import type { Hooks } from './deviations/index.js';
import type { Fixtures } from './fixtures/types.js';
import type { JobStore } from './store.js';

/** What handlers need besides the request: state, fixtures, deviations and timing. */
export interface Env {
  store: JobStore;
  fixtures: Fixtures;
  hooks: Hooks;
  /** The real-service behaviours switched on. */
  behave: Behave;
  /** Reads hide a job for this long after its create (eventual consistency). */
  consistencyDelayMs: number;
  /** Seconds in Retry-After when the emulator throttles. */
  retryAfterSeconds: number;
  /** Creates beyond this many stored jobs are refused, so a client cannot grow the emulator without bound. */
  maxJobs: number;
  /** provisionOnDemand's rate window: 5 calls per this many ms. */
  provisionWindowMs: number;
  /** Jobs per page of a list when the client sends no `$top`. */
  pageSize: number;
  now(): number;
}
