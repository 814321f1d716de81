import type { OperationName, Reply, RequestContext } from './context.js';
import type { Env } from './env.js';

/** Handles one matched request. */
export type Handler = (ctx: RequestContext, env: Env) => Reply;

/** HTTP methods the emulator routes. */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One resource path and what each method does there. */
export interface Route {
  /**
   * Segments after the version, `/`-separated. `{name}` captures one segment; literals match
   * without regard to case, as Graph's do.
   */
  pattern: string;
  /** The last segment is a bound action, also reachable as `microsoft.graph.<name>`. */
  boundAction?: boolean;
  methods: Partial<Record<Method, { operation: OperationName; handle: Handler }>>;
}

/** The result of routing a path and method. */
export type RouteMatch =
  | { kind: 'found'; operation: OperationName; handle: Handler; params: Record<string, string>; qualified: boolean }
  | { kind: 'method'; allow: Method[] }
  | { kind: 'none' };

const QUALIFIER = 'microsoft.graph.';

function matchPattern(route: Route, segments: string[]): { params: Record<string, string>; qualified: boolean } | undefined {
  const parts = route.pattern.split('/');
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  let qualified = false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    let seg = segments[i] ?? '';
    if (part.startsWith('{')) {
      if (seg === '') return undefined;
      params[part.slice(1, -1)] = seg;
      continue;
    }
    if (route.boundAction && i === parts.length - 1 && seg.toLowerCase().startsWith(QUALIFIER)) {
      seg = seg.slice(QUALIFIER.length);
      qualified = true;
    }
    if (seg.toLowerCase() !== part.toLowerCase()) return undefined;
  }
  return { params, qualified };
}

/**
 * Finds the route for a path. Routes are tried in order, so literal paths such as
 * `jobs/validateCredentials` are listed before `jobs/{jobId}`; a path that matches only with
 * other methods gives `method` (405) with the methods it allows.
 */
export function route(routes: readonly Route[], method: string, segments: string[]): RouteMatch {
  const allow = new Set<Method>();
  for (const r of routes) {
    const m = matchPattern(r, segments);
    if (!m) continue;
    const entry = r.methods[method as Method];
    if (entry) return { kind: 'found', operation: entry.operation, handle: entry.handle, ...m };
    for (const k of Object.keys(r.methods)) allow.add(k as Method);
  }
  return allow.size > 0 ? { kind: 'method', allow: [...allow] } : { kind: 'none' };
}
