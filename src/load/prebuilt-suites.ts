import { readFileSync, readdirSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { extname, join, relative, resolve, sep } from 'node:path';
import type { Suite } from '../model/index.js';
import { builtFile } from '../common/built.js';
import { displayPath, findFiles } from './files.js';

/**
 * The shipped suites as the loader builds them, made at `npm run build`
 * (scripts/precompile-validators.mjs) into dist/validators/suites.json: `gsc list`, `run`, `lint`
 * and `coverage` over the package's own suites then parse no YAML. Used only when every file the
 * build's load read (the suites, the format schema, the specs, the schemas the suites name) has
 * exactly the text it had then, the folders hold the same files, and the run variables are the
 * same; otherwise the suites are loaded as usual, so an edited file gets its own diagnostics.
 */
export const SUITES_FILE = 'suites.json';

/** What suites.json holds; every path relative to the package root. */
export interface BuiltSuites {
  runVariables: string[];
  /** The *.yaml / *.yml files found in suites/, in the loader's order. */
  suiteFiles: string[];
  /** The spec files of specs/, sorted. */
  specFiles: string[];
  /** Every file the load read, and its text. */
  inputs: Record<string, string>;
  /** The files of the load's `sources`, in its order. */
  sources: string[];
  /** The suites, with {@link portableSuites}' paths. */
  suites: unknown;
}

/** Marks a string that was an absolute path inside the package root (a schema `ref`). */
const IN_ROOT = '\u0000root/';

/**
 * The suites with their paths relative to `root`: `file` (shown relative to `cwd`) as a path from
 * the root, and an absolute path under the root (a schema `ref`) marked. Throws when a path to
 * the package is left anywhere else, since it could not be rebased.
 */
export function portableSuites(suites: readonly Suite[], root: string, cwd: string): unknown {
  const walk = (v: unknown, key: string | undefined): unknown => {
    if (typeof v === 'string') {
      if (key === 'file') return relative(root, resolve(cwd, v)).split(sep).join('/');
      if (v.startsWith(root + sep)) return IN_ROOT + v.slice(root.length + 1).split(sep).join('/');
      if (v.includes(root)) throw new Error(`a path into the package that cannot be rebased: ${v}`);
      return v;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, undefined));
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(suites, undefined);
}

/** {@link portableSuites} undone: paths as the loader gives them to a caller in `cwd`. */
export function rebasedSuites(data: unknown, root: string, cwd: string): Suite[] {
  const walk = (v: unknown, key: string | undefined): unknown => {
    if (typeof v === 'string') {
      if (key === 'file') return displayPath(resolve(root, v), cwd);
      if (v.startsWith(IN_ROOT)) return resolve(root, v.slice(IN_ROOT.length));
      return v;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, undefined));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) out[k] = walk((v as Record<string, unknown>)[k], k);
      return out;
    }
    return v;
  };
  return walk(data, undefined) as Suite[];
}

/** The package's folders and the run's variables, as the caller would load the suites. */
export interface ShippedLoad {
  root: string;
  suites: string;
  specs: string;
  formatSchema: string;
  runVariables: readonly string[];
  cwd: string;
}

/** The spec files of a folder, as loadOperations lists them. */
export function specFilesIn(dir: string): string[] {
  return readdirSync(dir).filter((n) => ['.yaml', '.yml', '.json'].includes(extname(n).toLowerCase())).sort();
}

/**
 * The built suites and their sources when `load` is the build's load of the package's suites and
 * every input still has the text it was built from; undefined otherwise (then load as usual).
 */
export async function prebuiltSuites(load: ShippedLoad): Promise<{ suites: Suite[]; sources: Map<string, string> } | undefined> {
  const file = builtFile(SUITES_FILE);
  if (file === undefined) return undefined;
  const { root } = load;
  if (load.suites !== join(root, 'suites') || load.specs !== join(root, 'specs') || load.formatSchema !== join(root, 'schemas', 'suite.schema.json')) return undefined;
  try {
    const built = JSON.parse(readFileSync(file, 'utf8')) as BuiltSuites;
    if (!isDeepStrictEqual(built.runVariables, [...load.runVariables])) return undefined;
    const rel = (abs: string): string => relative(root, abs).split(sep).join('/');
    const found = await findFiles([load.suites], ['.yaml', '.yml'], load.cwd);
    if (found.diagnostics.length > 0 || !isDeepStrictEqual(found.files.map(rel), built.suiteFiles)) return undefined;
    if (!isDeepStrictEqual(specFilesIn(load.specs), built.specFiles)) return undefined;
    const texts = new Map<string, string>();
    for (const [name, text] of Object.entries(built.inputs)) {
      const now = readFileSync(resolve(root, name), 'utf8');
      if (now !== text) return undefined;
      texts.set(name, now);
    }
    const sources = new Map(built.sources.map((name) => [displayPath(resolve(root, name), load.cwd), texts.get(name) as string]));
    return { suites: rebasedSuites(built.suites, root, load.cwd), sources };
  } catch {
    // A file gone or unreadable: the usual load says what is wrong.
    return undefined;
  }
}
