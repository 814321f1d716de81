import type { OperationName, Problem, Reply, RequestContext } from '../context.js';
import { graphError } from '../reply.js';

const LEARN = 'https://learn.microsoft.com/graph';

/** Where each contract point is documented. */
export const DOCS = {
  createJob: `${LEARN}/api/synchronization-synchronization-post-jobs?view=graph-rest-1.0`,
  listJobs: `${LEARN}/api/synchronization-synchronization-list-jobs?view=graph-rest-1.0`,
  getJob: `${LEARN}/api/synchronization-synchronizationjob-get?view=graph-rest-1.0`,
  deleteJob: `${LEARN}/api/synchronization-synchronizationjob-delete?view=graph-rest-1.0`,
  start: `${LEARN}/api/synchronization-synchronizationjob-start?view=graph-rest-1.0`,
  pause: `${LEARN}/api/synchronization-synchronizationjob-pause?view=graph-rest-1.0`,
  restart: `${LEARN}/api/synchronization-synchronizationjob-restart?view=graph-rest-1.0`,
  validateCredentials: `${LEARN}/api/synchronization-synchronizationjob-validatecredentials?view=graph-rest-1.0`,
  provisionOnDemand: `${LEARN}/api/synchronization-synchronizationjob-provisionondemand?view=graph-rest-1.0`,
  getSchema: `${LEARN}/api/synchronization-synchronizationschema-get?view=graph-rest-1.0`,
  listTemplates: `${LEARN}/api/synchronization-synchronization-list-templates?view=graph-rest-1.0`,
  template: `${LEARN}/api/resources/synchronization-synchronizationtemplate?view=graph-rest-1.0`,
  secrets: `${LEARN}/api/serviceprincipal-put-synchronization?view=graph-rest-1.0`,
  schedule: `${LEARN}/api/resources/synchronization-synchronizationschedule?view=graph-rest-1.0`,
  status: `${LEARN}/api/resources/synchronization-synchronizationstatus?view=graph-rest-1.0`,
  restartCriteria: `${LEARN}/api/resources/synchronization-synchronizationjobrestartcriteria?view=graph-rest-1.0`,
  errors: `${LEARN}/errors`,
  throttling: `${LEARN}/throttling`,
  headers: `${LEARN}/auth-v2-service`,
  odata: 'https://docs.oasis-open.org/odata/odata-json-format/v4.01/odata-json-format-v4.01.html',
} as const;

type Transform = (reply: Reply, ctx: RequestContext) => Reply;

/** Applies `fn` to the successful (2xx) answers of one operation only. */
export function onSuccess(operation: OperationName, fn: Transform): Transform {
  return (reply, ctx) => (ctx.operation === operation && reply.status < 300 ? fn(reply, ctx) : reply);
}

/** Applies `fn` to error answers (4xx and 5xx) only. */
export function onError(fn: Transform): Transform {
  return (reply, ctx) => (reply.status >= 400 ? fn(reply, ctx) : reply);
}

/** The JSON body as a shallow copy, to rewrite without touching the stored job. */
export function bodyOf(reply: Reply): Record<string, unknown> {
  return { ...(reply.json as Record<string, unknown>) };
}

/** The `error` object of an error body, as a copy. */
export function errorOf(reply: Reply): Record<string, unknown> {
  return { ...((reply.json as { error?: Record<string, unknown> } | undefined)?.error ?? {}) };
}

/** Replaces an answer with a Graph error, keeping the request-id headers already set. */
export function replaceWithError(reply: Reply, ctx: RequestContext, status: number, problem: Problem, code: string, message: string): Reply {
  const error = graphError(ctx, status, problem, code, message);
  return { ...error, headers: { ...reply.headers, ...error.headers } };
}

/** The same headers without one. */
export function without(headers: Record<string, string>, name: string): Record<string, string> {
  const { [name]: _dropped, ...rest } = headers;
  return rest;
}

/** Turns an answer into a bodiless one with `status` (no Content-Type, as for 204). */
export function bodiless(reply: Reply, status: number): Reply {
  const { json: _json, text: _text, ...rest } = reply;
  return { ...rest, status, headers: without(without(reply.headers, 'content-type'), 'odata-version') };
}
