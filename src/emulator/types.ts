import type { ChaosOptions, EarlyArrival } from './chaos.js';
import type { Fixtures } from './fixtures/types.js';
import type { TlsMaterial } from './tls.js';

/** How to start an emulator. Every field is optional. */
export interface EmulatorOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Service principals, templates and tokens. @default defaultFixtures() */
  fixtures?: Fixtures;
  /** Names from `listDeviations()`; an unknown name throws an Error listing the valid ones. */
  deviations?: string[];
  /**
   * Names from `listBehaviours()` (or `all`): what the real service does beyond the create page,
   * switched on (a template that starts Paused, a 409 on a first DELETE, paged lists…). An unknown
   * name throws an Error listing the valid ones.
   */
  behaviours?: string[];
  /** Faults injected to test clients (429, 503, latency, resets). */
  chaos?: ChaosOptions;
  /** Larger bodies answer 413. @default 1048576 (1 MiB) */
  bodyLimitBytes?: number;
  /** Reads may answer 404 for this long after a create, as Graph's eventual consistency does. @default 0 */
  consistencyDelayMs?: number;
  /** Jobs it holds at most (all service principals together); a create beyond answers 403 `QuotaExceeded`. @default 5000 */
  maxJobs?: number;
  /**
   * provisionOnDemand allows 5 calls per this window, and its 429 says to retry after it. The
   * documented limit is 5 per 10 seconds; a shorter window keeps a run against the emulator
   * from waiting that long, since one 429 holds every request of the run. @default 10000
   */
  provisionWindowMs?: number;
  /** Jobs per page of a list without `$top`; further pages are linked by `@odata.nextLink`. @default 100 */
  pageSize?: number;
  /** Serve HTTPS with this certificate and key (PEM), e.g. from `makeSelfSignedCertificate()`. @default plain HTTP */
  tls?: TlsMaterial;
  /**
   * A HAR 1.2 file to answer from instead of emulating: each request gets the recorded answer it
   * matches, in recorded order; one with none gets `501 NoRecordedAnswer` naming it.
   */
  replay?: string;
  /** Where the emulator says what a client should know (a request replay has no answer for). @default stderr */
  log?: (line: string) => void;
}

/** A running emulator. */
export interface EmulatorHandle {
  /** Base URL with the version segment: `http://127.0.0.1:PORT/v1.0` (`https:` with `tls`). */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** What a default run needs: the first service principal, its first template, the first token. */
  fixtures: { servicePrincipalId: string; templateId: string; token: string };
  /** Jobs currently stored, per service principal (tests check nothing is left behind). */
  jobs(): { servicePrincipalId: string; id: string; templateId: string }[];
  /** Requests received so far, including those chaos answered or dropped. */
  requestCount(): number;
  /**
   * Requests that arrived while a wait the emulator asked for (Retry-After on 429 or 503) had not
   * passed. Arrivals within `inFlightMs` of the promise are not counted: they were on their way.
   */
  earlyArrivals(inFlightMs?: number): EarlyArrival[];
  /** How many waits (Retry-After) the emulator has asked for. */
  promisedWaits(): number;
  /** Stops listening and ends open (keep-alive) connections; resolves when the server has closed. */
  close(): Promise<void>;
}
