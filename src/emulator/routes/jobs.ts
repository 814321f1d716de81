import type { Reply, RequestContext } from '../context.js';
import type { Env } from '../env.js';
import type { SchemaFixture } from '../fixtures/types.js';
import { emptyReply, entityReply, graphError } from '../reply.js';
import type { Route } from '../router.js';
import { badRequest, contextPath, job, jsonBody, principal } from './common.js';
import { createJob } from './create.js';

/** The job list, in pages of the emulator's page size (1 under the paged-lists behaviour). */
function listJobs(ctx: RequestContext, env: Env): Reply {
  const sp = principal(ctx, env);
  if (!sp.ok) return sp.reply;
  const visible = env.store.list(sp.value.id).filter((j) => env.now() >= j.createdAt + env.consistencyDelayMs);
  const page = pageOf(ctx, env, visible.length);
  if (typeof page === 'string') return badRequest(ctx, page);
  const value = visible.slice(page.start, page.end).map((j) => structuredClone(j.doc));
  // A long collection comes in pages, as Graph's do: the next one is linked, on this origin and path.
  const next = page.end < visible.length ? { '@odata.nextLink': `${ctx.base}/${ctx.segments.map(encodeURIComponent).join('/')}?$top=${page.end - page.start}&$skiptoken=${page.end}` } : {};
  return entityReply(200, ctx, contextPath(sp.value.id, 'jobs'), { value, ...next });
}

/** Graph allows `$top` up to 999. */
const MAX_TOP = 999;

/** The slice a list answers: `$top` (1…999, default the page size) from `$skiptoken` (an offset). */
function pageOf(ctx: RequestContext, env: Env, total: number): { start: number; end: number } | string {
  const top = ctx.query.get('$top');
  const skip = ctx.query.get('$skiptoken');
  const size = top === null ? env.pageSize : /^\d{1,3}$/.test(top) && Number(top) >= 1 && Number(top) <= MAX_TOP ? Number(top) : undefined;
  if (size === undefined) return `$top must be a whole number from 1 to ${MAX_TOP}, not '${top}'.`;
  const start = skip === null ? 0 : /^\d{1,9}$/.test(skip) ? Number(skip) : undefined;
  if (start === undefined) return `$skiptoken '${skip}' is not one this service issued; follow @odata.nextLink as given.`;
  return { start: Math.min(start, total), end: Math.min(start + size, total) };
}

function getJob(ctx: RequestContext, env: Env): Reply {
  const found = job(ctx, env, true);
  if (!found.ok) return found.reply;
  return entityReply(200, ctx, contextPath(found.value.servicePrincipalId, 'jobs/$entity'), structuredClone(found.value.doc));
}

function deleteJob(ctx: RequestContext, env: Env): Reply {
  const found = job(ctx, env, false);
  if (!found.ok) return found.reply;
  if (env.behave.conflictOnFirstDelete && !found.value.deleteRefused) {
    // hamilton retries DELETE because the service "give[s] StatusConflict on consistency errors".
    found.value.deleteRefused = true;
    return graphError(ctx, 409, 'conflict', 'Conflict', 'The synchronization job is being updated; retry the request.');
  }
  if (!env.hooks.keepOnDelete) env.store.delete(found.value.servicePrincipalId, found.value.doc.id);
  return emptyReply();
}

function getJobSchema(ctx: RequestContext, env: Env): Reply {
  const found = job(ctx, env, true);
  if (!found.ok) return found.reply;
  const { servicePrincipalId: sp, doc, schema } = found.value;
  return entityReply(200, ctx, contextPath(sp, `jobs('${doc.id}')/schema/$entity`), { id: doc.id, ...structuredClone(schema) });
}

/**
 * PUT …/jobs/{id}/schema replaces the job's schema (204, no body). The body must be a schema:
 * `directories` and `synchronizationRules` arrays; annotations such as `@odata.context` and the
 * read-only `id`, which a GET returns, are dropped, so a schema read and sent back is accepted.
 */
function putJobSchema(ctx: RequestContext, env: Env): Reply {
  const found = job(ctx, env, false);
  if (!found.ok) return found.reply;
  const body = jsonBody(ctx, false);
  if (!body.ok) return body.reply;
  const { directories, synchronizationRules } = body.value;
  if (!Array.isArray(directories) || !Array.isArray(synchronizationRules)) {
    return badRequest(ctx, 'The body must be a synchronizationSchema with `directories` and `synchronizationRules` arrays; GET …/schema, change it and send it back whole.');
  }
  const kept = Object.fromEntries(Object.entries(body.value).filter(([k]) => k !== 'id' && !k.startsWith('@odata.')));
  found.value.schema = structuredClone(kept) as SchemaFixture;
  return emptyReply();
}

/** Jobs: the collection, one job, and its schema. */
export const jobRoutes: Route[] = [
  {
    pattern: 'servicePrincipals/{sp}/synchronization/jobs',
    methods: { GET: { operation: 'listJobs', handle: listJobs }, POST: { operation: 'createJob', handle: createJob } },
  },
  {
    pattern: 'servicePrincipals/{sp}/synchronization/jobs/{jobId}',
    methods: { GET: { operation: 'getJob', handle: getJob }, DELETE: { operation: 'deleteJob', handle: deleteJob } },
  },
  {
    pattern: 'servicePrincipals/{sp}/synchronization/jobs/{jobId}/schema',
    methods: { GET: { operation: 'getJobSchema', handle: getJobSchema }, PUT: { operation: 'putJobSchema', handle: putJobSchema } },
  },
];
