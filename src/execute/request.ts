import { randomUUID } from 'node:crypto';
import type { AuthMode, Expectation, RequestSpec, TemplateJson } from '../model/index.js';
import { substituteTemplate } from '../common/template.js';
import { resolveJson, resolveTemplate } from './template.js';
import { renderPath } from './path-segment.js';
import type { HttpRequest } from './http.js';

/**
 * A bearer token that is well-formed (three base64url parts, a JSON header) but signed by no
 * one: the target must reject it as invalid, not as unparseable.
 */
export const INVALID_TOKEN = [
  Buffer.from('{"alg":"RS256","typ":"JWT","kid":"gsc-invalid"}').toString('base64url'),
  Buffer.from('{"aud":"https://graph.microsoft.com","iss":"https://sts.windows.net/gsc-invalid/","exp":1}').toString('base64url'),
  'aW52YWxpZC1zaWduYXR1cmU',
].join('.');

/** An Authorization header that is not a token at all. */
export const MALFORMED_AUTHORIZATION = 'Bearer not-a-token';

/** Attaches the Authorization header a step's auth mode asks for. */
const authHeaders: Record<AuthMode, (token: () => Promise<string>) => Promise<Record<string, string>>> = {
  run: async (token) => ({ authorization: `Bearer ${await token()}` }),
  none: async () => ({}),
  invalid: async () => ({ authorization: `Bearer ${INVALID_TOKEN}` }),
  malformed: async () => ({ authorization: MALFORMED_AUTHORIZATION }),
};

/** Identifies the tool to the target; Graph logs it, which helps support find our requests. */
export const USER_AGENT = 'graph-sync-conformance';

/** Turns a request spec into a request: variables substituted, body serialised, credentials attached. */
export async function buildRequest(
  spec: RequestSpec,
  baseUrl: string,
  vars: ReadonlyMap<string, string>,
  token: () => Promise<string>,
): Promise<HttpRequest> {
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, 'client-request-id': randomUUID() };
  for (const [name, value] of Object.entries(spec.headers)) headers[name.toLowerCase()] = resolveTemplate(value, vars);
  let body: string | undefined;
  if (spec.raw !== undefined) body = resolveTemplate(spec.raw, vars);
  else if (spec.json !== undefined) {
    body = JSON.stringify(resolveJson(spec.json, vars));
    headers['content-type'] ??= 'application/json';
  }
  Object.assign(headers, await authHeaders[spec.auth](token));
  // Each value is one path segment, percent-encoded: a captured id can never add a segment.
  const url = baseUrl.replace(/\/+$/, '') + renderPath(spec.path, vars);
  return { method: spec.method, url, headers, body, operation: operationName(spec) };
}

/**
 * A request's operation: the name `specs/` gives it when the loader found it there, else the method
 * and the path as written, variables in braces, no query (`POST /x/{jobId}/y`).
 */
export function operationName(spec: Pick<RequestSpec, 'method' | 'path' | 'operation'>): string {
  if (spec.operation !== undefined) return spec.operation;
  const key = `${spec.method} ${spec.path}`;
  let name = OPERATION_NAMES.get(key);
  if (name === undefined) {
    name = `${spec.method} ${substituteTemplate(spec.path.split('?')[0] ?? '', (variable) => `{${variable}}`)}`;
    // A suite has a handful of distinct paths; the bound only guards against an odd generated one.
    if (OPERATION_NAMES.size < 10_000) OPERATION_NAMES.set(key, name);
  }
  return name;
}

/** Operation names by method and path as written: every request of a run names one of a few. */
const OPERATION_NAMES = new Map<string, string>();

/** Predicates whose operand is JSON that may hold `{{variables}}`. */
const TEMPLATED_PREDICATES = ['equals', 'contains'] as const;

/** The expectation with every template in it substituted, ready for the checks. */
export function resolveExpectation(e: Expectation, vars: ReadonlyMap<string, string>): Expectation {
  return {
    ...e,
    ...(e.anyOf ? { anyOf: e.anyOf.map((a) => resolveExpectation(a, vars)) } : {}),
    headers: e.headers.map((h) => (h.equals === undefined ? h : { ...h, equals: resolveTemplate(h.equals, vars) })),
    values: e.values.map((v) => {
      const out = { ...v };
      for (const key of TEMPLATED_PREDICATES) {
        const value = v[key];
        if (value !== undefined) out[key] = resolveJson(value, vars) as TemplateJson;
      }
      return out;
    }),
  };
}
