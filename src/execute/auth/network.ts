import { parseJson } from '../../common/json-depth.js';
import { AuthError, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';
import { request, type Dispatcher } from '../undici.js';

/** Why the last request got no usable answer, in plain words. */
export interface TransportFailure {
  url: string;
  reason: string;
  /** A TLS trust problem, which has its own fix. */
  tls: boolean;
}

/** The OAuth error fields of a refused token request. */
export interface TokenErrorBody {
  status: number;
  error?: string;
  error_description?: string;
  error_codes?: Array<number | string>;
  trace_id?: string;
  correlation_id?: string;
}

// Node's TLS verification codes: the answer came from a server we cannot trust.
const TLS_CODES = /^(?:SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(?:_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|ERR_TLS_CERT_ALTNAME_INVALID|CERT_UNTRUSTED)$/;
const REASONS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'the host name does not resolve (DNS)',
  EAI_AGAIN: 'the host name could not be resolved right now (DNS)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
};

/**
 * MSAL's HTTP client, on undici. Owning it buys four things MSAL's fetch-based default lacks:
 * a deadline on every request (no hangs), a caller-chosen dispatcher (proxy, test CA, mock),
 * the real cause of a failure (MSAL reduces a failed metadata fetch to "openid_config_error"),
 * and a view of every secret that crosses the wire, so it can be redacted.
 */
export class AuthNetworkClient implements INetworkModule {
  /** Set when a request got no usable answer; cleared by `reset()`. */
  lastFailure: TransportFailure | undefined;
  /** Set when the token endpoint refused with an OAuth error body; cleared by `reset()`. */
  lastError: TokenErrorBody | undefined;
  /** Client secrets and assertions sent, access tokens received. */
  readonly seenSecrets = new Set<string>();

  /**
   * Set when a sign-in was stopped because the authority's metadata, or a request MSAL was about
   * to send, pointed at another origin; cleared by `reset()`.
   */
  refused: string | undefined;

  /**
   * @param authorityOrigin the origin of the authority the user gave: the client secret or
   *   assertion is sent nowhere else, whatever the discovered metadata says.
   */
  constructor(private readonly dispatcher: Dispatcher, private readonly timeoutMs: number, private readonly authorityOrigin?: string) {}

  /** Forgets the previous attempt's failure before a new one. */
  reset(): void {
    this.lastFailure = undefined;
    this.lastError = undefined;
    this.refused = undefined;
  }

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private async send<T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    const deadline = Math.min(timeout && timeout > 0 ? timeout : Infinity, this.timeoutMs);
    // MSAL posts the credential wherever the metadata's token_endpoint says: only the authority's origin may have it.
    if (method === 'POST' && this.authorityOrigin !== undefined && originOf(url) !== this.authorityOrigin) {
      throw this.refuse(`the sign-in would send the client credential to ${originOf(url)}, not to the authority ${this.authorityOrigin}`);
    }
    if (options?.body) this.harvest(new URLSearchParams(options.body), ['client_secret', 'client_assertion']);
    let status: number;
    let headers: Record<string, string>;
    let text: string;
    try {
      const res = await request(url, {
        method, headers: options?.headers ?? {}, body: method === 'POST' ? options?.body ?? '' : undefined,
        dispatcher: this.dispatcher, signal: AbortSignal.timeout(deadline),
      });
      status = res.statusCode;
      headers = flatten(res.headers);
      text = await res.body.text();
    } catch (e) {
      throw this.fail(url, describeTransportError(e, deadline));
    }
    let body: unknown;
    try {
      const parsed = parseJson(text);
      if (!parsed.ok) throw new Error(parsed.error);
      body = parsed.value;
    } catch {
      const type = headers['content-type'] ? ` (${headers['content-type']})` : '';
      throw this.fail(url, { reason: `it answered HTTP ${status} with a body that is not JSON${type}`, tls: false });
    }
    if (typeof body !== 'object' || body === null) {
      throw this.fail(url, { reason: `it answered HTTP ${status} with JSON that is not an object`, tls: false });
    }
    const fields = body as Record<string, unknown>;
    // Checked before MSAL reads it: a token_endpoint elsewhere would receive the client secret.
    if (method === 'GET' && this.authorityOrigin !== undefined && /\/\.well-known\/openid-configuration$/.test(url.split('?')[0] ?? '')) {
      const endpoint = fields.token_endpoint;
      if (typeof endpoint === 'string' && originOf(endpoint) !== this.authorityOrigin) {
        throw this.refuse(`the OpenID configuration of ${this.authorityOrigin} names a token_endpoint on another origin (${originOf(endpoint)}); the client credential was not sent there`);
      }
    }
    this.harvest(fields, ['access_token', 'refresh_token', 'id_token']);
    if (status >= 400 && typeof fields.error === 'string') this.lastError = { ...(fields as object), status } as TokenErrorBody;
    return { status, headers, body: body as T };
  }

  private refuse(reason: string): AuthError {
    this.refused = reason;
    return new AuthError('untrusted_metadata', reason);
  }

  private fail(fullUrl: string, f: Omit<TransportFailure, 'url'>): AuthError {
    // The query only carries MSAL's request id: noise in a message.
    const url = fullUrl.split('?')[0] ?? fullUrl;
    this.lastFailure = { url, ...f };
    return new AuthError('network_error', '', `${url}: ${f.reason}`);
  }

  private harvest(source: URLSearchParams | Record<string, unknown>, names: string[]): void {
    for (const n of names) {
      const v = source instanceof URLSearchParams ? source.get(n) : source[n];
      if (typeof v === 'string' && v) this.seenSecrets.add(v);
    }
  }
}

/** `scheme://host:port` of a URL, or the text itself when it is not one (never equal to an origin then). */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function flatten(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function describeTransportError(e: unknown, deadlineMs: number): Omit<TransportFailure, 'url'> {
  const err = e as { name?: string; code?: string; cause?: { code?: string }; message?: string };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return { reason: `it did not answer within ${Math.round(deadlineMs / 100) / 10} s`, tls: false };
  }
  const code = err.code ?? err.cause?.code ?? '';
  if (TLS_CODES.test(code)) return { reason: `its TLS certificate is not trusted (${code})`, tls: true };
  return { reason: REASONS[code] ?? `the request failed (${code || err.message || 'unknown error'})`, tls: false };
}
