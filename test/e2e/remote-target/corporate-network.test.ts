import { createServer as createHttpServer, request as forward, type Server } from 'node:http';
import { createServer as createHttpsServer, type Server as TlsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../../src/emulator/index.js';
import { fakeAccessToken, startFakeEntra, type FakeEntra } from '../../fixtures/auth/fake-entra.js';
import { APP, TENANT } from '../../fixtures/auth/identities.js';
import { readResults, runFlags, startTenant } from '../../fixtures/remote-target/tenant.js';
import { gsc, tempDir } from '../support.js';

/**
 * Issue 8 §6, corporate networks: a run goes out through the proxy it is given (`--proxy`, or
 * HTTPS_PROXY/HTTP_PROXY in either case), Graph requests and sign-in alike, except NO_PROXY
 * hosts; and it trusts the CA of a TLS-inspecting proxy given with `--ca-file`. The proxy here
 * is a loopback CONNECT proxy that counts its tunnels; the TLS server uses a self-signed test CA.
 */
const CA_FILE = fileURLToPath(new URL('../../fixtures/auth/TEST-ONLY-tls-127.0.0.1.crt', import.meta.url));
const TLS_KEY = readFileSync(new URL('../../fixtures/auth/TEST-ONLY-tls-127.0.0.1.key', import.meta.url), 'utf8');
const TOKEN = fakeAccessToken(7);
/** A host no resolver knows: only a proxy can reach it (the test proxy maps it to the emulator). */
const HIDDEN_HOST = 'graph.gsc-proxy-test.invalid';

let emu: EmulatorHandle;
let proxy: Server;
let proxyUrl: string;
/** `host:port` of every CONNECT tunnel the proxy opened, in order. */
const tunnels: string[] = [];
/** An https front to the emulator, certified by the test CA: what a TLS-inspecting proxy looks like to Node. */
let tls: TlsServer;
let tlsUrl: string;
let entra: FakeEntra;

beforeAll(async () => {
  emu = await startTenant(TOKEN);
  const upstream = new URL(emu.url);
  proxy = createHttpServer((_req, res) => {
    res.writeHead(405).end('this proxy only tunnels');
  });
  const sockets = new Set<Socket>();
  proxy.on('connect', (req, client: Socket, head: Buffer) => {
    const target = String(req.url);
    tunnels.push(target);
    const [host, port] = target.split(/:(?=\d+$)/);
    const to = host === HIDDEN_HOST ? { host: upstream.hostname, port: Number(upstream.port) } : { host: host!.replace(/^\[|\]$/g, ''), port: Number(port) };
    const server = connect(to.port, to.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      server.write(head);
      server.pipe(client).pipe(server);
    });
    for (const s of [client, server]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
  });
  proxy.on('close', () => {
    for (const s of sockets) s.destroy();
  });
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  tls = createHttpsServer({ cert: readFileSync(CA_FILE, 'utf8'), key: TLS_KEY }, (req, res) => {
    const out = forward({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(out);
  });
  await new Promise<void>((done) => tls.listen(0, '127.0.0.1', done));
  tlsUrl = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/v1.0`;
  entra = await startFakeEntra();
}, 30_000);

afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise<void>((done) => proxy.close(() => done()));
  tls.closeAllConnections();
  await new Promise<void>((done) => tls.close(() => done()));
  await entra.close();
  await emu.close();
});

beforeEach(() => {
  tunnels.length = 0;
});

const READ_ONLY = ['--grep', '^templates/answers-200', '--reporter', 'console,json'];

describe('--proxy', () => {
  it('sends every Graph request through the proxy, and says so', async () => {
    const out = tempDir();
    const run = await gsc(['run', ...runFlags(emu.url, emu, TOKEN), ...READ_ONLY, '--proxy', proxyUrl, '--out', out]);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stderr).toContain(`gsc: requests go through the proxy ${proxyUrl}`);
    expect(readResults(out).counts.passed).toBe(1);
    const port = new URL(emu.url).port;
    expect(tunnels.length).toBeGreaterThan(0);
    expect(tunnels.every((t) => t === `127.0.0.1:${port}`)).toBe(true);
  });

  it('goes straight to a NO_PROXY host (either case), opening no tunnel', async () => {
    for (const name of ['NO_PROXY', 'no_proxy']) {
      const run = await gsc(['run', ...runFlags(emu.url, emu, TOKEN), ...READ_ONLY, '--proxy', proxyUrl, '--out', tempDir()], { env: { [name]: 'localhost,127.0.0.1' } });
      expect(run.code, run.stderr).toBe(0);
      expect(tunnels, name).toEqual([]);
    }
  });

  it('a proxy that is not listening: exit 3, and the message says the proxy refused, not the target', async () => {
    const run = await gsc(['run', ...runFlags(emu.url, emu, TOKEN), ...READ_ONLY, '--proxy', 'http://127.0.0.1:9', '--out', tempDir()]);
    expect(run.code).toBe(3);
    const origin = new URL(emu.url).origin;
    expect(run.stderr).toContain(`cannot connect to the proxy http://127.0.0.1:9 (ECONNREFUSED), so nothing reached ${origin}: is the proxy running, and is --proxy (or HTTPS_PROXY / HTTP_PROXY) right?`);
    expect(run.stderr).not.toContain(`cannot connect to ${origin}`);
  });

  it('a proxy whose host does not resolve: the message names the proxy', async () => {
    const run = await gsc(['run', ...runFlags(emu.url, emu, TOKEN), ...READ_ONLY, '--proxy', 'http://proxy.gsc-test.invalid:3128', '--out', tempDir()]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/cannot connect to the proxy http:\/\/proxy\.gsc-test\.invalid:3128 \((ENOTFOUND|EAI_AGAIN)\)/);
  });

  it('a target that is not listening, with no proxy: the message names the target', async () => {
    const run = await gsc(['run', ...runFlags('http://127.0.0.1:9/v1.0', emu, TOKEN), ...READ_ONLY, '--out', tempDir()]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('cannot connect to http://127.0.0.1:9 (ECONNREFUSED): is the target running, and is --target right?');
  });

  it('a proxy that is not a URL: exit 2, with a hint that shows where a login goes (and is not hidden as one)', async () => {
    const run = await gsc(['run', ...runFlags(emu.url, emu, TOKEN), '--proxy', 'not a url', '--out', tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--proxy is not a URL: write the proxy as http://HOST:PORT, with USER:PASSWORD@ before HOST if it needs a login');
    expect(run.stderr).not.toContain('[REDACTED]');
  });

  it('a proxy URL that is not http(s): exit 2 before anything is sent', async () => {
    const run = await gsc(['run', ...runFlags(emu.url, emu, TOKEN), '--proxy', 'ftp://127.0.0.1:21', '--out', tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--proxy must be an http:// or https:// proxy URL, not ftp:');
  });
});

describe('HTTPS_PROXY and HTTP_PROXY from the environment', () => {
  it.each(['HTTP_PROXY', 'http_proxy'])('%s carries an http: target that only the proxy can reach', async (name) => {
    const run = await gsc(['run', ...runFlags(`http://${HIDDEN_HOST}/v1.0`, emu, TOKEN), ...READ_ONLY, '--out', tempDir()], { env: { [name]: proxyUrl } });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(tunnels).toContain(`${HIDDEN_HOST}:80`);
  });

  it('HTTP_PROXY without a scheme (HOST:PORT) is an http:// proxy, as curl reads it', async () => {
    const run = await gsc(['run', ...runFlags(`http://${HIDDEN_HOST}/v1.0`, emu, TOKEN), ...READ_ONLY, '--out', tempDir()], { env: { HTTP_PROXY: new URL(proxyUrl).host } });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stderr).toContain(`gsc: requests go through the proxy ${proxyUrl}`);
    expect(tunnels).toContain(`${HIDDEN_HOST}:80`);
  });

  it('HTTPS_PROXY without a scheme is accepted the same way, never refused as not http(s)', async () => {
    const run = await gsc(['run', ...runFlags(emu.url, emu, TOKEN), ...READ_ONLY, '--out', tempDir()], { env: { HTTPS_PROXY: new URL(proxyUrl).host } });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stderr).toContain(`gsc: requests go through the proxy ${proxyUrl}`);
  });

  it.each(['HTTPS_PROXY', 'https_proxy'])('%s carries an https: target, which trusts the --ca-file CA through the tunnel', async (name) => {
    const run = await gsc(['run', ...runFlags(tlsUrl, emu, TOKEN), ...READ_ONLY, '--ca-file', CA_FILE, '--proxy', proxyUrl, '--out', tempDir()], { env: { [name]: 'http://127.0.0.1:9' } });
    // --proxy wins over the variable, which names a dead port.
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(tunnels).toEqual(expect.arrayContaining([new URL(tlsUrl).host]));
  });

  it('never applies to this machine: a loopback target stays reachable behind a dead HTTPS_PROXY', async () => {
    const run = await gsc(['run', ...runFlags(emu.url, emu, TOKEN), ...READ_ONLY, '--out', tempDir()], { env: { HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9' } });
    expect(run.code, run.stderr).toBe(0);
  });
});

describe('--ca-file for a TLS-inspecting proxy', () => {
  it('without it, a self-signed CA stops the run with exit 3 and the fix', async () => {
    const run = await gsc(['run', ...runFlags(tlsUrl, emu, TOKEN), ...READ_ONLY, '--out', tempDir()]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/certificate/i);
    expect(run.stderr).toContain('--ca-file');
  });

  it('with it, the run trusts the CA and passes, counting the certificates of the file, not Node\'s own', async () => {
    const run = await gsc(['run', ...runFlags(tlsUrl, emu, TOKEN), ...READ_ONLY, '--ca-file', CA_FILE, '--out', tempDir()]);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stderr).toContain('gsc: requests go trusting 1 CA certificate(s) from --ca-file\n');
  });

  it('NODE_EXTRA_CA_CERTS beside it is counted apart', async () => {
    const run = await gsc(['run', ...runFlags(tlsUrl, emu, TOKEN), ...READ_ONLY, '--ca-file', CA_FILE, '--out', tempDir()], { env: { NODE_EXTRA_CA_CERTS: CA_FILE } });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stderr).toContain('gsc: requests go trusting 1 CA certificate(s) from --ca-file and 1 CA certificate(s) from NODE_EXTRA_CA_CERTS');
  });

  it('a file without a certificate: exit 2 naming it', async () => {
    const run = await gsc(['run', ...runFlags(tlsUrl, emu, TOKEN), '--ca-file', fileURLToPath(new URL('../../fixtures/auth/README.md', import.meta.url)), '--out', tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--ca-file: .*README\.md holds no PEM certificate/);
  });
});

describe('sign-in takes the same network path', () => {
  it('the token request goes through the proxy and trusts the --ca-file CA', async () => {
    entra.onToken(() => ({ status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: TOKEN } }));
    const before = entra.tokenRequests.length;
    const run = await gsc([
      'run', '--tenant-id', TENANT, '--client-id', APP, '--authority', entra.authority, '--proxy', proxyUrl, '--ca-file', CA_FILE,
      '--target', emu.url, '--service-principal', emu.fixtures.servicePrincipalId, '--template', emu.fixtures.templateId, ...READ_ONLY, '--out', tempDir(),
    ], { env: { GSC_CLIENT_SECRET: 'TEST-ONLY~corporate-network-secret~1f2e3d' } });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(entra.tokenRequests.length).toBe(before + 1);
    expect(tunnels).toContain(new URL(entra.authority).host);
    expect(tunnels).toContain(new URL(emu.url).host);
  });
});
