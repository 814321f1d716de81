import type { IncomingHttpHeaders } from 'node:http';

/** The operations the emulator serves; deviations and chaos target them by name. */
export type OperationName =
  | 'listTemplates'
  | 'getTemplateSchema'
  | 'listJobs'
  | 'createJob'
  | 'getJob'
  | 'deleteJob'
  | 'startJob'
  | 'pauseJob'
  | 'restartJob'
  | 'validateCredentials'
  | 'validateCredentialsCollection'
  | 'provisionOnDemand'
  | 'getJobSchema'
  | 'putJobSchema'
  | 'putSecrets';

/**
 * Why the emulator answered an error. Deviations use it to target one kind of failure
 * (for example every authentication failure) without parsing bodies.
 */
export type Problem =
  | 'auth'
  | 'no-route'
  | 'method'
  | 'not-found'
  | 'bad-url'
  | 'malformed-json'
  | 'invalid-request'
  | 'too-large'
  | 'throttled'
  | 'conflict'
  | 'forbidden'
  | 'unavailable'
  | 'internal';

/** One request as the handlers see it: already read, authenticated and routed. */
export interface RequestContext {
  method: string;
  /** Version segment as routed: `v1.0` or `beta`. */
  version: string;
  /** `http://HOST/v1.0`: the root of `@odata.context` URLs. */
  base: string;
  /** Decoded path segments after the version segment. */
  segments: string[];
  /** The query string (`$top`, `$skiptoken`). */
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The `request-id` this answer carries (a new GUID). */
  requestId: string;
  /** The caller's `client-request-id`, or `requestId` when it sent none. */
  clientRequestId: string;
  /** Set once the router matched a route. */
  operation?: OperationName;
  /** Path parameters of the matched route, decoded. */
  params: Record<string, string>;
  /** The bound action was spelled `microsoft.graph.<name>` (the PowerShell SDK's spelling). */
  qualifiedAction: boolean;
}

/**
 * An answer before it is written. Handlers build it, deviations may rewrite it, then it is
 * serialised: `json` as JSON, else `text`, else no body.
 */
export interface Reply {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  json?: unknown;
  text?: string;
  /** Set on error answers. */
  problem?: Problem;
  /** Close the connection after answering (used after an oversized body). */
  close?: boolean;
}
