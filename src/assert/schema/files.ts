import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { walkFiles } from '../../common/walk.js';
import { SchemaLoadError } from '../errors.js';

const SUFFIX = '.schema.json';

/**
 * Every `*.schema.json` under `dir`, recursively, as absolute paths in a stable (sorted) order.
 * @throws SchemaLoadError when `dir` does not exist or is not a directory.
 */
export function listSchemaFiles(dir: string): string[] {
  const root = resolve(dir);
  let isDirectory = false;
  try {
    isDirectory = statSync(root).isDirectory();
  } catch {
    // Reported below, with the same wording as a file in its place.
  }
  if (!isDirectory) {
    throw new SchemaLoadError(root, `schema directory not found: ${root} (check the schema directories given to the run)`);
  }
  return walkFiles(root, { include: (name) => name.endsWith(SUFFIX) });
}
