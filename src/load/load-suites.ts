import type { Diagnostic, Suite } from '../model/index.js';
import { buildSuite, type RawSuite } from './build.js';
import { ACROSS_CHECKS, CASE_CHECKS, FILE_CHECKS, type CaseSite, type CheckEnv, type FileSite } from './checks/index.js';
import { decodePath } from './describe.js';
import { displayPath, findFiles, readText } from './files.js';
import { compileFormatSchema, type FormatSchema } from './format-schema.js';
import { findOperation, type Operation } from './operations.js';
import { schemaDiagnostics } from './schema-diagnostics.js';
import { YamlFile } from './yaml-file.js';
import { resolve } from 'node:path';

/** What to load and what to check it against. */
export interface LoadOptions {
  /** Files or folders; folders are searched recursively for *.yaml / *.yml, sorted. */
  paths: string[];
  /** schemas/suite.schema.json, compiled once per call. */
  formatSchemaFile: string;
  /** Variables the run provides: ["servicePrincipalId","templateId","runId","randomGuid"]. */
  runVariables: readonly string[];
  /** Operations requests must match (from {@link loadOperations}); empty: the check is skipped. */
  operations: Operation[];
  /** Relative `paths` are read from here, and diagnostics and spans name files relative to it. @default process.cwd() */
  cwd?: string;
}

/** Loaded suites and every problem found on the way. */
export interface LoadResult {
  /**
   * The suites that could be built: files and cases that failed the schema are left out.
   * When `diagnostics` holds an error, nothing should be sent.
   */
  suites: Suite[];
  /** Every problem in every file, sorted by file, line and column. */
  diagnostics: Diagnostic[];
  /** file -> text, for formatting; keys are the `file` of spans. */
  sources: Map<string, string>;
}

/**
 * Reads suite files into validated suites. Never throws on bad input: unreadable, empty,
 * binary or malformed files, schema violations and semantic problems all become diagnostics,
 * collected across every file.
 */
export async function loadSuites(options: LoadOptions): Promise<LoadResult> {
  const cwd = options.cwd ?? process.cwd();
  const sources = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const [found, format] = await Promise.all([findFiles(options.paths, ['.yaml', '.yml'], cwd), compileFormatSchema(resolve(cwd, options.formatSchemaFile), cwd)]);
  diagnostics.push(...found.diagnostics, ...format.diagnostics);
  const texts = await Promise.all(found.files.map(async (abs) => ({ abs, read: await readText(abs, displayPath(abs, cwd)) })));

  const env: CheckEnv = { runVariables: options.runVariables, operations: options.operations, formatSchemaFile: resolve(cwd, options.formatSchemaFile), jsonFiles: new Map() };
  const suites: Suite[] = [];
  const sites: CaseSite[] = [];
  for (const { abs, read } of texts) {
    if ('problem' in read) {
      diagnostics.push(read.problem);
      continue;
    }
    const yaml = new YamlFile(displayPath(abs, cwd), read.text);
    sources.set(yaml.file, read.text);
    const loaded = loadFile(yaml, abs, format.schema);
    diagnostics.push(...loaded.diagnostics);
    if (loaded.file === undefined || loaded.suite === undefined) continue;
    suites.push(loaded.suite);
    for (const check of FILE_CHECKS) diagnostics.push(...check.check(loaded.file, env));
    for (const site of loaded.sites) {
      sites.push(site);
      for (const check of CASE_CHECKS) diagnostics.push(...check.check(site, env));
    }
  }
  for (const check of ACROSS_CHECKS) diagnostics.push(...check.check(sites, env));
  markCreates(suites, options.operations);
  return { suites, diagnostics: sortDiagnostics(diagnostics), sources };
}

/** Marks the requests whose operation answers 201: the spec, not a path pattern, says what creates. */
function markCreates(suites: Suite[], operations: readonly Operation[]): void {
  for (const c of suites.flatMap((s) => s.cases)) {
    for (const step of [...c.steps, ...c.cleanup]) {
      if (findOperation(operations, step.request.method, step.request.path)?.creates) step.request.creates = true;
    }
  }
}

interface LoadedFile {
  diagnostics: Diagnostic[];
  file?: FileSite;
  suite?: Suite;
  sites: CaseSite[];
}

function loadFile(yaml: YamlFile, abs: string, format: FormatSchema | undefined): LoadedFile {
  const diagnostics = [...yaml.diagnostics];
  if (format === undefined) return { diagnostics, sites: [] };
  if (yaml.empty && yaml.diagnostics.length === 0) {
    diagnostics.push({ code: 'empty-file', message: 'the suite file is empty', hint: 'write a suite (`$schema`, `suite`, `title`, `doc`, `cases`) or delete the file', span: { file: yaml.file, line: 1, col: 1 }, severity: 'error' });
    return { diagnostics, sites: [] };
  }
  if (!yaml.readable) return { diagnostics, sites: [] };
  const errors = format.validate(yaml.data);
  diagnostics.push(...schemaDiagnostics(errors, yaml, format));
  // A schema error inside case N drops that case only; anywhere else, the whole file.
  const badCases = new Set<number>();
  let fileBad = false;
  for (const e of errors) {
    const [top, index] = decodePath(e.instancePath, yaml.data);
    if (top === 'cases' && typeof index === 'number') badCases.add(index);
    else fileBad = true;
  }
  if (fileBad) return { diagnostics, sites: [] };
  const raw = yaml.data as RawSuite;
  const suite = buildSuite(yaml, abs, badCases);
  const file: FileSite = { yaml, abs, raw };
  const kept = raw.cases.map((c, i) => ({ c, i })).filter(({ i }) => !badCases.has(i));
  const sites = kept.map(({ c, i }, k): CaseSite => ({ file, path: ['cases', i], raw: c, model: suite.cases[k] as Suite['cases'][number] }));
  return { diagnostics, file, suite, sites };
}

/** File, then line, then column; problems without a place first. */
function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const x = a.d.span;
      const y = b.d.span;
      if (x === undefined || y === undefined) return (x === undefined ? 0 : 1) - (y === undefined ? 0 : 1) || a.i - b.i;
      return (x.file < y.file ? -1 : x.file > y.file ? 1 : 0) || x.line - y.line || x.col - y.col || a.i - b.i;
    })
    .map(({ d }) => d);
}
