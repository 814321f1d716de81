import { dirname, resolve } from 'node:path';
import { makeSelfSignedCertificate, readTlsFiles, type SelfSignedCertificate, type TlsMaterial } from '../../emulator/index.js';
import { startProxy, type ProxyHandle } from '../../proxy/index.js';
import { combineReporters, createReporters, UnknownReporterError } from '../../report/index.js';
import { didYouMean } from '../../common/did-you-mean.js';
import { parseSettings, type Settings } from '../args.js';
import { EXIT, UsageError } from '../../run/exit-codes.js';
import { proxyFlags } from '../flags.js';
import { ensureFolder } from '../../run/folders.js';
import { formatHelp } from '../help.js';
import type { CliIo } from '../io.js';
import { println, useColor } from '../io.js';
import { project } from '../../run/project.js';
import { parseLevel, parseList, parsePositiveInt } from '../../run/values.js';

/** The certificate the proxy serves: the given files, one made now (`--tls`), or none. */
async function tlsOf(s: Settings): Promise<{ tls?: TlsMaterial; made?: SelfSignedCertificate }> {
  const cert = s.get('cert');
  const key = s.get('key');
  if ((cert === undefined) !== (key === undefined)) throw new UsageError('--cert and --key go together: give both PEM files, or neither (--tls alone makes a certificate)');
  if (cert !== undefined && key !== undefined) {
    try {
      return { tls: readTlsFiles(cert, key) };
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  if (!s.flag('tls')) return {};
  const made = await makeSelfSignedCertificate();
  return { tls: made, made };
}

function portOf(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d+$/.test(text.trim()) || Number(text) > 65535) throw new UsageError(`--port ${JSON.stringify(text)} must be a whole number from 0 to 65535 (0 picks a free port)`);
  return Number(text);
}

/** Resolves when the proxy stops by itself (`--exit-after`), or stops it on SIGINT/SIGTERM. */
function untilStopped(handle: ProxyHandle, signal: AbortSignal | undefined): ReturnType<ProxyHandle['stop']> {
  if (signal?.aborted) return handle.stop();
  signal?.addEventListener('abort', () => void handle.stop().catch(() => undefined), { once: true });
  return handle.done;
}

/**
 * `gsc proxy --upstream URL`: a validating proxy for SDK traffic. Runs until SIGINT/SIGTERM or
 * `--exit-after N`, then writes the reports; the exit code is a run's (0, 1, or 3 when an
 * exchange could not be forwarded).
 */
export async function proxyCommand(argv: string[], io: CliIo): Promise<number> {
  const s = parseSettings(argv, proxyFlags, io.env);
  if (s.flag('help')) {
    println(io.stdout, formatHelp('proxy'));
    return EXIT.conformant;
  }
  if (s.positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(s.positionals[0])}: gsc proxy takes flags only (see --help)`);
  const upstream = s.get('upstream');
  if (upstream === undefined) throw new UsageError('--upstream URL is required: the emulator or Graph root to forward to, e.g. --upstream http://127.0.0.1:8080/v1.0 (or GSC_UPSTREAM)');
  const failLevel = parseLevel(s.get('level') ?? 'MUST', s.source('level')?.label ?? '--level');
  const exitAfterText = s.get('exit-after');
  const exitAfter = exitAfterText === undefined ? undefined : parsePositiveInt(exitAfterText, '--exit-after');
  const port = portOf(s.get('port'));
  const outDir = resolve(io.cwd, s.get('out') ?? 'reports');
  const record = s.get('record');
  let reporters;
  try {
    reporters = createReporters(parseList(s.get('reporter') ?? 'console,junit,json'), { outDir, stream: io.stdout, color: useColor(io.stdout, io.env), verbose: s.flag('verbose'), env: io.env });
  } catch (err) {
    if (!(err instanceof UnknownReporterError)) throw err;
    const hint = err.unknown.map((n) => didYouMean(n, err.valid)).find(Boolean);
    throw new UsageError(`--reporter: ${err.message}${hint ? ` (did you mean "${hint}"?)` : ''}`);
  }
  ensureFolder(outDir, '--out');
  if (record !== undefined) ensureFolder(dirname(resolve(io.cwd, record)), '--record');
  const { tls, made } = await tlsOf(s);
  const root = project();
  let handle: ProxyHandle;
  try {
    handle = await startProxy({
      upstream,
      specsDir: root.specs,
      schemasDir: root.schemas,
      port,
      reporter: combineReporters(reporters),
      failLevel,
      version: root.version,
      ...(tls ? { tls } : {}),
      ...(exitAfter !== undefined ? { exitAfter } : {}),
      ...(record !== undefined ? { record: resolve(io.cwd, record) } : {}),
    });
  } catch (error) {
    made?.remove();
    throw new UsageError((error as Error).message);
  }
  try {
    println(io.stderr, `gsc proxy: listening on ${handle.url}, forwarding to ${upstream}`);
    if (made) println(io.stderr, `gsc proxy: self-signed certificate ${made.certFile}; trust it with NODE_EXTRA_CA_CERTS=${made.certFile} (removed when the proxy stops)`);
    println(io.stderr, `gsc proxy: reports are written when it stops: ${exitAfter !== undefined ? `after ${exitAfter} exchange(s), or ` : ''}on Ctrl-C or SIGTERM`);
    const summary = await untilStopped(handle, io.signal);
    if (record !== undefined) println(io.stderr, `gsc proxy: recorded ${handle.count()} exchange(s) in ${record}`);
    return { conformant: EXIT.conformant, 'non-conformant': EXIT.nonConformant, incomplete: EXIT.untestable }[summary.verdict];
  } finally {
    made?.remove();
  }
}
