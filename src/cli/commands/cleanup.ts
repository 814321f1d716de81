import { listAllPages } from '../../execute/pages.js';
import { lstatSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDispatcher } from '../../execute/network-path.js';
import { decideRetry, defaultRetryPolicy, isReplaySafe, type Attempt } from '../../execute/retry.js';
import { sleep } from '../../execute/sleep.js';
import { networkPathFor } from '../../run/network.js';
import { HttpClient, TransportError, type HttpResponse } from '../../execute/http.js';
import { cleanupFromLedger, type CleanupClient, type CleanupItem } from '../../execute/ledger/index.js';
import { Redactor } from '../../common/redact.js';
import { buildRequest } from '../../execute/request.js';
import { readSettings } from '../config/index.js';
import type { Settings } from '../args.js';
import { tokenProviderFor, wantsSignIn } from '../../run/credentials.js';
import { LEDGER_FILE } from '../../run/exec-context.js';
import { EXIT, UsageError } from '../../run/exit-codes.js';
import { targetUrl } from '../../run/target.js';
import { cleanupFlags } from '../flags.js';
import { settingsLabel, targetOptions } from '../run-options.js';
import { formatHelp } from '../help.js';
import type { CliIo } from '../io.js';
import { println } from '../io.js';
import { parseDuration } from '../../run/values.js';

/**
 * `gsc cleanup --ledger FILE`: deletes what runs recorded in the ledger and did not delete, and
 * settles creates whose answer was lost. Reports each item; exits 0 when nothing is left.
 */
export async function cleanupCommand(argv: string[], io: CliIo): Promise<number> {
  // Flags, then GSC_* variables, then the config file's target: see docs/configuration.md.
  const s = readSettings(argv, cleanupFlags, io);
  if (s === undefined) return EXIT.usage;
  if (s.flag('help')) {
    println(io.stdout, formatHelp('cleanup'));
    return EXIT.conformant;
  }
  const file = resolve(io.cwd, s.get('ledger') ?? `reports/${LEDGER_FILE}`);
  // A ledger that is not there is a wrong path: said before any credential is asked for or used.
  checkLedgerFile(file, s.source('ledger')?.label ?? '--ledger');
  if (s.get('token') === undefined && !wantsSignIn(targetOptions(s))) {
    throw new UsageError('cleanup needs the credentials the run used: --token (GSC_TOKEN), or --tenant-id, --client-id and a secret or certificate');
  }
  const label = settingsLabel(s);
  const network = networkPathFor(targetOptions(s), io.env, io.cwd, label);
  const direct = !network.httpProxy && !network.httpsProxy && !network.ca?.length;
  const signInPath = direct ? undefined : createDispatcher(network);
  const provider = tokenProviderFor(targetOptions(s), io.cwd, label, signInPath);
  const redactor = new Redactor();
  const http = new HttpClient({ timeoutMs: parseDuration(s.get('timeout') ?? '30s', s.source('timeout')?.label ?? '--timeout'), network });
  const target = configuredTarget(s);
  // Say where the token goes before anything is sent.
  println(io.stderr, `gsc cleanup: cleaning up on ${new URL(target.url).host} (${target.url}, from ${target.from})`);
  const token = async () => {
    const t = await provider.getToken();
    redactor.add(t, ...provider.secrets());
    return t;
  };
  try {
    const report = await cleanupFromLedger(file, clientFor(http, token, target.url), { target: target.url });
    for (const p of report.problems) println(io.stderr, `gsc cleanup: ${p.severity}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`);
    for (const item of report.items) println(io.stdout, line(item, redactor));
    const left = report.items.filter((i) => i.outcome === 'failed' || i.outcome === 'possibly-left-behind');
    println(io.stdout, `gsc cleanup: ${count(report.items, 'deleted')} deleted, ${count(report.items, 'already-gone')} already gone, ${count(report.items, 'failed')} failed, ${count(report.items, 'possibly-left-behind')} possibly left behind`);
    if (report.items.length === 0 && !report.problems.some((p) => p.severity === 'error')) println(io.stdout, 'Nothing to clean up.');
    return left.length > 0 || report.problems.some((p) => p.severity === 'error') ? EXIT.nonConformant : EXIT.conformant;
  } catch (err) {
    if (err instanceof TransportError) {
      println(io.stderr, `gsc cleanup: ${redactor.text(err.message)}`);
      return EXIT.untestable;
    }
    throw err;
  } finally {
    await http.close();
    await signInPath?.close();
  }
}

