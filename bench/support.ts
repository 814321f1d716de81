/**
 * What every bench section shares: where the repository is, medians, warm-up then rounds, and
 * child processes that report back one JSON value (so memory and cold-start figures never mix).
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file in `bench/` or in `dist/bench/`. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'schemas'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('bench: cannot find the repository root (no package.json with schemas/ above this file)');
    dir = parent;
  }
  return dir;
}

/** The compiled file of a bench module, next to this one (dist/bench when built). */
export function benchFile(name: string): string {
  return join(dirname(fileURLToPath(import.meta.url)), name);
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('bench: median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs `warmup` unrecorded rounds, then `rounds` recorded ones. Each round returns its own
 * figure (a duration, a rate), so a round may time only the part that matters.
 */
export async function sample<T>(rounds: number, warmup: number, round: () => Promise<T> | T): Promise<T[]> {
  for (let i = 0; i < warmup; i++) await round();
  const out: T[] = [];
  for (let i = 0; i < rounds; i++) out.push(await round());
  return out;
}

/**
 * Rounds of two contenders taken in turn (A, B, A, B…), so a machine that slows down midway
 * (thermal, a neighbour) slows both alike instead of whichever ran second.
 */
export async function sampleSideBySide<A, B>(
  rounds: number,
  warmup: number,
  a: () => Promise<A> | A,
  b: () => Promise<B> | B,
): Promise<[A[], B[]]> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const xs: A[] = [];
  const ys: B[] = [];
  for (let i = 0; i < rounds; i++) {
    xs.push(await a());
    ys.push(await b());
  }
  return [xs, ys];
}

/** Peak resident set size of this process so far, in MB (maxRSS is in KiB). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** CPU time (user + system) this process has used so far, in ms. */
export function cpuTimeMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** What a child task sends back, plus the parent's view of its lifetime. */
export interface ChildOutcome<T> {
  result: T;
  /** From spawn to exit, as the parent saw it: includes Node's own start-up. */
  wallMs: number;
}

/** A child that runs longer than this is stuck: it is killed and the bench says so. */
const CHILD_TIMEOUT_MS = 60_000;

/**
 * Runs one task of `child.js` in a fresh Node process and resolves with the value it sent.
 * A child that fails, exits without answering or overruns rejects with its stderr attached.
 */
export function runChild<T>(task: string, arg: unknown, timeoutMs = CHILD_TIMEOUT_MS): Promise<ChildOutcome<T>> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // The argument goes over IPC, not argv: it may hold a token, and argv is public to the machine.
    const child = fork(benchFile('child.js'), [task], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [] });
    child.send(arg as object);
    let stderr = '';
    let result: { value: T } | undefined;
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('message', (message) => {
      result = { value: message as T };
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`bench: cannot start the child for "${task}": ${err.message}`));
    });
    // 'close', not 'exit': by then stderr has been read to the end, so a failure can be explained.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      if (result && code === 0) resolve({ result: result.value, wallMs });
      else reject(new Error(`bench: child task "${task}" ended with ${signal ?? `exit code ${code}`}${result ? '' : ' before answering'}${stderr ? `:\n${stderr.trim()}` : ''}`));
    });
  });
}

/** A child that serves (an emulator) until it is stopped. */
export interface ServingChild<A, R> {
  /** What the child sent once ready (where it listens). */
  address: A;
  /** Asks the child to stop; resolves with its last answer once it has exited. */
  stop(): Promise<R>;
}

/**
 * Starts one serving task of `child.js` in a fresh Node process and resolves once it has sent its
 * address. The child stops when sent `stopMessage`, or when the bench process goes away (the IPC
 * channel closes), so it never outlives the bench.
 */
export function serveChild<A, R>(task: string, arg: unknown, stopMessage: string, timeoutMs = CHILD_TIMEOUT_MS): Promise<ServingChild<A, R>> {
  return new Promise((resolveStart, rejectStart) => {
    const child = fork(benchFile('child.js'), [task], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [] });
    child.send(arg as object);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const messages: unknown[] = [];
    let started = false;
    let stopping: { resolve: (r: R) => void; reject: (e: Error) => void } | undefined;
    const ended = (why: string): Error => new Error(`bench: serving child "${task}" ${why}${stderr ? `:\n${stderr.trim()}` : ''}`);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('message', (message) => {
      messages.push(message);
      if (started) return;
      started = true;
      clearTimeout(timer);
      resolveStart({
        address: message as A,
        stop: () =>
          new Promise<R>((resolve, reject) => {
            if (child.exitCode !== null || child.signalCode !== null) {
              reject(ended(`had already ended with ${child.signalCode ?? `exit code ${child.exitCode}`} when asked to stop`));
              return;
            }
            stopping = { resolve, reject };
            const kill = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
            child.once('close', () => clearTimeout(kill));
            child.send(stopMessage);
          }),
      });
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      if (!started) rejectStart(new Error(`bench: cannot start the child for "${task}": ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const status = signal ?? `exit code ${code}`;
      if (!started) rejectStart(ended(`ended with ${status} before it was ready`));
      else if (stopping && code === 0 && messages.length > 1) stopping.resolve(messages[messages.length - 1] as R);
      else if (stopping) stopping.reject(ended(`ended with ${status} when stopped`));
      // A child that dies unasked fails the next run against it, with that run's message.
    });
  });
}
