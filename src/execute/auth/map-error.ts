import { AuthError, ServerError } from '@azure/msal-node';
import { AADSTS_CAUSES, errorLookupUrl, type SignInContext } from './aadsts.js';
import { SignInError } from './errors.js';
import type { AuthNetworkClient, TokenErrorBody } from './network.js';
import { addSecrets, redactText } from '../../common/redact.js';

const AUTHORITY_FIX = 'check --cloud and --authority: the authority must be an Entra sign-in host such as https://login.microsoftonline.com';

function noMetadata(c: SignInContext): string {
  return `${c.authority} did not serve an OpenID configuration at ${c.authority}/${c.tenantId}/v2.0/.well-known/openid-configuration`;
}

/** MSAL's own failure codes that mean "this authority gave no usable sign-in metadata". */
const MSAL_CAUSES: Readonly<Record<string, (c: SignInContext) => string>> = {
  openid_config_error: noMetadata,
  // MSAL's wrapper around a failed metadata fetch.
  endpoints_resolution_error: noMetadata,
  untrusted_authority: (c) => `${c.authority} is not a known Entra sign-in host`,
  issuer_validation_failed: (c) => `the OpenID configuration served by ${c.authority} names another issuer`,
  invalid_authority_metadata: (c) => `the sign-in metadata of ${c.authority} is not valid`,
};

/**
 * Turns whatever a sign-in attempt threw into a SignInError worded for people.
 * The network client is asked first: it saw the real cause (refused connection, TLS, the OAuth
 * error body) that MSAL may have reduced to a generic code. Text from outside is scrubbed of
 * every known secret.
 */
export function toSignInError(e: unknown, ctx: SignInContext, net: AuthNetworkClient, secrets: readonly string[]): SignInError {
  if (e instanceof SignInError) return e;
  addSecrets(...secrets);
  const clean = (s: string): string => redactText(s);
  const failure = net.lastFailure;
  if (failure) {
    const hint = failure.tls
      ? 'if a proxy inspects TLS, give its CA certificate file with --ca-file (or NODE_EXTRA_CA_CERTS); otherwise ' + AUTHORITY_FIX
      : `check the network path to ${new URL(failure.url).host} (proxy, firewall, DNS); ${AUTHORITY_FIX}`;
    return new SignInError('unreachable', clean(`could not sign in: ${failure.url}: ${failure.reason}`), hint);
  }
  const body = net.lastError ?? (e instanceof ServerError ? fromServerError(e) : undefined);
  if (body) return fromErrorBody(body, ctx, clean);
  const code = e instanceof AuthError ? e.errorCode : '';
  const known = MSAL_CAUSES[code];
  if (known) return new SignInError('unreachable', `could not sign in: ${known(ctx)}`, AUTHORITY_FIX);
  const text = e instanceof AuthError ? `${e.errorCode}: ${e.errorMessage}` : e instanceof Error ? e.message : String(e);
  return new SignInError('unreachable', clean(`could not sign in: ${text}`), `run again; if it persists, ${AUTHORITY_FIX}`);
}

function fromErrorBody(body: TokenErrorBody, ctx: SignInContext, clean: (s: string) => string): SignInError {
  const first = body.error_codes?.[0];
  const description = firstLine(body.error_description ?? '');
  const code = first !== undefined ? String(first) : /AADSTS(\d+)/.exec(description)?.[1];
  const ids = [body.trace_id && `trace ID ${body.trace_id}`, body.correlation_id && `correlation ID ${body.correlation_id}`]
    .filter(Boolean).join(', ');
  const tail = ids ? ` [${ids}]` : '';
  const label = code ? `AADSTS${code}` : body.error ?? 'no error code';
  if (body.status === THROTTLED) {
    return new SignInError('unreachable', clean(`Entra asked to wait before signing in again (${label}): ${stripCode(description)}${tail}`),
      'wait a minute and run again; MSAL holds sign-in requests back after a 429 or 5xx answer');
  }
  if (body.status >= 500 || body.status === 429) {
    return new SignInError('unreachable', clean(`Entra could not sign in right now (HTTP ${body.status}, ${label}): ${stripCode(description)}${tail}`),
      'this is on the service side; try again in a few minutes');
  }
  const known = code ? AADSTS_CAUSES[code] : undefined;
  if (known) return new SignInError('rejected', clean(`sign-in rejected: ${known.cause(ctx)} (${label})${tail}`), known.fix(ctx));
  const said = stripCode(description) || body.error || 'no description';
  return new SignInError('rejected', clean(`sign-in rejected (${label}): ${said}${tail}`),
    code ? `see ${errorLookupUrl(code, ctx.cloud)} for what the code means` : 'check the tenant, client ID and credential');
}

/** Marks an error MSAL replayed from its throttling cache instead of sending a request. */
const THROTTLED = -1;

/** MSAL's ServerError flattens the body into one string; recover its parts when we have no body. */
function fromServerError(e: ServerError): TokenErrorBody {
  // Only the throttling replay builds a ServerError without the HTTP status.
  if (e.status === undefined) return { status: THROTTLED, error_description: e.errorMessage, error_codes: e.errorCode.split(' ').filter(Boolean) };
  const m = /Description: ([\s\S]*?) - Correlation ID: (\S*) - Trace ID: (\S*)/.exec(e.errorMessage);
  return {
    status: e.status, error: e.errorCode, error_codes: e.errorNo ? [e.errorNo] : [],
    error_description: m?.[1] ?? e.errorMessage,
    ...(m?.[2] && m[2] !== 'Not Available' ? { correlation_id: m[2] } : {}),
    ...(m?.[3] && m[3] !== 'Not Available' ? { trace_id: m[3] } : {}),
  };
}

// Entra appends "Trace ID: …\r\nCorrelation ID: …\r\nTimestamp: …" lines; the ids are reported separately.
function firstLine(s: string): string {
  return (s.split(/\r?\n/)[0] ?? '').trim();
}

function stripCode(s: string): string {
  return s.replace(/^AADSTS\d+:\s*/, '');
}
