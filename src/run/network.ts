import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { addSecrets } from '../common/redact.js';
import { pemCertificates, proxyFromEnv, type NetworkPath } from '../execute/network-path.js';
import { UsageError } from './exit-codes.js';
import { flagLabel, type Labeler } from './options.js';

/** What decides the network path: the options, and the environment the proxy variables come from. */
export interface NetworkOptions {
  /** `--proxy`: one proxy for every request, Graph and sign-in alike. */
  proxy?: string;
  /** `--ca-file`: PEM file of extra CA certificates, relative to `cwd`. */
  caFile?: string;
}

/**
 * The run's network path, checked before anything is sent: `--proxy`, else `HTTPS_PROXY` and
 * `HTTP_PROXY` (either case) from `env`, which never apply to loopback; `NO_PROXY` applies to
 * both. With `--ca-file`, its
 * certificates and those of `NODE_EXTRA_CA_CERTS` are trusted besides Node's roots.
 */
export function networkPathFor(o: NetworkOptions, env: Readonly<Record<string, string | undefined>>, cwd: string, label: Labeler = flagLabel): NetworkPath {
  const read = proxyFromEnv(env);
  const fromEnv = { ...read, ...(read.httpProxy ? { httpProxy: withScheme(read.httpProxy) } : {}), ...(read.httpsProxy ? { httpsProxy: withScheme(read.httpsProxy) } : {}) };
  const given = o.proxy?.trim() ? withScheme(o.proxy.trim()) : undefined;
  // A proxy from the environment is meant for the way out, never for this machine (Go's
  // net/http rule): the embedded emulator and a local one stay reachable behind any HTTPS_PROXY.
  const loopback = fromEnv.httpProxy || fromEnv.httpsProxy ? ['localhost', '127.0.0.1', '[::1]'] : [];
  const noProxy = given ? fromEnv.noProxy : [fromEnv.noProxy, ...loopback].filter(Boolean).join(',') || undefined;
  const path: NetworkPath = given
    ? { httpProxy: given, httpsProxy: given, ...(noProxy ? { noProxy } : {}) }
    : { ...(fromEnv.httpProxy ? { httpProxy: fromEnv.httpProxy } : {}), ...(fromEnv.httpsProxy ? { httpsProxy: fromEnv.httpsProxy } : {}), ...(noProxy ? { noProxy } : {}) };
  const checks: [string | undefined, string][] = given
    ? [[given, label('proxy')]]
    : [[path.httpsProxy, envName(env, 'https_proxy') ?? envName(env, 'http_proxy') ?? 'HTTPS_PROXY'], [path.httpProxy, envName(env, 'http_proxy') ?? 'HTTP_PROXY']];
  for (const [url, source] of checks) if (url) checkProxy(url, source);
  if (o.caFile === undefined) return path;
  const ca = [...readCertificates(resolve(cwd, o.caFile), label('caFile'))];
  const caSources = [{ from: label('caFile'), count: ca.length }];
  const extra = env.NODE_EXTRA_CA_CERTS;
  // A `ca` replaces the store NODE_EXTRA_CA_CERTS extends, so its certificates are added back.
  if (extra) {
    const added = readCertificates(resolve(cwd, extra), 'NODE_EXTRA_CA_CERTS');
    ca.push(...added);
    caSources.push({ from: 'NODE_EXTRA_CA_CERTS', count: added.length });
  }
  return { ...path, ca, caSources };
}

/** A proxy written without a scheme (`127.0.0.1:3128`, `proxy.contoso.com:3128`) is http://, as curl takes it. */
function withScheme(text: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
}

function envName(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  return [name, name.toUpperCase()].find((n) => env[n]?.trim());
}

/** An http(s) proxy URL; its password is a secret from here on. */
function checkProxy(text: string, source: string): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // No scheme://user:password@ in the hint: the redactor would rightly hide it as a credential.
    throw new UsageError(`${source} is not a URL: write the proxy as http://HOST:PORT, with USER:PASSWORD@ before HOST if it needs a login`);
  }
  if (url.password) addSecrets(url.password, decodeURIComponent(url.password));
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${source} must be an http:// or https:// proxy URL, not ${url.protocol}`);
  }
}

function readCertificates(file: string, source: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${source}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); give a PEM file with the CA certificate(s) to trust`);
  }
  const certs = pemCertificates(text);
  if (certs.length === 0) {
    throw new UsageError(`${source}: ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----); convert a .cer/.der with \`openssl x509 -inform der -in ca.cer -out ca.pem\``);
  }
  return certs;
}
