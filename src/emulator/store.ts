import type { SchemaFixture } from './fixtures/types.js';
import type { JobDoc } from './job.js';

/** A job and what the emulator keeps beside it. */
export interface StoredJob {
  servicePrincipalId: string;
  doc: JobDoc;
  schema: SchemaFixture;
  /** When it was created (ms since the epoch): reads hide it until `createdAt + consistencyDelayMs`. */
  createdAt: number;
  /** A DELETE was answered 409 already (the conflict-on-first-delete behaviour). */
  deleteRefused?: true;
}

/**
 * The emulator's state: jobs per service principal, saved secrets, and provisionOnDemand call
 * times for its rate limit. Node runs handlers one at a time, so plain maps are safe.
 */
export class JobStore {
  private readonly jobs = new Map<string, Map<string, StoredJob>>();
  private readonly secrets = new Map<string, Map<string, string | null>>();
  private readonly calls = new Map<string, number[]>();

  private bucket(spId: string): Map<string, StoredJob> {
    const key = spId.toLowerCase();
    let b = this.jobs.get(key);
    if (!b) this.jobs.set(key, (b = new Map()));
    return b;
  }

  /** Stores a job; a job with the same id is replaced. */
  put(job: StoredJob): void {
    this.bucket(job.servicePrincipalId).set(job.doc.id, job);
  }

  get(spId: string, jobId: string): StoredJob | undefined {
    return this.jobs.get(spId.toLowerCase())?.get(jobId);
  }

  list(spId: string): StoredJob[] {
    return [...(this.jobs.get(spId.toLowerCase())?.values() ?? [])];
  }

  /** Removes a job; false when there was none. */
  delete(spId: string, jobId: string): boolean {
    return this.jobs.get(spId.toLowerCase())?.delete(jobId) ?? false;
  }

  /** How many jobs are stored, all service principals together. */
  count(): number {
    let n = 0;
    for (const b of this.jobs.values()) n += b.size;
    return n;
  }

  /** Every job, for the handle's `jobs()`. */
  all(): StoredJob[] {
    return [...this.jobs.values()].flatMap((b) => [...b.values()]);
  }

  /** Saves secrets; a PUT replaces the keys it names and keeps the others. */
  saveSecrets(spId: string, pairs: { key: string; value: string | null }[]): void {
    const key = spId.toLowerCase();
    const saved = this.secrets.get(key) ?? new Map<string, string | null>();
    for (const p of pairs) saved.set(p.key, p.value);
    this.secrets.set(key, saved);
  }

  /** Names of the secrets saved for a service principal (never their values). */
  secretKeys(spId: string): string[] {
    return [...(this.secrets.get(spId.toLowerCase())?.keys() ?? [])];
  }

  /**
   * Records a call under `key` and says whether it stays within `max` calls per `windowMs`;
   * refused calls are not recorded, as a throttled request does not count against the limit.
   */
  withinRate(key: string, now: number, max: number, windowMs: number): boolean {
    const recent = (this.calls.get(key) ?? []).filter((t) => now - t < windowMs);
    const ok = recent.length < max;
    if (ok) recent.push(now);
    this.calls.set(key, recent);
    return ok;
  }
}
