import { parseJson } from '../common/json-depth.js';
import { graphError, namesMissingObject } from './graph-error.js';
import type { RunError } from '../model/index.js';
import type { ExecContext } from './context.js';
import { TransportError } from './http.js';
import { buildRequest } from './request.js';
import { sendWithRetries } from './send.js';
import { PERMISSIONS, refusalHint } from './not-permitted.js';

/** What one look at the target before the cases tells. */
export interface Probe {
  /** Set when nothing can be tested: the run stops with this, before any case. */
  fatal?: RunError;
  /** Template ids the service principal lists, when the target answered the list. */
  templates?: string[];
  /** The status of the templates list, for messages. */
  status?: number;
}

/** What the probe needs to know about the target besides the context. */
export interface ProbeOptions {
  /**
   * The target is Microsoft Graph itself (a cloud's Graph root), which implements the templates
   * list: a 404 there can only mean the service principal is unknown. An emulator may leave the
   * route out, so elsewhere only a 404 in the directory's words naming the id says so.
   */
  realService?: boolean;
}

// The directory's codes for an object that does not exist (the emulator answers the first).

/**
 * Lists the service principal's templates once, before any case and any write. An unreachable
 * target, a service principal that does not answer, or throttling that outlasts every retry stop
 * the run with one clear message saying what it can mean, instead of a failure per case. A
 * target that implements only create (it answers 404 without a directory error) lets the run go on.
 */
export async function probeTarget(ctx: ExecContext, servicePrincipalId: string, options: ProbeOptions = {}): Promise<Probe> {
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
    const sent = await sendWithRetries(ctx, { ...req, operation: 'GET /servicePrincipals/{servicePrincipal-id}/synchronization/templates (preflight)' });
    ({ status, body } = sent.response);
  } catch (err) {
    if (err instanceof TransportError) {
      return { fatal: { code: err.kind, message: ctx.redactor.text(err.message) } };
    }
    return { fatal: { code: 'auth', message: ctx.redactor.text(err instanceof Error ? err.message : String(err)) } };
  }
  const error = graphError(body);
  const answered = `GET …/servicePrincipals/${servicePrincipalId}/synchronization/templates answered ${status}${error.code ? ` ${error.code}` : ''}`;
  const sp = `the service principal ${servicePrincipalId}`;
  if (status === 401 && error.code === 'InvalidAuthenticationToken') {
    return {
      status,
      fatal: {
        code: 'auth',
        message: refusalHint(status, error.code, sp),
      },
    };
  }
  if (status === 401) {
    // The real service answers an unknown or not yet replicated service principal with
    // 401 UnknownError and an empty message, exactly as it answers a missing permission.
    return {
      status,
      fatal: {
        code: 'auth',
        message: ctx.redactor.text(`the target rejected the run's request: ${answered}${error.message ? ` (${error.message})` : ''}. Here a 401 can mean any of: ` +
          `${sp} does not exist in this tenant (--service-principal takes the enterprise application's object id, not its application id); ` +
          `it was created moments ago and is not replicated yet (wait a few minutes and run again); ` +
          `the app lacks permission (${PERMISSIONS}); or the token is expired or issued for another cloud's Graph`),
      },
    };
  }
  if (status === 403) {
    return {
      status,
      fatal: {
        code: 'auth',
        message: ctx.redactor.text(`${answered}${error.message ? ` (${error.message})` : ''}. ${refusalHint(status, error.code, sp)}`),
      },
    };
  }
  if (status === 404 && (options.realService || namesMissingObject(error, servicePrincipalId))) {
    return {
      status,
      fatal: {
        code: 'auth',
        message: ctx.redactor.text(`${answered}: ${sp} was not found. Here a 404 can mean: the id is not a service principal of this tenant ` +
          `(--service-principal takes the enterprise application's object id, not its application id; ` +
          `\`az ad sp list --display-name NAME --query [].id\` lists it), or it was created moments ago and is not replicated yet`),
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

