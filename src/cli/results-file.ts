import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ResultsFile } from '../report/json.js';
import { RESULTS_FORMAT_VERSION } from '../report/json.js';
import { UsageError } from '../run/exit-codes.js';
import { parseJson } from '../common/json-depth.js';

/**
 * Reads a `results.json` a run wrote (docs/results-json.md). A missing file, bad JSON or another
 * format is a usage error that says which file and what to do.
 */
export function readResultsFile(path: string, cwd: string, label: string): ResultsFile {
  const full = resolve(cwd, path);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${label} ${path}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}; a run writes one with \`gsc run --reporter json\` (reports/results.json by default)`);
  }
  // Results may come from another machine's CI: depth-checked before parsing, like a target's answer.
  const parsed = parseJson(text);
  if (!parsed.ok) throw new UsageError(`${label} ${path} is not JSON a run wrote (${parsed.error}); give the results.json a run wrote`);
  const data = parsed.value;
  const file = data as Partial<ResultsFile> | null;
  if (file === null || typeof file !== 'object' || !Array.isArray(file.cases)) throw new UsageError(`${label} ${path} is not a results.json: it has no \`cases\` list`);
  if (file.formatVersion !== RESULTS_FORMAT_VERSION) throw new UsageError(`${label} ${path} has formatVersion ${JSON.stringify(file.formatVersion)}; this gsc reads ${RESULTS_FORMAT_VERSION}`);
  return file as ResultsFile;
}
