import type { Level, Reporter, RunSummary } from '../model/index.js';

/** How to start a validating proxy. */
export interface ProxyOptions {
  /** Where requests go: a base URL with the version segment, e.g. `https://graph.microsoft.com/v1.0`. */
  upstream: string;
  /** OpenAPI documents the traffic is checked against (`specs/`). */
  specsDir: string;
  /** JSON Schemas the specs reference (`schemas/`). */
  schemasDir: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. @default 0 */
  port?: number;
  /** Serve HTTPS with this certificate and key (PEM). @default plain HTTP */
  tls?: { cert: string; key: string };
  /** Stop after this many exchanges. @default never: only `stop()` */
  exitAfter?: number;
  /** Write every exchange, redacted, to this HAR 1.2 file when the proxy stops. */
  record?: string;
  /** Receives each exchange as a case as it ends, and the summary when the proxy stops. */
  reporter?: Reporter;
  /** Lowest level whose failure makes the traffic non-conformant. @default 'MUST' */
  failLevel?: Level;
  /** The tool's version, for report headers and the HAR creator. */
  version?: string;
}

/** A running proxy. */
export interface ProxyHandle {
  /** What clients use as their base URL: the proxy's origin with the upstream's path (`https://127.0.0.1:PORT/v1.0`). */
  url: string;
  origin: string;
  /** Exchanges completed so far. */
  count(): number;
  /** Stops taking requests, waits for those in flight, reports and records; resolves with the summary. */
  stop(): Promise<RunSummary>;
  /** Resolves with the summary once the proxy has stopped (by `stop()` or `exitAfter`). */
  done: Promise<RunSummary>;
}
