import { parseJson } from '../common/json-depth.js';
import type { RunError } from '../model/index.js';
import type { ExecContext } from './context.js';
import { TransportError } from './http.js';
import { buildRequest } from './request.js';
import { sendWithRetries } from './send.js';

/** What one look at the target before the cases tells. */
export interface Probe {
  /** Set when nothing can be tested: the run stops with this, before any case. */
  fatal?: RunError;
  /** Template ids the service principal lists, when the target answered the list. */
  templates?: string[];
  /** The status of the templates list, for messages. */
  status?: number;
}

/**
 * Lists the service principal's templates once, before any case: an unreachable target,
 * rejected credentials or throttling that outlasts every retry stop the run with one clear
 * message instead of a failure per case. Any
 * other answer (a target that implements only create answers 404) lets the run go on.
 */
export async function probeTarget(ctx: ExecContext, servicePrincipalId: string): Promise<Probe> {
  const spec = {
    method: 'GET' as const,
    path: `/servicePrincipals/${encodeURIComponent(servicePrincipalId)}/synchronization/templates`,
    headers: { accept: 'application/json' },
    auth: 'run' as const,
    span: { file: '(preflight)', line: 0, col: 0 },
  };
  let status: number;
  let body: string;
  try {
    const req = await buildRequest(spec, ctx.baseUrl, new Map(), ctx.token);
    const sent = await sendWithRetries(ctx, { ...req, operation: 'GET /servicePrincipals/{servicePrincipalId}/synchronization/templates (preflight)' });
    ({ status, body } = sent.response);
  } catch (err) {
    if (err instanceof TransportError) {
      return { fatal: { code: err.kind, message: ctx.redactor.text(err.message) } };
    }
    return { fatal: { code: 'auth', message: ctx.redactor.text(err instanceof Error ? err.message : String(err)) } };
  }
  if (status === 401 || status === 403) {
    return {
      status,
      fatal: {
        code: 'auth',
        message: `the target rejected the run's credentials (${status} ${errorCode(body) ?? ''}`.trimEnd() +
          `): check that the token is current, issued for this cloud's Graph, and that the app has Synchronization.ReadWrite.All or Application.ReadWrite.OwnedBy`,
      },
    };
  }
  if (status === 429 || status === 503) {
    return {
      status,
      fatal: { code: 'throttled', message: `the target still answered ${status} to its first request after every retry: it is throttling this client or unavailable; try again later, or lower --max-rps` },
    };
  }
  if (status !== 200) return { status };
  try {
    const parsed = parseJson(body);
    if (!parsed.ok) return { status };
    const value = (parsed.value as { value?: { id?: unknown }[] }).value;
    const templates = Array.isArray(value) ? value.map((t) => t?.id).filter((id): id is string => typeof id === 'string') : undefined;
    return templates ? { status, templates } : { status };
  } catch {
    return { status };
  }
}

function errorCode(body: string): string | undefined {
  try {
    const parsed = parseJson(body);
    const code = parsed.ok ? (parsed.value as { error?: { code?: unknown } }).error?.code : undefined;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
