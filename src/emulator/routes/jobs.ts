import type { Reply, RequestContext } from '../context.js';
import type { Env } from '../env.js';
import type { SchemaFixture } from '../fixtures/types.js';
import { emptyReply, entityReply, graphError } from '../reply.js';
import type { Route } from '../router.js';
import { badRequest, contextPath, job, jsonBody, principal } from './common.js';
import { createJob } from './create.js';

/**
 * The job list. Under the paged-lists behaviour it comes `pageSize` jobs at a time, each page
 * but the last with an `@odata.nextLink` whose `$skiptoken` is the offset of the next one.
 */
function listJobs(ctx: RequestContext, env: Env): Reply {
  const sp = principal(ctx, env);
  if (!sp.ok) return sp.reply;
  const visible = env.store.list(sp.value.id).filter((j) => env.now() >= j.createdAt + env.consistencyDelayMs);
  const size = env.behave.pageSize;
  const from = size > 0 ? Math.max(0, Number.parseInt(ctx.query?.get('$skiptoken') ?? '0', 10) || 0) : 0;
  const page = size > 0 ? visible.slice(from, from + size) : visible;
  const body: Record<string, unknown> = { value: page.map((j) => structuredClone(j.doc)) };
  if (size > 0 && from + size < visible.length) {
    body['@odata.nextLink'] = `${ctx.base}/servicePrincipals/${encodeURIComponent(sp.value.id)}/synchronization/jobs?$skiptoken=${from + size}`;
  }
  return entityReply(200, ctx, contextPath(sp.value.id, 'jobs'), body);
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
