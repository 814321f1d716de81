import type { Case, Diagnostic, SourceSpan, Step, Suite } from '../model/index.js';
import { buildFixtureSteps, buildSuite, type RawFixtureFile, type RawSuite } from './build.js';
import { ACROSS_CHECKS, CASE_CHECKS, FILE_CHECKS, type CaseSite, type CheckEnv, type FileSite } from './checks/index.js';
import { decodePath } from '../common/schema-words.js';
import { displayPath, findFiles, readText } from './files.js';
import { resolveFixtures, usedHere, type FixtureDef, type FixtureScope, type ResolvedFixtures } from './fixtures/index.js';
import { compileFormatSchema, isFixtureFile, type FormatSchema } from './format-schema.js';
import { findOperation, findPath, type Operation } from './operations.js';
import { schemaDiagnostics } from './schema-diagnostics.js';
import { userVariablesOf } from './user-variables.js';
import { YamlFile } from './yaml-file.js';
import { dirname, relative, resolve } from 'node:path';

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
  /**
   * Folders, besides the project holding `formatSchemaFile` and the folders of `paths`, that a
   * `$ref` may name files in (the user's project: the working directory). Nothing outside them
   * is read. Relative folders are read from `cwd`.
   */
  refRoots?: string[];
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
  const formatSchemaFile = resolve(cwd, options.formatSchemaFile);
  // The project (schemas/suite.schema.json lives in its schemas/), the suites' folders, and what the caller adds.
  const suiteFolders = options.paths.map((p) => resolve(cwd, p)).map((abs) => (found.files.includes(abs) ? dirname(abs) : abs));
  const refRoots = [dirname(dirname(formatSchemaFile)), ...suiteFolders, ...(options.refRoots ?? []).map((r) => resolve(cwd, r))];
  const env: CheckEnv = { runVariables: options.runVariables, operations: options.operations, formatSchemaFile, jsonFiles: new Map(), refRoots };

  // Every file named or found, then every file they include (transitively), each read once.
  const loaded = new Map<string, LoadedFile>();
  const read = async (paths: string[]): Promise<void> => {
    const texts = await Promise.all(paths.map(async (abs) => ({ abs, read: await readText(abs, displayPath(abs, cwd)) })));
    for (const { abs, read } of texts) {
      if ('problem' in read) {
        loaded.set(abs, { diagnostics: [read.problem], sites: [], unreadable: true });
        continue;
      }
      const yaml = new YamlFile(displayPath(abs, cwd), read.text);
      sources.set(yaml.file, read.text);
      loaded.set(abs, loadFile(yaml, abs, format.schema));
    }
  };
  await read(found.files);
  const named = new Set(found.files);
  for (let next = includesOf(loaded); next.length > 0; next = includesOf(loaded)) await read(next);

  const suites: Suite[] = [];
  const sites: CaseSite[] = [];
  const scopes = new Map<string, FixtureScope>();
  for (const [abs, file] of loaded) {
    // A file only included is a source of fixtures: its problems count, its cases do not run.
    if (!named.has(abs) && file.unreadable) continue;
    diagnostics.push(...file.diagnostics);
    if (file.scope !== undefined) {
      scopes.set(abs, file.scope);
      diagnostics.push(...missingIncludes(file.scope, loaded));
    }
    if (file.file === undefined) continue;
    for (const check of FILE_CHECKS) diagnostics.push(...check.check(file.file, env));
    if (file.suite === undefined || !named.has(abs)) continue;
    suites.push(file.suite);
    sites.push(...file.sites);
  }
  const checked = checkCases(sites, scopes, env);
  markOperations(suites, options.operations);
  return { suites, diagnostics: sortDiagnostics([...notedAtUses(diagnostics, checked.brokenDefinitions), ...checked.diagnostics]), sources };
}

/**
 * Resolves the cases' fixtures, runs the checks on every case and every fixture definition, then
 * gives each case its fixtures' steps. A problem inside a definition is reported once, where it
 * is written, with a note at each use.
 */
function checkCases(sites: readonly CaseSite[], scopes: ReadonlyMap<string, FixtureScope>, env: CheckEnv): { diagnostics: Diagnostic[]; brokenDefinitions: ResolvedFixtures['brokenDefinitions'] } {
  const fixtures = resolveFixtures(sites, scopes, env.runVariables);
  const out = [...fixtures.diagnostics];
  for (const site of sites) {
    const e = fixtures.expansions.get(site);
    if (e !== undefined) site.preset = e.main.flatMap((s) => s.captures.map((c) => c.name));
    for (const check of CASE_CHECKS) out.push(...check.check(site, env));
  }
  for (const { site, uses } of fixtures.definitions) {
    for (const check of CASE_CHECKS) out.push(...check.check(site, env).map((d) => withNotes(d, usedHere(uses))));
  }
  for (const check of ACROSS_CHECKS) out.push(...check.check(sites, env));
  for (const site of sites) withFixtures(site.model, fixtures.expansions.get(site));
  return { diagnostics: out, brokenDefinitions: fixtures.brokenDefinitions };
}

/** The schema found these definitions at fault before anything knew where they are used. */
function notedAtUses(diagnostics: readonly Diagnostic[], broken: readonly { span: SourceSpan; uses: SourceSpan[] }[]): Diagnostic[] {
  return diagnostics.map((d) => {
    const def = d.span === undefined ? undefined : broken.find((b) => within(d.span!, b.span));
    return def === undefined ? d : withNotes(d, usedHere(def.uses));
  });
}

