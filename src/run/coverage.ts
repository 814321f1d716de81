import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Case, Coverage } from '../model/index.js';
import { computeCoverage, readContract } from '../load/index.js';
import { GscUsageError } from './exit-codes.js';
import { project } from './project.js';

/** The contract coverage of these cases against the package's specs/. */
export function contractCoverage(cases: readonly Case[]): Coverage {
  const dir = project().specs;
  const files = readdirSync(dir).filter((n) => ['.yaml', '.yml', '.json'].includes(extname(n).toLowerCase())).sort().map((n) => join(dir, n));
  return computeCoverage(readContract(files), cases);
}

/** `--min-coverage P`: a percentage from 0 to 100 (a trailing `%` is allowed). */
export function parseMinCoverage(value: string | number | undefined, label: string): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value.trim().replace(/%$/, ''));
  if ((typeof value === 'string' && value.trim() === '') || !Number.isFinite(n) || n < 0 || n > 100) throw new GscUsageError(`${label} ${JSON.stringify(value)} is not a percentage: give a number from 0 to 100, e.g. ${label} 80`);
  return n;
}
