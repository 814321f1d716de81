import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import type * as Undici from 'undici';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from './undici.js';

/**
 * How the run reaches the network: the same for Graph requests and for sign-in, so a corporate
 * proxy and its TLS-inspecting CA are used by both.
 */
export interface NetworkPath {
  /** Proxy for http: targets (`--proxy`, else `http_proxy`/`HTTP_PROXY`). */
  httpProxy?: string;
  /** Proxy for https: targets (`--proxy`, else `https_proxy`/`HTTPS_PROXY`, else the http proxy). */
  httpsProxy?: string;
  /** Hosts reached directly (`no_proxy`/`NO_PROXY`): comma list, `.suffix` or `host:port`, `*` for all. */
  noProxy?: string;
  /**
   * CA certificates (PEM blocks) trusted besides Node's own roots: the CA of a TLS-inspecting
   * proxy (`--ca-file`, and the file `NODE_EXTRA_CA_CERTS` names).
   */
  ca?: string[];
  /** Where the `ca` certificates came from, for messages: `--ca-file` 1, `NODE_EXTRA_CA_CERTS` 144. */
  caSources?: { from: string; count: number }[];
}

/** The proxy settings a process environment gives, lower case first (as curl and undici read them). */
export function proxyFromEnv(env: Readonly<Record<string, string | undefined>>): Pick<NetworkPath, 'httpProxy' | 'httpsProxy' | 'noProxy'> {
  const pick = (name: string): string | undefined => {
    const v = env[name.toLowerCase()] ?? env[name.toUpperCase()];
    return v?.trim() ? v.trim() : undefined;
  };
  const http = pick('http_proxy');
  const https = pick('https_proxy') ?? http;
  const no = pick('no_proxy');
  return { ...(http ? { httpProxy: http } : {}), ...(https ? { httpsProxy: https } : {}), ...(no ? { noProxy: no } : {}) };
}

/**
 * One undici dispatcher for `path`: requests go through the proxy for their scheme unless the
 * host is in `noProxy` (a CONNECT tunnel even for http:, so the proxy sees no request line),
 * and TLS (to the target, and to an https: proxy) trusts `ca` besides the usual roots.
 * `options` are the agent's own (timeouts, sizes).
 */
export function createDispatcher(path: NetworkPath, options: Undici.Agent.Options = {}): Dispatcher {
  const tls = path.ca?.length ? { ca: trusted(path.ca) } : {};
  // No proxy at all: the agent EnvHttpProxyAgent would route every request to, without its
  // per-request look at the URL.
  if (!path.httpProxy && !path.httpsProxy) return new Agent({ ...options, connect: { ...(options.connect as object | undefined), ...tls } });
  return new EnvHttpProxyAgent({
    ...options,
    // Empty strings, not undefined: undici would otherwise read process.env behind the caller's back.
    httpProxy: path.httpProxy ?? '',
    httpsProxy: path.httpsProxy ?? '',
    noProxy: path.noProxy ?? '',
    connect: { ...(options.connect as object | undefined), ...tls },
    requestTls: tls,
    proxyTls: tls,
  });
}

/** Node replaces its trusted roots when a `ca` is given: keep them beside the given ones. */
function trusted(extra: string[]): string[] {
  return [...rootCertificates, ...extra];
}

/** The `CERTIFICATE` blocks of a PEM text. */
export function pemCertificates(text: string): string[] {
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)].map((m) => m[0]);
}

/** For people: where requests go, never a password. Undefined when they go straight out. */
export function describeNetworkPath(path: NetworkPath): string | undefined {
  const parts: string[] = [];
  const proxies = [...new Set([path.httpsProxy, path.httpProxy].filter((p): p is string => !!p))].map(withoutPassword);
  if (proxies.length) parts.push(`through the proxy ${proxies.join(' (https) and ')}${proxies.length > 1 ? ' (http)' : ''}${path.noProxy ? `, except ${path.noProxy}` : ''}`);
  if (path.caSources?.length) parts.push(`trusting ${path.caSources.map((c) => `${c.count} CA certificate(s) from ${c.from}`).join(' and ')}`);
  else if (path.ca?.length) parts.push(`trusting ${path.ca.length} extra CA certificate(s)`);
  return parts.length ? parts.join(', ') : undefined;
}

/** A proxy URL with its user and password cut, for messages. */
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(a proxy URL that does not parse)';
  }
}

/**
 * The proxy (without its password) whose connection `err` is about, when a request through it
 * could not connect: through a proxy the client only ever connects to the proxy (a target it
 * cannot reach is the proxy's answer to CONNECT), so the host, address or port the error names
 * is the proxy's. Undefined when the error names another host, or no proxy is set.
 */
export function proxyThatFailed(path: NetworkPath, err: unknown): string | undefined {
  const facts = connectFacts(err);
  for (const proxy of new Set([path.httpsProxy, path.httpProxy].filter((p): p is string => !!p))) {
    let url: URL;
    try {
      url = new URL(proxy);
    } catch {
      continue;
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    // A proxy named by host name connects to an address the error names instead: the port tells.
    const named = (f: ConnectFact): boolean => f.hostname === host || (f.port === port && (f.address === host || isIP(host) === 0));
    if (facts.some(named)) return withoutPassword(proxy);
  }
  return undefined;
}

/** Where a failed connection went, as Node's errors say (`hostname` for DNS, `address` and `port` for TCP). */
interface ConnectFact {
  hostname?: unknown;
  address?: unknown;
  port?: unknown;
}

function connectFacts(err: unknown): ConnectFact[] {
  const e = err as (ConnectFact & { cause?: ConnectFact; errors?: ConnectFact[] }) | undefined;
  if (!e || typeof e !== 'object') return [];
  return [e, ...(e.cause && typeof e.cause === 'object' ? [e.cause] : []), ...(Array.isArray(e.errors) ? e.errors : [])];
}
