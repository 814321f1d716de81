import { parseArgs } from 'node:util';
import { parseDuration } from '../common/duration.js';
import { listBehaviours } from './behaviours.js';
import { listDeviations } from './deviations/index.js';
import { FixtureError, loadFixtures } from './fixtures/load.js';
import { RecordingError } from './replay/recording.js';
import { startEmulator } from './server.js';
import { makeSelfSignedCertificate, readTlsFiles, type SelfSignedCertificate } from './tls.js';
import type { EmulatorOptions } from './types.js';

/** Streams and an optional stop signal (tests use it instead of SIGINT). */
export interface EmulatorCommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Stops the emulator like SIGINT does. */
  signal?: AbortSignal;
}

const USAGE = `Usage: gsc emulator [options]

Serves the Microsoft Graph synchronization jobs API on loopback, as the contract says it
behaves, or with chosen deviations to prove a suite can fail. Runs until Ctrl+C.

Options:
  --port N               port to listen on (default 0: a free port)
  --host HOST            interface to listen on (default 127.0.0.1)
  --fixtures FILE        service principals, templates and tokens (YAML or JSON)
  --deviate NAME         break one contract point; repeat or give a comma list
  --list-deviations      print every deviation and the contract point it breaks
  --behave NAME          act as the real service does beyond the create page (allowed
                         behaviour, not a deviation); repeat, give a comma list, or all
  --list-behaviours      print every behaviour, what it does and where it is seen
  --throttle SHARE       answer this share (0..1) of requests 429 with Retry-After
  --throttle-every N     answer every Nth request (by arrival) 429 with Retry-After,
                         whatever the shares draw (5: every fifth)
  --retry-after S        seconds in Retry-After on 429 and 503 (default 1)
  --unavailable SHARE    answer this share (0..1) of requests 503
  --latency D            delay every answer by D, a duration with its unit (250ms, 2s)
  --reset SHARE          drop the connection of this share (0..1) of requests
  --seed N               repeat the same faults in the same order
  --consistency-delay D  reads answer 404 for D after a create (eventual consistency;
                         default 0, or 1.5s with --behave read-lag)
  --body-limit BYTES     answer 413 to larger bodies (default 1048576)
  --max-jobs N           refuse creates beyond N stored jobs with 403 QuotaExceeded (default 5000)
  --page-size N          jobs per list page without $top; more pages follow @odata.nextLink
                         (default 100, or 1 with --behave paged-lists)
  --provision-window D   provisionOnDemand allows 5 calls per D per service principal, then 429
                         with Retry-After D (default 10s, the documented limit)
  --tls                  serve HTTPS with a self-signed certificate made at start-up; its
                         path is printed, for NODE_EXTRA_CA_CERTS, and removed at the end
  --cert FILE --key FILE serve HTTPS with this PEM certificate and key (implies --tls)
  --replay FILE.har      answer from a recording (gsc proxy --record) instead of emulating:
                         each request gets the recorded answer it matches, in order; one
                         with none gets 501 NoRecordedAnswer naming it (and a stderr line)
  -h, --help             show this help
`;

/** A flag value that is wrong; the message says which and how to fix it. */
class FlagError extends Error {}

function share(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !(n >= 0 && n <= 1)) throw new FlagError(`--${flag} takes a share between 0 and 1 (e.g. 0.2), got '${text}'`);
  return n;
}

function whole(flag: string, text: string | undefined, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n > max) throw new FlagError(`--${flag} takes a whole number from 0 to ${max}, got '${text}'`);
  return n;
}

function positive(flag: string, text: string | undefined): number | undefined {
  const n = whole(flag, text, 100_000);
  if (n === 0) throw new FlagError(`--${flag} takes a whole number from 1 to 100000, got '${text}'`);
  return n;
}

/** Whether `host` only accepts connections from this machine. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The warning for an emulator other machines can reach while it accepts the default token, which
 * is printed at start and written in the repository; undefined when there is nothing to warn of.
 */
export function exposureWarning(host: string, ownFixtures: boolean): string | undefined {
  if (isLoopback(host) || ownFixtures) return undefined;
  return `gsc emulator: warning: listening on ${host}, reachable from other machines, with the default token everyone knows; give your own tokens with --fixtures, or listen on 127.0.0.1`;
}

/**
 * A duration with its unit (`500ms`, `2s`, `1m`), read by the one grammar gsc uses everywhere
 * (`common/duration.ts`, a pure function of text that imports nothing, so sharing it costs the
 * emulator no independence). A bare number is refused with its unit.
 */
function duration(flag: string, text: string | undefined, min = 0): number | undefined {
  if (text === undefined) return undefined;
  const parsed = parseDuration(text);
  if ('problem' in parsed) throw new FlagError(`--${flag} ${text.trim()}: ${parsed.problem}`);
  if (parsed.ms < min) throw new FlagError(`--${flag} ${text.trim()}: must be at least ${min}ms`);
  return parsed.ms;
}

