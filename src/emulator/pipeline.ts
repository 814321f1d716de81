import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { bearerToken, checkAuth } from './auth.js';
import { readBody } from './body.js';
import type { ArrivalLog, ChaosDecision } from './chaos.js';
import type { Reply, RequestContext } from './context.js';
import type { Env } from './env.js';
import { newGuid } from './ids.js';
import { graphError, withCommonHeaders, writeReply } from './reply.js';
import { route } from './router.js';
import { ROUTES } from './routes/index.js';

/** Settings of the request pipeline that do not change per request. */
export interface PipelineOptions {
  bodyLimitBytes: number;
  latencyMs: number;
  chaos: () => ChaosDecision;
  /** `http://127.0.0.1:PORT`, used when the Host header is unusable. */
  origin: string;
  /** Records arrivals and promised waits. */
  log: ArrivalLog;
  /** Answer the first DELETE of each job 409 (chaos.conflictOnFirstDelete). */
  conflictOnFirstDelete: boolean;
}

const VERSIONS = ['v1.0', 'beta'];
const SAFE_HOST = /^[A-Za-z0-9.\-:[\]]{1,255}$/;
const SAFE_CLIENT_ID = /^[\x21-\x7e]{1,200}$/;

type Ids = Pick<RequestContext, 'requestId' | 'clientRequestId'>;

