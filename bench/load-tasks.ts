/**
 * The two contenders of section 2, usable in a fresh child (cold) and in-process (warm):
 * `loadSuites` with everything it checks, and `yaml`'s `parse` alone over the same files.
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Operation } from '../src/load/index.js';

/** What to load: the same paths the CLI uses by default. */
export interface LoadInput {
  suitesDir: string;
  formatSchema: string;
  specsDir: string;
  runVariables: string[];
}

/** What a cold load reports; times are ms. */
export interface ColdLoad {
  /** Importing the loader (ajv, yaml, the checks). */
  importMs: number;
  /** Reading specs/ into operations: once per process, before the first load. */
  operationsMs: number;
  firstCallMs: number;
  cases: number;
  diagnostics: number;
}

/** What a cold parse reports; times are ms. */
export interface ColdParse {
  importMs: number;
  firstCallMs: number;
  documents: number;
}

/** The *.yaml / *.yml files under `dir`, sorted, as `loadSuites` finds them. */
export function suiteFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => join(dir, f));
}

/** A loader bound to its inputs; the import is timed separately from the calls. */
export async function prepareLoad(input: LoadInput): Promise<{ importMs: number; operationsMs: number; run: () => Promise<{ cases: number; diagnostics: number }> }> {
  let t = performance.now();
  const { loadSuites, loadOperations } = await import('../src/load/index.js');
  const importMs = performance.now() - t;
  t = performance.now();
  const ops: { operations: Operation[] } = await loadOperations(input.specsDir);
  const operationsMs = performance.now() - t;
  const run = async (): Promise<{ cases: number; diagnostics: number }> => {
    const r = await loadSuites({ paths: [input.suitesDir], formatSchemaFile: input.formatSchema, runVariables: input.runVariables, operations: ops.operations });
    return { cases: r.suites.reduce((n, s) => n + s.cases.length, 0), diagnostics: r.diagnostics.length };
  };
  return { importMs, operationsMs, run };
}

/** A bare parser over the same files: read them all, then `parse` each; the import is timed apart. */
export async function prepareParse(files: string[]): Promise<{ importMs: number; run: () => Promise<number> }> {
  const t = performance.now();
  const { parse } = await import('yaml');
  const importMs = performance.now() - t;
  const run = async (): Promise<number> => {
    const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
    return texts.map((text) => parse(text) as unknown).filter((d) => d !== undefined).length;
  };
  return { importMs, run };
}

/** Child task: the first `loadSuites` call in a fresh process. */
export async function coldLoad(input: LoadInput): Promise<ColdLoad> {
  const { importMs, operationsMs, run } = await prepareLoad(input);
  const t = performance.now();
  const r = await run();
  return { importMs, operationsMs, firstCallMs: performance.now() - t, ...r };
}

/** Child task: the first bare parse in a fresh process. */
export async function coldParse(files: string[]): Promise<ColdParse> {
  const { importMs, run } = await prepareParse(files);
  const t = performance.now();
  const documents = await run();
  return { importMs, firstCallMs: performance.now() - t, documents };
}
