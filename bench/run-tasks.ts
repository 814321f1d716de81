/**
 * Child task of section 3's large run: the whole CLI run in-process (`main()`, JSON reporter),
 * one per process so peak RSS is the run's alone. The floor's task lives in floor.ts, so that
 * child never loads the CLI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../src/cli/main.js';
import type { Counts } from '../src/model/index.js';
import { peakRssMb } from './support.js';

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
  /** Steps with a schema check that got an answer and were judged. */
  schemaCheckedSteps: number;
  peakRssMb: number;
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
  const t = performance.now();
  const exitCode = await main(input.argv, { stdout, stderr, env: { NO_COLOR: '1', ...input.env }, cwd: input.cwd });
  const mainMs = performance.now() - t;
  const results = JSON.parse(readFileSync(join(input.outDir, 'results.json'), 'utf8')) as {
    durationMs: number;
    counts: Counts;
    cases: { steps: { status: string; exchange?: unknown }[] }[];
  };
  // Each generated case has one step, and it carries a schema: a judged step is a schema-checked one.
  const schemaCheckedSteps = results.cases.reduce((n, c) => n + c.steps.filter((s) => s.exchange !== undefined && (s.status === 'passed' || s.status === 'failed')).length, 0);
  return { exitCode, mainMs, inRunMs: results.durationMs, counts: results.counts, schemaCheckedSteps, peakRssMb: peakRssMb(), importedRssMb, startupMs, stderr: stderr.text };
}
