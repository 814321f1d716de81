/**
 * One request sent and the response received, as recorded for checks and reports.
 * Secrets are already redacted here: the Authorization header reads `Bearer [REDACTED]`.
 */
export interface Exchange {
  request: {
    method: string;
    url: string;
    /** Lower-case header names. */
    headers: Record<string, string>;
    body?: string;
  };
  response: {
    status: number;
    /** Lower-case header names; repeated headers joined with ", ". */
    headers: Record<string, string>;
    /** The body as text (UTF-8), possibly truncated in reports but never here. */
    body: string;
    /**
     * The body parsed as JSON, when it parsed. `undefined` when the body is empty or not JSON;
     * `jsonError` then says why, for a non-empty body.
     */
    json?: unknown;
    jsonError?: string;
  };
  /** Wall time from sending the request to the end of the body. */
  durationMs: number;
}
