import type { Exchange, RequestSpec, RunError } from '../model/index.js';

/** The permissions the synchronization routes need, as Microsoft's pages for them list. */
export const PERMISSIONS = 'Synchronization.ReadWrite.All, or Application.ReadWrite.OwnedBy with the app an owner of the service principal, granted with admin consent';

/**
 * What a 401 or 403 to a request sent with the run's own token can mean, once the service
 * principal has answered (the preflight read its templates): the synchronization routes answer
 * a missing permission with 401 UnknownError (https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/8800), Graph's
 * guidance says 403 (learn.microsoft.com/graph/errors).
 */
export function refusalHint(status: number, code: string | undefined, servicePrincipal: string): string {
  if (status === 401 && code === 'InvalidAuthenticationToken') {
    return 'the target rejected the run\'s credentials (401 InvalidAuthenticationToken): check that the token is current and issued for this cloud\'s Graph';
  }
  return `Here a ${status} can mean: the app lacks permission (${PERMISSIONS}); ` +
    `with Application.ReadWrite.OwnedBy, the app is not an owner of ${servicePrincipal}; ` +
    `or ${servicePrincipal} was created moments ago and is not replicated yet`;
}

/**
 * A step sent with the run's token whose expectation admits neither 401 nor 403 (it expects
 * success, or another answer such as 405) and was answered 401 or 403 with a Graph error: the
 * target refused the run's credentials before it got to what the step checks, so the case was
 * never tested. That is an error (the run is incomplete), never a failure: a token without the
 * write permission must not raise a false alarm at MUST. A step whose point is the refusal
 * admits 401 or 403 (by name, or as `4xx`) and is judged as written; so is a step sent without
 * the run's token (`auth: none`, a low-privilege token in a header).
 */
export function notPermitted(request: Pick<RequestSpec, 'auth'>, statuses: readonly (number | string)[], exchange: Exchange): RunError | undefined {
  const { status, json } = exchange.response;
  if (request.auth !== 'run' || (status !== 401 && status !== 403)) return undefined;
  if (statuses.length === 0 || statuses.some(admitsRefusal)) return undefined;
  const code = (json as { error?: { code?: unknown } } | null | undefined)?.error?.code;
  if (typeof code !== 'string') return undefined;
  const path = pathOf(exchange.request.url).replace(/^.*\/servicePrincipals\/[^/]+/i, '…');
  return {
    code: 'auth',
    message: `not permitted: ${exchange.request.method} ${path} answered ${status} ${code.slice(0, 60)}, not ${statuses.join(' or ')}, so the case could not be tested. ` +
      capitalized(refusalHint(status, code, 'the service principal')),
  };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** True for a status matcher a 401 or 403 satisfies. */
function admitsRefusal(m: number | string): boolean {
  return m === 401 || m === 403 || m === '4xx';
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