function withNotes(d: Diagnostic, notes: NonNullable<Diagnostic['notes']>): Diagnostic {
  return notes.length === 0 ? d : { ...d, notes: [...(d.notes ?? []), ...notes] };
}

/** The case runs its fixtures' steps first and their cleanup last, in reverse order of use. */
function withFixtures(c: Case, e: { main: Step[]; cleanup: Step[] } | undefined): void {
  if (e === undefined) return;
  c.steps = [...e.main, ...c.steps];
  c.cleanup = [...c.cleanup, ...e.cleanup];
  c.writes = [...c.steps, ...c.cleanup].some((s) => s.request.method !== 'GET');
  const needs = userVariablesOf([...c.steps, ...c.cleanup]);
  if (needs.length > 0) c.needs = needs;
}

/** True when `inner` starts inside `outer` (same file). */
function within(inner: SourceSpan, outer: SourceSpan): boolean {
  if (inner.file !== outer.file) return false;
  const after = inner.line > outer.line || (inner.line === outer.line && inner.col >= outer.col);
  const endLine = outer.endLine ?? outer.line;
  const before = inner.line < endLine || (inner.line === endLine && inner.col < (outer.endCol ?? Infinity));
  return after && before;
}

/** Included files not read yet. */
function includesOf(loaded: ReadonlyMap<string, LoadedFile>): string[] {
  const wanted = [...loaded.values()].flatMap((f) => f.scope?.includes.map((i) => i.abs) ?? []);
  return [...new Set(wanted)].filter((abs) => !loaded.has(abs));
}

/** An include that names no readable file, reported where it is written. */
function missingIncludes(scope: FixtureScope, loaded: ReadonlyMap<string, LoadedFile>): Diagnostic[] {
  return scope.includes.flatMap((inc) => {
    const target = loaded.get(inc.abs);
    if (target?.unreadable !== true) return [];
    const problem = target.diagnostics[0];
    const reason = problem?.message.replace(/^cannot read the file: /, '') ?? 'cannot be read';
    return [{ code: 'missing-include', message: `the included file \`${relative(dirname(scope.file.abs), inc.abs)}\` ${reason === 'no such file or folder' ? 'does not exist' : `cannot be read: ${reason}`}`, hint: 'the path is relative to this file, e.g. `include: [fixtures.yaml]`', span: inc.span, severity: 'error' as const }];
  });
}

/** Names each request's operation in `specs/`, and marks the requests that create a resource: the spec, not a path pattern, says what creates. */
function markOperations(suites: Suite[], operations: readonly Operation[]): void {
  for (const c of suites.flatMap((s) => s.cases)) {
    for (const step of [...c.steps, ...c.cleanup]) {
      const op = findOperation(operations, step.request.method, step.request.path);
      // A method the spec lacks on a path it has (a PUT to the jobs collection, to see it
      // refused) is named by that path too, so every report spells the path one way.
      const path = op?.path ?? findPath(operations, step.request.path);
      if (path !== undefined) step.request.operation = `${step.request.method} ${path}`;
      if (op?.creates) step.request.creates = true;
    }
  }
}

interface LoadedFile {
  diagnostics: Diagnostic[];
  file?: FileSite;
  suite?: Suite;
  sites: CaseSite[];
  /** The fixtures it defines and the files it includes. */
  scope?: FixtureScope;
  /** It could not be read at all. */
  unreadable?: true;
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
  // A schema error inside case N (or fixture F) drops that case (or fixture) only; anywhere else, the whole file.
  const badCases = new Set<number>();
  const badFixtures = new Set<string>();
  let fileBad = false;
  for (const e of errors) {
    const [top, index] = decodePath(e.instancePath, yaml.data);
    if (top === 'cases' && typeof index === 'number') badCases.add(index);
    else if (top === 'fixtures' && typeof index === 'string') badFixtures.add(index);
    else fileBad = true;
  }
  if (fileBad) return { diagnostics, sites: [] };
  const raw = yaml.data as RawSuite | RawFixtureFile;
  const file: FileSite = { yaml, abs, raw };
  const scope = scopeOf(file, badFixtures);
  if (isFixtureFile(raw)) return { diagnostics, file, sites: [], scope };
  const suiteRaw = raw as RawSuite;
  const suite = buildSuite(yaml, abs, badCases);
  const kept = suiteRaw.cases.map((c, i) => ({ c, i })).filter(({ i }) => !badCases.has(i));
  const sites = kept.map(({ c, i }, k): CaseSite => ({ file, path: ['cases', i], raw: c, model: suite.cases[k] as Suite['cases'][number] }));
  return { diagnostics, file, suite, sites, scope };
}

/** The fixtures a schema-valid file defines (those that failed the schema set apart) and what it includes. */
function scopeOf(file: FileSite, broken: Set<string>): FixtureScope {
  const local = new Map<string, FixtureDef>();
  for (const [name, raw] of Object.entries(file.raw.fixtures ?? {})) {
    if (broken.has(name)) continue;
    const path = ['fixtures', name];
    local.set(name, { name, file, path, raw, ...buildFixtureSteps(file.yaml, file.abs, raw, path) });
  }
  const includes = (file.raw.include ?? []).map((p, i) => ({ abs: resolve(dirname(file.abs), p), span: file.yaml.valueSpan(['include', i]) }));
  return { file, local, broken, includes };
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