/** The ledger must be a file that exists: anything else is a usage error, exit 2. */
function checkLedgerFile(file: string, source: string): void {
  let isFile: boolean;
  try {
    isFile = lstatSync(file).isFile();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT'
      ? `there is no ledger at ${file}: give the ledger the run wrote with ${source} FILE (a run writes <out>/${LEDGER_FILE}); nothing was sent`
      : `cannot read the ledger ${file} (${code ?? (err as Error).message}); nothing was sent`);
  }
  if (!isFile) throw new UsageError(`${source}: ${file} is not a regular file; give the ledger file a run wrote; nothing was sent`);
}

/**
 * The target the user configured: a ledger is a file anyone may have edited, so the host it names
 * is never where the token goes. Signing in without a target means the cloud's Graph, as for `gsc run`.
 */
function configuredTarget(s: Settings): { url: string; from: string } {
  const url = targetUrl(targetOptions(s), settingsLabel(s));
  if (url === undefined) {
    throw new UsageError(`which target? cleanup sends its token only to the target you configure, never to one a ledger names: pass --target URL (or set GSC_TARGET, or name it in the config file) with the target the run used`);
  }
  const from = s.source('target')?.label ?? (s.get('target') !== undefined ? '--target' : 'the sign-in cloud');
  return { url, from };
}

/** The two calls a cleanup makes, against the configured target, with the run's credentials. */
function clientFor(http: HttpClient, token: () => Promise<string>, base: string): CleanupClient {
  // Throttling and dropped connections are retried as the run's policy says (Retry-After honoured),
  // so one 429 does not leave a listing unread or a job undeleted.
  const send = async (method: 'GET' | 'DELETE', path: string): Promise<HttpResponse> => {
    const req = await buildRequest({ method, path, headers: {}, auth: 'run', span: { file: '(cleanup)', line: 0, col: 0 } }, base, new Map(), token);
    for (let attempt = 1; ; attempt++) {
      let response: HttpResponse | undefined;
      let outcome: Attempt;
      try {
        response = await http.send(req);
        outcome = { status: response.status, headers: response.headers };
      } catch (err) {
        if (!(err instanceof TransportError)) throw err;
        outcome = { errorCode: err.code };
        const decision = decideRetry(attempt, outcome, defaultRetryPolicy, new Date());
        if (!decision.retry || !isReplaySafe(method, outcome)) throw err;
        await sleep(decision.delayMs);
        continue;
      }
      const decision = decideRetry(attempt, outcome, defaultRetryPolicy, new Date());
      if (!decision.retry || !isReplaySafe(method, outcome)) return response;
      await sleep(decision.delayMs);
    }
  };
  return {
    async list(collectionPath) {
      // Every page, following @odata.nextLink only within the target.
      const listed = await listAllPages(collectionPath, base, (path) => send('GET', path));
      if (!('items' in listed)) return { status: listed.status === 200 ? 502 : listed.status, ids: [], problem: listed.problem, ...(listed.absent ? { absent: true as const } : {}) };
      const jobs = listed.items as ({ id?: unknown; templateId?: unknown } | null)[];
      return { status: 200, ids: jobs.filter((j) => typeof j?.id === 'string').map((j) => ({ id: j!.id as string, ...(typeof j!.templateId === 'string' ? { templateId: j!.templateId } : {}) })) };
    },
    async delete(path) {
      return { status: (await send('DELETE', path)).status };
    },
  };
}

function count(items: CleanupItem[], outcome: CleanupItem['outcome']): number {
  return items.filter((i) => i.outcome === outcome).length;
}

function line(item: CleanupItem, redactor: Redactor): string {
  const label = { deleted: 'deleted', 'already-gone': 'already gone', failed: 'FAILED', 'possibly-left-behind': 'POSSIBLY LEFT BEHIND' }[item.outcome];
  return `${label.padEnd(21)}${item.id ?? '(no id)'}  ${item.path}  ${redactor.text(item.detail)}`;
}
