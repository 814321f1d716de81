/**
 * Child task of section 3's large run: the whole CLI run in-process (`main()`, JSON reporter),
 * one per process so peak RSS is the run's alone. The floor's task lives in floor.ts, so that
 * child never loads the CLI.
 */
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../src/cli/main.js';
import type { Counts } from '../src/model/index.js';
import { cpuTimeMs, peakRssMb } from './support.js';

/** A `gsc run` to make; `outDir` receives results.json. */
export interface CliRunInput {
  argv: string[];
  /** The CLI's environment (GSC_TOKEN), besides NO_COLOR. */
  env: Record<string, string>;
  outDir: string;
  cwd: string;
}

/** What the child saw of its run; times are ms. */
export interface CliRunOutcome {
  exitCode: number;
  /** The `main()` call: loading, probing, running, writing results.json. */
  mainMs: number;
  /** The run itself, as results.json says (from the first case to the last). */
  inRunMs: number;
  counts: Counts;
  /** Steps with a schema check that got an answer and were judged; -1 when the run wrote only results.ndjson. */
  schemaCheckedSteps: number;
  peakRssMb: number;
  /** CPU time (user + system) of the whole child, start-up included, when main() returned: on a busy machine, steadier than wall time. */
  cpuMs: number;
  /** CPU time (user + system) spent during `main()` alone: against `mainMs`, the share of a core the run got (a busy machine gives a CPU-bound run less than one). */
  mainCpuMs: number;
  /** Peak RSS once the CLI was imported, before `main()` ran: what loading the code costs. */
  importedRssMb: number;
  /** From process start to `main()`: Node's start-up and importing the CLI. */
  startupMs: number;
  /** What the CLI printed on stderr (empty on a clean run), to explain a failure. */
  stderr: string;
}

/** Swallows a stream; keeps the last few KB in case something needs explaining. */
class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text = (this.text + chunk.toString()).slice(-4000);
    done();
  }
}

/** Child task: one `gsc run` in this process. */
export async function cliRun(input: CliRunInput): Promise<CliRunOutcome> {
  const importedRssMb = peakRssMb();
  const startupMs = performance.now();
  const stdout = new Sink();
  const stderr = new Sink();
  const cpuBefore = cpuTimeMs();
  const t = performance.now();
  const exitCode = await main(input.argv, { stdout, stderr, env: { NO_COLOR: '1', ...input.env }, cwd: input.cwd });
  const mainMs = performance.now() - t;
  // Before reading the results back, which is the bench's doing, not the run's.
  const peak = peakRssMb();
  const cpuMs = cpuTimeMs();
  const mainCpuMs = cpuMs - cpuBefore;
  const ndjson = join(input.outDir, 'results.ndjson');
  if (!existsSync(join(input.outDir, 'results.json')) && existsSync(ndjson)) {
    const summary = lastLine(ndjson) as { type?: string; durationMs: number; counts: Counts };
    if (summary.type !== 'summary') throw new Error(`bench/run-tasks: ${ndjson} does not end with the summary line`);
    return { exitCode, mainMs, inRunMs: summary.durationMs, counts: summary.counts, schemaCheckedSteps: -1, peakRssMb: peak, cpuMs, mainCpuMs, importedRssMb, startupMs, stderr: stderr.text };
  }
  const results = JSON.parse(readFileSync(join(input.outDir, 'results.json'), 'utf8')) as {
    durationMs: number;
    counts: Counts;
    cases: { steps: { status: string; exchange?: unknown }[] }[];
  };
  // Each generated case has one step, and it carries a schema: a judged step is a schema-checked one.
  const schemaCheckedSteps = results.cases.reduce((n, c) => n + c.steps.filter((s) => s.exchange !== undefined && (s.status === 'passed' || s.status === 'failed')).length, 0);
  return { exitCode, mainMs, inRunMs: results.durationMs, counts: results.counts, schemaCheckedSteps, peakRssMb: peak, cpuMs, mainCpuMs, importedRssMb, startupMs, stderr: stderr.text };
}

/** The last line of a (possibly very large) NDJSON file, parsed: read from the end, not whole. */
function lastLine(file: string): unknown {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 64 * 1024);
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, size - length);
    const lines = buf.toString('utf8').trimEnd().split('\n');
    return JSON.parse(lines[lines.length - 1] ?? 'null') as unknown;
  } finally {
    closeSync(fd);
  }
}
