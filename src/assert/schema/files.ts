import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith(SUFFIX)) found.push(path);
    }
  };
  walk(root);
  return found;
}
