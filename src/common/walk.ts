import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** What a folder walk takes and what it passes over. */
export interface WalkOptions {
  /** True for a file name the walk returns. */
  include(name: string): boolean;
  /** True for a folder name the walk does not enter. */
  skipFolder?(name: string): boolean;
  /**
   * Called for a folder that cannot be listed; the walk goes on without it. Without it, the
   * error is thrown.
   */
  unreadable?(dir: string, error: unknown): void;
}

/**
 * Every file below `dir` that `include` accepts, as paths joined onto `dir`, sorted by name
 * within each folder so the order is the same on every machine. Symbolic links to folders
 * are not entered (a link loop cannot make the walk endless).
 */
export function walkFiles(dir: string, options: WalkOptions): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (options.unreadable === undefined) throw error;
    options.unreadable(dir, error);
    return [];
  }
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (options.skipFolder?.(entry.name) !== true) out.push(...walkFiles(full, options));
    } else if (options.include(entry.name)) {
      out.push(full);
    }
  }
  return out;
}