function optionsFrom(values: Record<string, string | boolean | string[] | undefined>): EmulatorOptions {
  const s = (k: string): string | undefined => values[k] as string | undefined;
  const list = (key: string): string[] => ((values[key] as string[] | undefined) ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const deviations = list('deviate');
  const behaviours = list('behave');
  const chaos = {
    throttleShare: share('throttle', s('throttle')),
    throttleEvery: positive('throttle-every', s('throttle-every')),
    retryAfterSeconds: whole('retry-after', s('retry-after')),
    unavailableShare: share('unavailable', s('unavailable')),
    latencyMs: duration('latency', s('latency')),
    resetShare: share('reset', s('reset')),
    seed: whole('seed', s('seed'), 2 ** 32 - 1),
  };
  return {
    port: whole('port', s('port'), 65535) ?? 0,
    host: s('host') ?? '127.0.0.1',
    deviations,
    behaviours,
    chaos: Object.fromEntries(Object.entries(chaos).filter(([, v]) => v !== undefined)),
    ...(s('consistency-delay') !== undefined ? { consistencyDelayMs: duration('consistency-delay', s('consistency-delay')) } : {}),
    bodyLimitBytes: whole('body-limit', s('body-limit')) ?? 1024 * 1024,
    ...(s('max-jobs') !== undefined ? { maxJobs: whole('max-jobs', s('max-jobs')) } : {}),
    ...(s('page-size') !== undefined ? { pageSize: positive('page-size', s('page-size')) } : {}),
    ...(s('provision-window') !== undefined ? { provisionWindowMs: duration('provision-window', s('provision-window'), 1) } : {}),
  };
}

function waitForStop(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (signal?.aborted) stop();
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/**
 * `gsc emulator`: starts the emulator and runs until SIGINT/SIGTERM (or `io.signal`).
 * Returns the exit code: 0 after a clean stop, --help or --list-deviations; 2 for bad flags or
 * fixtures (message and usage on stderr); 1 when it cannot listen. Never prints a stack trace.
 */
export async function runEmulatorCommand(argv: string[], io: EmulatorCommandIo): Promise<number> {
  let options: EmulatorOptions;
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' }, host: { type: 'string' }, fixtures: { type: 'string' },
        deviate: { type: 'string', multiple: true }, 'list-deviations': { type: 'boolean' },
        behave: { type: 'string', multiple: true }, 'list-behaviours': { type: 'boolean' },
        throttle: { type: 'string' }, 'throttle-every': { type: 'string' }, 'retry-after': { type: 'string' }, unavailable: { type: 'string' },
        latency: { type: 'string' }, reset: { type: 'string' }, seed: { type: 'string' },
        'consistency-delay': { type: 'string' }, 'body-limit': { type: 'string' }, 'max-jobs': { type: 'string' }, 'page-size': { type: 'string' }, 'provision-window': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        tls: { type: 'boolean' }, cert: { type: 'string' }, key: { type: 'string' }, replay: { type: 'string' },
      },
    }));
    if (values.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    if (values['list-deviations']) {
      const width = Math.max(...listDeviations().map((d) => d.name.length));
      for (const d of listDeviations()) io.stdout.write(`${d.name.padEnd(width)}  breaks: ${d.breaks}\n`);
      return 0;
    }
    if (values['list-behaviours']) {
      const width = Math.max(...listBehaviours().map((b) => b.name.length));
      for (const b of listBehaviours()) io.stdout.write(`${b.name.padEnd(width)}  ${b.does}\n${' '.repeat(width + 2)}seen: ${b.sources.join(' ')}\n`);
      return 0;
    }
    options = optionsFrom(values);
    if (typeof values.fixtures === 'string') options.fixtures = await loadFixtures(values.fixtures);
    if (typeof values.replay === 'string') options.replay = values.replay;
    if ((values.cert === undefined) !== (values.key === undefined)) throw new FlagError('--cert and --key go together: give both PEM files, or neither (--tls alone makes a certificate)');
    if (typeof values.cert === 'string' && typeof values.key === 'string') options.tls = readTlsFiles(values.cert, values.key);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`gsc emulator: ${message.replace(/^(Unknown option|Option) /, (m) => m.toLowerCase())}\n\n${error instanceof FixtureError ? '' : USAGE}`);
    return 2;
  }
  let handle;
  let made: SelfSignedCertificate | undefined;
  try {
    if (values.tls && !options.tls) options.tls = made = await makeSelfSignedCertificate();
    handle = await startEmulator({ ...options, log: (line) => void io.stderr.write(`${line}\n`) });
  } catch (error) {
    made?.remove();
    const message = error instanceof Error ? error.message : String(error);
    const usage = /deviation|behaviour|chaos/.test(message) || error instanceof RecordingError;
    io.stderr.write(`gsc emulator: ${message.replace(/^gsc emulator: /, '')}\n${usage && !(error instanceof RecordingError) ? `\n${USAGE}` : ''}`);
    return usage ? 2 : 1;
  }
  try {
    const f = handle.fixtures;
    const exposed = options.replay ? undefined : exposureWarning(options.host ?? '127.0.0.1', options.fixtures !== undefined);
    if (exposed) io.stderr.write(`${exposed}\n`);
    if (options.replay) io.stdout.write(`Emulator replaying ${options.replay} on ${handle.url}\n`);
    else io.stdout.write(`Emulator listening on ${handle.url} (service principal ${f.servicePrincipalId}, template ${f.templateId}, token ${f.token})\n`);
    if (made) io.stdout.write(`Self-signed certificate: ${made.certFile} (trust it with NODE_EXTRA_CA_CERTS=${made.certFile}; removed when the emulator stops)\n`);
    if (options.deviations?.length) io.stdout.write(`Deviating from the contract on purpose: ${options.deviations.join(', ')}\n`);
    if (options.behaviours?.length) {
      // `all` is spelled out, so the user sees what the emulator now does.
      const names = options.behaviours.includes('all') ? listBehaviours().map((b) => b.name) : options.behaviours;
      io.stdout.write(`Behaving as the real service does: ${names.join(', ')}\n`);
    }
    await waitForStop(io.signal);
    await handle.close();
  } finally {
    made?.remove();
  }
  io.stdout.write('Emulator stopped.\n');
  return 0;
}
