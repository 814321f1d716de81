import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { resolveBehaviours } from './behaviours.js';
import { ArrivalLog, createChaos } from './chaos.js';
import { composeHooks, resolveDeviations } from './deviations/index.js';
import type { Env } from './env.js';
import { defaultFixtures } from './fixtures/defaults.js';
import { fixtureProblems, normalizeFixtures } from './fixtures/load.js';
import { newGuid } from './ids.js';
import { createPipeline } from './pipeline.js';
import { graphDate, JSON_CONTENT_TYPE } from './reply.js';
import { createReplayListener } from './replay/listener.js';
import { readRecording } from './replay/recording.js';
import { JobStore } from './store.js';
import type { EmulatorHandle, EmulatorOptions } from './types.js';

const MIB = 1024 * 1024;

function checkNumber(name: string, value: number | undefined, max = Number.MAX_SAFE_INTEGER): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= max)) {
    throw new Error(`${name} must be a whole number from 0 to ${max}, got ${value}`);
  }
}

/**
 * Answers what Node's parser rejects (oversized headers, garbage bytes) with a Graph-shaped
 * error instead of a bare close, and ignores sockets that are already gone.
 */
function onClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, text, code] =
    error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large', 'RequestHeaderFieldsTooLarge'] : [400, 'Bad Request', 'BadRequest'];
  const id = newGuid();
  const body = JSON.stringify({
    error: { code, message: `The request could not be parsed (${error.code ?? 'unknown'}).`, innerError: { date: graphDate(), 'request-id': id, 'client-request-id': id } },
  });
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: ${JSON_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `request-id: ${id}\r\nclient-request-id: ${id}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException): void =>
      reject(new Error(error.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use; pick another with --port, or 0 for a free one` : `cannot listen on ${host}:${port}: ${error.message}`));
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve();
    });
  });
}

/** Jobs the emulator holds at most unless told otherwise: far above any suite, far below a memory problem. */
export const DEFAULT_MAX_JOBS = 5000;
/** Jobs per list page unless the client sends `$top`. */
export const DEFAULT_PAGE_SIZE = 100;

/** Starts an emulator of the Graph synchronization API; options are checked first and throw clear Errors. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const deviations = resolveDeviations(options.deviations ?? []);
  const behave = resolveBehaviours(options.behaviours ?? []);
  const chaos = createChaos(options.chaos);
  checkNumber('port', options.port, 65535);
  checkNumber('bodyLimitBytes', options.bodyLimitBytes);
  checkNumber('consistencyDelayMs', options.consistencyDelayMs);
  checkNumber('maxJobs', options.maxJobs);
  checkNumber('provisionWindowMs', options.provisionWindowMs);
  checkNumber('pageSize', options.pageSize);
  if (options.pageSize === 0) throw new Error('pageSize must be at least 1');
  // The defaults are checked by the tests (fixtures/emulator/default.yaml parses to them); only given fixtures are checked here.
  const problems = options.fixtures ? fixtureProblems(options.fixtures) : [];
  if (problems.length > 0) throw new Error(`invalid fixtures:\n  ${problems.join('\n  ')}`);
  const fixtures = normalizeFixtures(options.fixtures ?? defaultFixtures());
  const host = options.host ?? '127.0.0.1';
  const env: Env = {
    store: new JobStore(),
    fixtures,
    hooks: composeHooks(deviations),
    behave,
    consistencyDelayMs: Math.max(options.consistencyDelayMs ?? 0, behave.readLagMs),
    retryAfterSeconds: options.chaos?.retryAfterSeconds ?? 1,
    maxJobs: options.maxJobs ?? DEFAULT_MAX_JOBS,
    provisionWindowMs: options.provisionWindowMs ?? 10_000,
    // The paged-lists behaviour sets a page of one job, whatever the option says.
    pageSize: behave.pageSize > 0 ? behave.pageSize : (options.pageSize ?? DEFAULT_PAGE_SIZE),
    now: () => Date.now(),
  };
  let count = 0;
  // The origin is known only once listening; the pipeline reads it per request.
  const arrivals = new ArrivalLog(options.chaos !== undefined);
  const pipelineOptions = {
    bodyLimitBytes: options.bodyLimitBytes ?? MIB, latencyMs: options.chaos?.latencyMs ?? 0, chaos, origin: '',
    log: arrivals, conflictOnFirstDelete: options.chaos?.conflictOnFirstDelete === true,
  };
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const handle: (req: IncomingMessage, res: ServerResponse) => void = options.replay
    ? createReplayListener(readRecording(options.replay), options.replay, log)
    : ((pipeline) => (req, res) => void pipeline(req, res))(createPipeline(env, pipelineOptions));
  const serverOptions = { headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000 };
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    count++;
    handle(req, res);
  };
  const server: Server = options.tls ? createHttpsServer({ ...serverOptions, cert: options.tls.cert, key: options.tls.key }, listener) : createServer(serverOptions, listener);
  server.on('clientError', onClientError);
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  const origin = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  pipelineOptions.origin = origin;
  const first = fixtures.servicePrincipals[0];
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/v1.0`,
    origin,
    fixtures: { servicePrincipalId: first?.id ?? '', templateId: first?.templates[0]?.id ?? '', token: fixtures.tokens[0] ?? '' },
    jobs: () => env.store.all().map((j) => ({ servicePrincipalId: j.servicePrincipalId, id: j.doc.id, templateId: String(j.doc.templateId) })),
    requestCount: () => count,
    earlyArrivals: (inFlightMs = 0) => arrivals.early(inFlightMs),
    promisedWaits: () => arrivals.promiseCount(),
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
