import type { Case, Diagnostic, Step } from '../../model/index.js';
import type { RawCase, RawFixtureFile, RawStep, RawSuite } from '../build.js';
import type { Operation } from '../operations.js';
import type { Path, YamlFile } from '../yaml-file.js';

/** A suite file that passed the schema (at least in part), with its model. */
export interface FileSite {
  yaml: YamlFile;
  /** Absolute path, for resolving what the file refers to. */
  abs: string;
  /** A suite, or a fixture file (which has only `fixtures`, `include` and `$schema`). */
  raw: RawSuite | RawFixtureFile;
}

/** One case that passed the schema: its model, what was written, and where. */
export interface CaseSite {
  file: FileSite;
  /** `['cases', i]`. */
  path: Path;
  raw: RawCase;
  model: Case;
  /**
   * Set when the site is a fixture's definition (`path` is `['fixtures', name]`): its variables
   * that no step of its own captures are what it needs from the case that uses it, checked there.
   */
  fixture?: string;
  /** Variables known before the first step: captured by the fixtures the case uses. */
  preset?: readonly string[];
  /** A fixture it uses could not be resolved (reported apart): what it would capture is unknown. */
  unresolved?: true;
}

/** "case `x`" or "fixture `x`", for messages about a site. */
export function siteNoun(site: CaseSite): string {
  return site.fixture !== undefined ? `fixture \`${site.fixture}\`` : `case \`${site.model.id}\``;
}

/** One step of a case, main or cleanup, in run order. */
export interface StepSite {
  phase: 'main' | 'cleanup';
  path: Path;
  raw: RawStep;
  model: Step;
}

/** What every check may consult. */
export interface CheckEnv {
  runVariables: readonly string[];
  operations: readonly Operation[];
  /** Absolute path of suite.schema.json. */
  formatSchemaFile: string;
  /** Parsed JSON files by absolute path (`undefined`: unreadable or not JSON), shared by `$ref` checks. */
  jsonFiles: Map<string, { json: unknown } | { problem: string }>;
  /** Folders a `$ref` may name files in (see `LoadOptions.refRoots`). */
  refRoots: readonly string[];
}

/** A check on one case at a time. */
export interface CaseCheck {
  /** What it checks, for the registry listing. */
  name: string;
  check(site: CaseSite, env: CheckEnv): Diagnostic[];
}

/** A check on one file at a time. */
export interface FileCheck {
  name: string;
  check(file: FileSite, env: CheckEnv): Diagnostic[];
}

/** A check that needs every case of every file at once. */
export interface AcrossCheck {
  name: string;
  check(sites: readonly CaseSite[], env: CheckEnv): Diagnostic[];
}

/** Main steps, then cleanup steps: the order the run sends them. */
export function stepsOf(site: CaseSite): StepSite[] {
  const main = site.raw.steps.map((raw, i): StepSite => ({ phase: 'main', path: [...site.path, 'steps', i], raw, model: site.model.steps[i] as Step }));
  const cleanup = (site.raw.cleanup ?? []).map((raw, i): StepSite => ({ phase: 'cleanup', path: [...site.path, 'cleanup', i], raw, model: site.model.cleanup[i] as Step }));
  return [...main, ...cleanup];
}

/** "file:line:col" of a site, for hints that point elsewhere. */
export function at(span: { file: string; line: number; col: number }): string {
  return `${span.file}:${span.line}:${span.col}`;
}
