import { Histogram } from '../common/histogram.js';
import type { LatencyReport, OperationLatency } from '../model/index.js';

/** What a live line reads while the run goes on: cheap to take, never a copy of the histograms. */
export interface MetricsSnapshot {
  /** Requests sent so far (every attempt). */
  requests: number;
  /** Milliseconds since the metrics were created. */
  elapsedMs: number;
  p50: number;
  p95: number;
  p99: number;
}

/**
 * Request latency of a run, by operation, in fixed-size histograms: memory does not grow with
 * the number of requests, and recording costs a logarithm and an increment.
 */
export class RequestMetrics {
  private readonly all = new Histogram();
  private readonly byOperation = new Map<string, Histogram>();
  private readonly started = performance.now();

  /** Records one request's duration under its operation. */
  record(operation: string, ms: number): void {
    this.all.record(ms);
    let h = this.byOperation.get(operation);
    if (h === undefined) this.byOperation.set(operation, (h = new Histogram()));
    h.record(ms);
  }

  /** Counts and overall percentiles so far. */
  snapshot(): MetricsSnapshot {
    return { requests: this.all.count, elapsedMs: performance.now() - this.started, p50: this.all.quantile(0.5), p95: this.all.quantile(0.95), p99: this.all.quantile(0.99) };
  }

  /** The report's latency section; undefined when nothing was sent. */
  report(): LatencyReport | undefined {
    if (this.all.count === 0) return undefined;
    const operations: Record<string, OperationLatency> = {};
    for (const name of [...this.byOperation.keys()].sort()) operations[name] = this.byOperation.get(name)!.report();
    return { all: this.all.report(), operations };
  }
}
