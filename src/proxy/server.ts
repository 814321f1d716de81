import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import type { CaseResult, Counts, Exchange, RunInfo, RunSummary } from '../model/index.js';
import { countsAt } from '../report/verdict.js';
import { loadContract, type Contract } from './contract.js';
import { decodedBody, forward, readRequest, type Forwarded } from './forward.js';
import { harDocument, harEntry, type HarEntry } from './har.js';
import { judgeExchange, type ProxiedExchange } from './judge.js';
import { TrafficRedactor } from './redact.js';
import type { ProxyHandle, ProxyOptions } from './types.js';

/** Parses the upstream base URL; a clear Error says what is wrong with it. */
function upstreamOf(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--upstream ${JSON.stringify(text)} is not a URL; give the base URL with the version segment, e.g. http://127.0.0.1:8080/v1.0`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--upstream ${text}: only http: and https: upstreams can be proxied`);
  return url;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException): void => reject(new Error(error.code === 'EADDRINUSE' ? `port ${port} is already in use; pick another with --port, or 0 for a free one` : `cannot listen on 127.0.0.1:${port}: ${error.message}`));
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      resolve();
    });
  });
}

/** The bytes as text for checks and reports: UTF-8, or a note when they are not text. */
function asText(body: Buffer): string {
  const text = body.toString('utf8');
  return Buffer.from(text, 'utf8').equals(body) ? text : `[${body.length} bytes of binary data]`;
}

/** The exchange as kept: redacted, the answer decoded for the checks. */
function toExchange(f: Forwarded, url: string, durationMs: number, redactor: TrafficRedactor): Exchange {
  const exchange: Exchange = {
    request: { method: f.request.method, url: redactor.text(url), headers: redactor.headers(f.request.headers) },
    response: { status: f.response?.status ?? 502, headers: redactor.headers(f.response?.headers ?? {}), body: '' },
    durationMs,
  };
  if (f.request.body.length > 0) exchange.request.body = redactor.text(asText(f.request.body));
  if (f.response) {
    const body = redactor.text(asText(decodedBody(f.response.body, f.response.headers['content-encoding'])));
    exchange.response.body = body;
    if (body !== '') {
      try {
        exchange.response.json = JSON.parse(body);
      } catch (error) {
        exchange.response.jsonError = (error as Error).message;
      }
    }
  }
  return exchange;
}

/** The verdict of a run, from the cases: a failure at the failing level, else an error, decides. */
function summarize(cases: CaseResult[], failLevel: ProxyOptions['failLevel'], durationMs: number): RunSummary {
  const counts: Counts = { passed: 0, failed: 0, error: 0, skipped: 0 };
  for (const c of cases) counts[c.status]++;
  const failing = cases.some((c) => c.status === 'failed' && countsAt(c.level, failLevel ?? 'MUST'));
  const verdict = failing ? 'non-conformant' : counts.error > 0 ? 'incomplete' : 'conformant';
  return { counts, durationMs, verdict, conformant: verdict === 'conformant' };
}

/**
 * Starts a validating proxy on 127.0.0.1: each request is forwarded to the upstream and its
 * answer streamed back unchanged; both are checked against the specs and reported as one case
 * named by its operation. Credentials pass through to the upstream but are never kept.
 * @throws Error with a message fit to show for a bad upstream, unreadable specs or a busy port.
 */
export async function startProxy(options: ProxyOptions): Promise<ProxyHandle> {
  const upstream = upstreamOf(options.upstream);
  const basePath = upstream.pathname.replace(/\/+$/, '');
  const contract: Contract = await loadContract(options.specsDir, options.schemasDir);
  const redactor = new TrafficRedactor();
  const dispatcher = new Agent({ keepAliveTimeout: 5_000 });
  const reporter = options.reporter;
  const cases: CaseResult[] = [];
  const har: HarEntry[] = [];
  const inFlight = new Set<Promise<void>>();
  const started = Date.now();
  let seq = 0;
  let completed = 0;
  let reporting: Promise<void> = Promise.resolve();
  let reportError: unknown;
  let origin = '';
  const report = (fn: () => void | Promise<void> | undefined): void => {
    reporting = reporting.then(fn).catch((error: unknown) => void (reportError ??= error));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const mine = ++seq;
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    redactor.learn(req.headers);
    const body = await readRequest(req);
    if (body === undefined) {
      res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ error: { code: 'RequestEntityTooLarge', message: 'gsc proxy: the request body is larger than 16 MiB' } }));
      return;
    }
    const forwarded = await forward(req, body, res, upstream.origin, dispatcher);
    const exchange = toExchange(forwarded, `${origin}${req.url ?? '/'}`, Math.round(performance.now() - t0), redactor);
    const proxied: ProxiedExchange = { seq: mine, exchange, startedAt };
    if (forwarded.failure) proxied.error = { code: forwarded.response ? 'protocol' : 'connect', message: redactor.text(forwarded.failure) };
    let result: CaseResult;
    try {
      result = judgeExchange(proxied, contract, basePath);
    } catch (error) {
      result = { ...judgeExchange({ ...proxied, error: { code: 'internal', message: (error as Error).message } }, { ...contract, operations: [] }, basePath), status: 'error' };
    }
    cases.push(result);
    har.push(harEntry(exchange, startedAt));
    report(() => reporter?.onCaseEnd?.(result));
    completed++;
    if (options.exitAfter !== undefined && completed >= options.exitAfter) void stop();
  };

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    // A client that goes away mid-request ends its exchange here, unrecorded; nothing may throw on.
    const p = handle(req, res).catch(() => {
      try {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      } catch {
        res.destroy();
      }
    });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener) : createServer(listener);
  await listen(server, options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const info: RunInfo = { tool: { name: 'graph-sync-conformance', version: options.version ?? '0.0.0' }, target: `gsc proxy ${origin}${basePath} → ${upstream.origin}${basePath}`, startedAt: new Date(started).toISOString(), total: options.exitAfter ?? 0, failLevel: options.failLevel ?? 'MUST' };
  report(() => reporter?.onRunStart?.(info));

  let resolveDone!: (summary: RunSummary) => void;
  let rejectDone!: (error: unknown) => void;
  const done = new Promise<RunSummary>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  let stopping: Promise<RunSummary> | undefined;
  const stop = (): Promise<RunSummary> =>
    (stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Exchanges in flight finish (their answers reach the client) before anything is written.
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      server.closeAllConnections();
      await closed;
      await dispatcher.close();
      const summary = summarize(cases, options.failLevel, Date.now() - started);
      report(() => reporter?.onRunEnd?.(summary));
      await reporting;
      if (options.record) writeFileSync(options.record, `${JSON.stringify(harDocument(har, options.version ?? '0.0.0'), null, 2)}\n`, { mode: 0o600 });
      if (reportError !== undefined) throw reportError;
      return summary;
    })().then(
      (summary) => {
        resolveDone(summary);
        return summary;
      },
      (error: unknown) => {
        rejectDone(error);
        throw error;
      },
    ));
  void done.catch(() => undefined);
  return { url: `${origin}${basePath}`, origin, count: () => completed, stop, done };
}
