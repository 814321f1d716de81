import { parseJsonObject } from '../body.js';
import type { Reply, RequestContext } from '../context.js';
import type { Env } from '../env.js';
import type { ServicePrincipalFixture } from '../fixtures/types.js';
import { graphError } from '../reply.js';
import type { StoredJob } from '../store.js';

/** A lookup that either found something or already knows the error answer. */
export type Found<T> = { ok: true; value: T } | { ok: false; reply: Reply };

/** The service principal named by `{sp}`; unknown ids answer 404 as the directory does. */
export function principal(ctx: RequestContext, env: Env): Found<ServicePrincipalFixture> {
  const id = ctx.params.sp ?? '';
  const sp = env.fixtures.servicePrincipals.find((s) => s.id === id.toLowerCase());
  if (sp) return { ok: true, value: sp };
  const first = env.fixtures.servicePrincipals[0];
  if (env.hooks.phantomServicePrincipals && first) return { ok: true, value: { ...first, id } };
  // hamilton: "Api calls give UnknownError on consistency errors"; microsoft-graph-docs-contrib#8800.
  if (env.behave.unknownError401) return { ok: false, reply: graphError(ctx, 401, 'auth', 'UnknownError', '') };
  return {
    ok: false,
    reply: graphError(
      ctx,
      404,
      'not-found',
      'Request_ResourceNotFound',
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    ),
  };
}

/**
 * The job named by `{jobId}`. `read` lookups honour eventual consistency: a job created less
 * than `consistencyDelayMs` ago is not found yet.
 */
export function job(ctx: RequestContext, env: Env, read: boolean): Found<StoredJob> {
  const sp = principal(ctx, env);
  if (!sp.ok) return sp;
  const id = ctx.params.jobId ?? '';
  const found = env.store.get(sp.value.id, id);
  if (found && (!read || env.now() >= found.createdAt + env.consistencyDelayMs)) return { ok: true, value: found };
  return {
    ok: false,
    reply: graphError(
      ctx,
      404,
      'not-found',
      'NotFound',
      `The synchronization job '${id}' does not exist on service principal '${sp.value.id}'. List jobs with GET …/synchronization/jobs.`,
    ),
  };
}

/** The body as a JSON object; malformed JSON and non-objects answer 400. */
export function jsonBody(ctx: RequestContext, optional: boolean): Found<Record<string, unknown>> {
  const parsed = parseJsonObject(ctx.body, optional);
  if (parsed.ok) return { ok: true, value: parsed.value };
  const problem = parsed.kind === 'malformed' ? 'malformed-json' : 'invalid-request';
  return { ok: false, reply: badRequest(ctx, parsed.message, problem) };
}

/** A 400 `BadRequest` with a message that says what to send instead. */
export function badRequest(ctx: RequestContext, message: string, problem: 'invalid-request' | 'malformed-json' = 'invalid-request'): Reply {
  return graphError(ctx, 400, problem, 'BadRequest', message);
}

/** `servicePrincipals('<id>')/synchronization/<rest>`: the `@odata.context` path of a resource. */
export function contextPath(spId: string, rest: string): string {
  return `servicePrincipals('${spId}')/synchronization/${rest}`;
}

/** A short description of a JSON value's type, for messages. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Checks `[{key, value}]` pairs whose keys must be synchronizationSecret members; a message when not. */
export function checkPairs(
  value: unknown,
  field: string,
  isKnown: (key: string) => string | undefined,
): { ok: true; pairs: { key: string; value: string | null }[] } | { ok: false; message: string } {
  if (!Array.isArray(value)) return { ok: false, message: `\`${field}\` must be an array of {"key": …, "value": …}, not ${typeName(value)}.` };
  const pairs: { key: string; value: string | null }[] = [];
  for (const [i, item] of value.entries()) {
    const p = item as { key?: unknown; value?: unknown } | null;
    if (p === null || typeof p !== 'object' || Array.isArray(p)) return { ok: false, message: `\`${field}[${i}]\` must be an object {"key": …, "value": …}.` };
    if (typeof p.key !== 'string') return { ok: false, message: `\`${field}[${i}].key\` must be a string naming a synchronizationSecret, such as "BaseAddress".` };
    if (p.value !== null && p.value !== undefined && typeof p.value !== 'string') return { ok: false, message: `\`${field}[${i}].value\` must be a string or null.` };
    const key = isKnown(p.key);
    if (key === undefined) return { ok: false, message: `\`${field}[${i}].key\` "${p.key}" is not a synchronizationSecret member; use one such as BaseAddress, SecretToken, UserName, Password.` };
    pairs.push({ key, value: (p.value as string | null | undefined) ?? null });
  }
  return { ok: true, pairs };
}
