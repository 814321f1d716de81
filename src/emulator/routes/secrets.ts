import type { Reply, RequestContext } from '../context.js';
import type { Env } from '../env.js';
import { enumMember, SECRET_KEYS } from '../enums.js';
import { emptyReply } from '../reply.js';
import type { Route } from '../router.js';
import { badRequest, checkPairs, jsonBody, principal } from './common.js';

/**
 * PUT …/synchronization/secrets with `{"value": [{key, value}]}` (the parameter table says
 * `credentials`; the example, the OpenAPI and real clients send `value`). Keys must be
 * synchronizationSecret members.
 */
function putSecrets(ctx: RequestContext, env: Env): Reply {
  const sp = principal(ctx, env);
  if (!sp.ok) return sp.reply;
  const body = jsonBody(ctx, false);
  if (!body.ok) return body.reply;
  if (body.value.value === undefined) {
    return badRequest(ctx, 'The body must hold `value`: send {"value": [{"key": "BaseAddress", "value": "https://…"}, {"key": "SecretToken", "value": "…"}]}.');
  }
  const known = (k: string): string | undefined => enumMember(SECRET_KEYS, k) ?? (env.hooks.acceptUnknownSecretKeys ? k : undefined);
  const pairs = checkPairs(body.value.value, 'value', known);
  if (!pairs.ok) return badRequest(ctx, pairs.message);
  env.store.saveSecrets(sp.value.id, pairs.pairs);
  return emptyReply();
}

/** Secrets: write-only, so PUT is the only method. */
export const secretRoutes: Route[] = [
  { pattern: 'servicePrincipals/{sp}/synchronization/secrets', methods: { PUT: { operation: 'putSecrets', handle: putSecrets } } },
];