/** Splits and decodes the path; `undefined` when a segment has bad percent-encoding. */
function segmentsOf(url: string): string[] | undefined {
  const path = url.split('?')[0] ?? '';
  const raw = path.split('/').slice(1);
  if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop(); // the docs write some paths with a trailing slash
  try {
    return raw.map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

function chaosReply(decision: 'throttle' | 'unavailable', ids: Ids, env: Env): Reply {
  const seconds = String(env.retryAfterSeconds);
  const reply =
    decision === 'throttle'
      ? graphError(ids, 429, 'throttled', 'TooManyRequests', `Too many requests from the client. Retry after ${seconds} seconds.`)
      : graphError(ids, 503, 'unavailable', 'ServiceUnavailable', `The service is temporarily unavailable. Retry after ${seconds} seconds.`);
  return { ...reply, headers: { ...reply.headers, 'retry-after': seconds } };
}

/** The first segment no route continues with, as Graph names it in "Resource not found for the segment". */
function unknownSegment(rest: string[]): string {
  let candidates = ROUTES.map((r) => r.pattern.split('/'));
  for (const [i, seg] of rest.entries()) {
    const bare = seg.toLowerCase().replace(/^microsoft\.graph\./, '');
    candidates = candidates.filter((parts) => {
      const part = parts[i];
      return part !== undefined && (part.startsWith('{') ? seg !== '' : part.toLowerCase() === bare);
    });
    if (candidates.length === 0) return seg;
  }
  return rest[rest.length - 1] ?? '';
}

/**
 * A write with a token that lacks the permission: Graph's guidance is 403, the synchronization
 * routes answer 401 UnknownError with an empty message (microsoft-graph-docs-contrib#8800).
 */
function missingPermission(ctx: RequestContext, env: Env): Reply {
  if (env.behave.unknownError401) return graphError(ctx, 401, 'auth', 'UnknownError', '');
  return graphError(ctx, 403, 'forbidden', 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
}

/** Auth, then routing, then the handler: the answer to a request whose body has been read. */
function answer(ctx: RequestContext, env: Env, url: string, conflicted?: Set<string>): Reply {
  const readOnly = new Set(env.fixtures.readOnlyTokens ?? []);
  const auth = checkAuth(ctx.headers, new Set([...env.fixtures.tokens, ...readOnly]));
  if (auth && !env.hooks.acceptAuth.has(auth.problem)) return graphError(ctx, 401, 'auth', 'InvalidAuthenticationToken', auth.message);
  if (!auth && ctx.method !== 'GET' && readOnly.has(bearerToken(ctx.headers) ?? '') && !env.hooks.readOnlyTokensWrite) return missingPermission(ctx, env);
  const segments = segmentsOf(url);
  if (!segments) return graphError(ctx, 400, 'bad-url', 'BadRequest', `The request URL has invalid percent-encoding: ${url.slice(0, 200)}`);
  const version = VERSIONS.find((v) => v === segments[0]?.toLowerCase());
  const rest = segments.slice(1);
  const match = version ? route(ROUTES, ctx.method, rest) : { kind: 'none' as const };
  if (match.kind === 'found' && match.qualified && env.hooks.rejectQualifiedActions) {
    return graphError(ctx, 404, 'no-route', 'ResourceNotFound', `Resource not found for the segment '${rest[rest.length - 1] ?? ''}'.`);
  }
  if (match.kind === 'none') {
    const segment = version ? unknownSegment(rest) : (segments[0] ?? '');
    return graphError(ctx, 404, 'no-route', 'ResourceNotFound', `Resource not found for the segment '${segment}'. Paths start with /v1.0 or /beta.`);
  }
  if (match.kind === 'method') {
    const reply = graphError(ctx, 405, 'method', 'MethodNotAllowed', `The HTTP method '${ctx.method}' is not allowed here; use ${match.allow.join(' or ')}.`);
    return { ...reply, headers: { ...reply.headers, allow: match.allow.join(', ') } };
  }
  Object.assign(ctx, { version, segments: rest, params: match.params, operation: match.operation, qualifiedAction: match.qualified });
  ctx.base = `${ctx.base}/${version}`;
  const jobKey = `${ctx.params.sp ?? ''}/${ctx.params.jobId ?? ''}`;
  if (conflicted && match.operation === 'deleteJob' && !conflicted.has(jobKey) && env.store.all().some((j) => `${j.servicePrincipalId}/${j.doc.id}` === jobKey)) {
    conflicted.add(jobKey);
    return graphError(ctx, 409, 'invalid-request', 'Conflict', 'The job cannot be deleted yet: replication has not caught up. Try again later.');
  }
  return match.handle(ctx, env);
}

/**
 * Creates the request listener. It never throws: a handler bug answers 500 with a Graph error
 * body, and a client that goes away mid-request is simply dropped.
 */
export function createPipeline(env: Env, options: PipelineOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const conflicted = options.conflictOnFirstDelete ? new Set<string>() : undefined;
  return async (req, res) => {
    options.log.arrived(req.method ?? 'GET', (req.url ?? '/').split('?')[0] ?? '/');
    const clientId = req.headers['client-request-id'];
    const requestId = newGuid();
    const ids: Ids = { requestId, clientRequestId: typeof clientId === 'string' && SAFE_CLIENT_ID.test(clientId) ? clientId : requestId };
    const host = req.headers.host;
    const ctx: RequestContext = {
      method: req.method ?? 'GET',
      version: '',
      base: host && SAFE_HOST.test(host) ? `${options.origin.startsWith('https:') ? 'https' : 'http'}://${host}` : options.origin,
      segments: [],
      query: new URLSearchParams((req.url ?? '').split('?').slice(1).join('?')),
      headers: req.headers,
      body: Buffer.alloc(0),
      params: {},
      qualifiedAction: false,
      ...ids,
    };
    let reply: Reply;
    try {
      const body = await readBody(req, options.bodyLimitBytes);
      if (body.kind === 'aborted') return;
      const decision = options.chaos();
      if (options.latencyMs > 0) await sleep(options.latencyMs);
      if (decision === 'reset') {
        req.socket.destroy();
        return;
      }
      if (body.kind === 'too-large') {
        const message = `The request body is larger than ${options.bodyLimitBytes} bytes.`;
        reply = { ...graphError(ids, 413, 'too-large', 'RequestEntityTooLarge', message), close: true };
      } else if (decision !== 'pass') {
        reply = chaosReply(decision, ids, env);
      } else {
        ctx.body = body.body;
        reply = answer(ctx, env, req.url ?? '/', conflicted);
      }
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      reply = graphError(ids, 500, 'internal', 'InternalServerError', `The emulator failed on this request (${why}); this is an emulator bug.`);
    }
    const plain = withCommonHeaders(reply, ids);
    let final: Reply;
    try {
      final = env.hooks.reply(plain, ctx);
    } catch {
      final = plain; // a broken deviation must not take the emulator down
    }
    writeReply(res, final);
    const wait = final.status === 429 || final.status === 503 ? Number(final.headers['retry-after']) : NaN;
    if (Number.isFinite(wait)) options.log.promised(wait);
  };
}
