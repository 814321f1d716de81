import type { Diagnostic } from '../../model/index.js';
import type { RawExpect } from '../build.js';
import { listOf } from '../../common/words.js';
import { closestOperations, findOperation, pathMatches } from '../operations.js';
import { stepsOf, type CaseCheck } from './context.js';

/** A body is JSON or raw bytes, not both: the run could not know which to send. */
export const oneBody: CaseCheck = {
  name: 'a request sets json or raw, not both',
  check(site) {
    return stepsOf(site)
      .filter((s) => s.raw.request.json !== undefined && s.raw.request.raw !== undefined)
      .map((s) => ({
        code: 'body-conflict',
        message: `the request of step \`${s.model.name}\` has both \`json\` and \`raw\``,
        hint: 'keep one: `json` for a JSON body, `raw` for a body sent byte for byte',
        span: site.file.yaml.keySpan([...s.path, 'request', 'raw']),
        severity: 'error' as const,
      }));
  },
};

/**
 * Every request calls an operation of the specs, so a typo in a path is caught before a run
 * reports it as the target's 404. Skipped when no spec was loaded (that is reported apart).
 * One exception: a step that expects 405, alone or with the 404 and 400 Graph also answers an
 * unsupported method with, tests a method the path does not support, so its path must exist but
 * its method must not.
 */
export const knownOperations: CaseCheck = {
  name: 'every request matches an operation in specs/',
  check(site, env) {
    if (env.operations.length === 0) return [];
    const out: Diagnostic[] = [];
    for (const step of stepsOf(site)) {
      const { method, path } = step.model.request;
      if (findOperation(env.operations, method, path) !== undefined) continue;
      const sameMethods = env.operations.filter((op) => pathMatches(path, op.path)).map((op) => op.method);
      const status = step.model.expect.status?.anyOf;
      if (sameMethods.length > 0 && refusesMethod(status)) continue;
      const hint =
        sameMethods.length > 0
          ? `the specs allow ${listOf(sameMethods)} on this path`
          : `closest: ${closestOperations(env.operations, method, path)
              .map((op) => `\`${op.method} ${op.path}\``)
              .join(', ')}`;
      out.push({ code: 'unknown-operation', message: `no operation \`${method} ${path}\` in the specs`, hint, span: site.file.yaml.valueSpan([...step.path, 'request', 'path']), severity: 'error' });
    }
    return out;
  },
};

/** The answers to an unsupported method: 405, and the 404 and 400 Graph also sends for one. */
const METHOD_REFUSALS: ReadonlySet<number | string> = new Set([405, 404, 400]);

function refusesMethod(status: readonly (number | string)[] | undefined): boolean {
  return status !== undefined && status.includes(405) && status.every((s) => METHOD_REFUSALS.has(s));
}

/** A main step must expect a status: a step that asserts nothing proves nothing. */
export const statusExpected: CaseCheck = {
  name: 'every main step expects a status',
  check(site) {
    return stepsOf(site)
      .filter((s) => s.phase === 'main' && !expectsStatus(s.raw.expect))
      .map((s) => ({
        code: 'missing-status',
        message: `step \`${s.model.name}\` does not expect a status`,
        hint: s.raw.expect?.anyOf !== undefined
          ? 'add `status:` to each alternative of `anyOf` (e.g. `- { status: 204, emptyBody: true }`); only cleanup steps may leave it out'
          : 'add `status:` under `expect:` (e.g. `status: 200`); only cleanup steps may leave it out',
        span: s.raw.expect !== undefined ? site.file.yaml.keySpan([...s.path, 'expect']) : site.file.yaml.valueSpan([...s.path, 'name']),
        severity: 'error' as const,
      }));
  },
};

/** A status is expected, or every alternative of `anyOf` expects one. */
function expectsStatus(e: RawExpect | undefined): boolean {
  if (e === undefined) return false;
  if (e.anyOf !== undefined) return e.anyOf.every(expectsStatus);
  return e.status !== undefined;
}

/** Header names are case-insensitive: `Content-Type` and `content-type` are the same header. */
export const uniqueHeaders: CaseCheck = {
  name: 'no header named twice in a request or an expectation',
  check(site) {
    const out: Diagnostic[] = [];
    for (const step of stepsOf(site)) {
      const groups: [string, Record<string, unknown> | undefined][] = [
        ['request', step.raw.request.headers],
        ['expect', step.raw.expect?.headers],
      ];
      for (const [where, headers] of groups) {
        const seen = new Map<string, string>();
        for (const name of Object.keys(headers ?? {})) {
          const earlier = seen.get(name.toLowerCase());
          if (earlier === undefined) seen.set(name.toLowerCase(), name);
          else out.push({ code: 'duplicate-header', message: `header \`${name}\` is named twice in \`${where}.headers\``, hint: `\`${earlier}\` is the same header (names ignore case); keep one`, span: site.file.yaml.keySpan([...step.path, where, 'headers', name]), severity: 'error' });
        }
      }
    }
    return out;
  },
};

/** A suite is shared text; a real-looking token in it is a leaked secret. */
export const noCredentials: CaseCheck = {
  name: 'no bearer token written into a suite',
  check(site) {
    const out: Diagnostic[] = [];
    for (const step of stepsOf(site)) {
      for (const [name, value] of Object.entries(step.raw.request.headers ?? {})) {
        if (name.toLowerCase() !== 'authorization' || !/^bearer\s+[A-Za-z0-9\-._~+/]{20,}=*$/i.test(value)) continue;
        out.push({
          code: 'credentials-in-suite',
          message: 'a bearer token is written into the suite',
          hint: 'remove it and revoke it if it was real; use `auth: run|none|invalid|malformed` to choose credentials',
          span: site.file.yaml.keySpan([...step.path, 'request', 'headers', name]),
          severity: 'warning',
        });
      }
    }
    return out;
  },
};
