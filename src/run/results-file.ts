import { constants as buffer } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createAjv } from '../common/ajv.js';
import { parseJson } from '../common/json-depth.js';
import { RESULTS_FILE, RESULTS_FORMAT_VERSION, type ResultsFile } from '../report/index.js';
import { UsageError } from './exit-codes.js';
import { project } from './project.js';

/**
 * The largest `results.json` gsc reads. Node cannot hold a longer text in one string (about
 * 512 MiB), and gsc cannot write one either; a run writes about 7 KB per case (measured on the
 * shipped suites against the emulator), so this is a run of some 70,000 cases. Anything larger
 * is refused before it is read, instead of failing deep inside the parser or exhausting memory.
 */
export const MAX_RESULTS_BYTES = Math.min(512 * 1024 * 1024, buffer.MAX_STRING_LENGTH);

/**
 * The most `gsc merge-reports` reads at once: it holds every shard in memory, about as much
 * again as the files' size. A 100,000-case run split into shards measured 700 MB in all.
 */
export const MAX_MERGE_BYTES = 1024 * 1024 * 1024;

/** Where the results came from, as the user named it, and what they hold. */
export interface ResultsInput {
  /** The file as the user named it (`shard-1/results.json` when a folder was given). */
  file: string;
  doc: ResultsFile;
}

const HOW = 'give the results.json a run wrote (`gsc run --reporter json` writes reports/results.json)';

/** `600 MB`, in the binary megabytes file managers show. */
function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/**
 * The file a user named: a folder stands for the `results.json` in it. Returns the absolute
 * path and the name to show; a name that leads nowhere is a usage error.
 */
export function resultsPath(input: string, cwd: string, label?: string): { path: string; name: string } {
  const path = resolve(cwd, input);
  const prefix = label ? `${label} ` : '';
  try {
    if (statSync(path).isDirectory()) return { path: join(path, RESULTS_FILE), name: join(input, RESULTS_FILE) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${prefix}${input}: ${code === 'ENOENT' ? 'no such file or folder' : `cannot read it (${code ?? (err as Error).message})`}; ${HOW}`);
  }
  return { path, name: input };
}

/** The size in bytes of what {@link resultsPath} names, or undefined when it cannot be read (the read says why). */
export function resultsSize(input: string, cwd: string): number | undefined {
  try {
    const { path } = resultsPath(input, cwd);
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

let validator: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;

/**
 * Reads a `results.json` another run wrote, perhaps on another machine (`gsc diff`, `gsc
 * baseline --from`, `gsc merge-reports`, `--shard-timings`): a folder holding one, or the file.
 * It is input gsc does not trust, so it is refused with a usage error that names the file, says
 * what is wrong and how to fix it, before anything is done with it: a file that is missing, not
 * a file, larger than {@link MAX_RESULTS_BYTES}, nested too deep to parse safely, not JSON, not a
 * results.json, of another `formatVersion`, or not as `schemas/results.schema.json` describes.
 * `label` names the option it came from (`--from`, `A`), when there is one.
 */
export function readResultsFile(input: string, cwd: string, label?: string): ResultsInput {
  const { path, name } = resultsPath(input, cwd, label);
  const at = `${label ? `${label} ` : ''}${name}`;
  let text: string;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new UsageError(`${at}: not a file; ${HOW}`);
    if (stat.size > MAX_RESULTS_BYTES) {
      throw new UsageError(`${at}: ${megabytes(stat.size)} is more than gsc reads (${megabytes(MAX_RESULTS_BYTES)}, the results of some 70,000 cases); give the results of a smaller run, or split the run with --shard i/n`);
    }
    text = readFileSync(fd, 'utf8');
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${at}: ${code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? (err as Error).message})`}; ${HOW}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  // Depth-checked before parsing, like a target's answer: the file may come from anywhere.
  const parsed = parseJson(text);
  if (!parsed.ok) throw new UsageError(`${at}: not ${parsed.tooDeep ? 'a results.json' : 'JSON'} (${parsed.error}); ${HOW}`);
  const doc = parsed.value as { formatVersion?: unknown; cases?: unknown } | null;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || (doc.formatVersion === undefined && !Array.isArray(doc.cases))) {
    throw new UsageError(`${at}: not a results.json (it has no \`formatVersion\` and no \`cases\`); ${HOW}`);
  }
  if (doc.formatVersion !== RESULTS_FORMAT_VERSION) {
    throw new UsageError(`${at}: ${doc.formatVersion === undefined ? 'no formatVersion' : `formatVersion ${JSON.stringify(doc.formatVersion)}`}, but this gsc (${project().version}) reads formatVersion ${RESULTS_FORMAT_VERSION}; read it with the gsc that wrote it, or run again with this one`);
  }
  validator ??= createAjv().compile(JSON.parse(readFileSync(join(project().schemas, 'results.schema.json'), 'utf8')) as object);
  if (!validator(doc)) {
    const e = validator.errors?.[0];
    throw new UsageError(`${at}: not a results.json gsc wrote: ${e?.instancePath || '/'} ${e?.message ?? 'is invalid'} (schemas/results.schema.json); ${HOW}`);
  }
  return { file: name, doc: doc as ResultsFile };
}

/**
 * Reads the results of several runs that are used together (the shards of one run), refusing
 * them all before any is read when together they hold more than {@link MAX_MERGE_BYTES}.
 */
export function readResultsFiles(inputs: readonly string[], cwd: string, label?: string): ResultsInput[] {
  const total = inputs.reduce((sum, input) => sum + (resultsSize(input, cwd) ?? 0), 0);
  if (total > MAX_MERGE_BYTES) {
    throw new UsageError(`${label ? `${label}: ` : ''}these results hold ${megabytes(total)} together, more than gsc reads at once (${megabytes(MAX_MERGE_BYTES)}, the results of some 140,000 cases); give the results of a smaller run (fewer --repeat rounds, a shorter --duration)`);
  }
  return inputs.map((input) => readResultsFile(input, cwd, label));
}
