import { appendFile } from 'node:fs/promises';
import { writeFileSafely } from '../common/safe-file.js';

/**
 * Writes a report file whole or not at all (a temp file in the same folder, then a rename), so a
 * CI step never reads half a file from a crashed or concurrent run, and never through a symbolic
 * link planted in the folder. Creates the folder. Every reporter that writes a whole file uses it.
 * Failures become an Error that names the file and the cause, fit to show as is.
 */
export function writeFileAtomic(dir: string, name: string, content: string): Promise<string> {
  return writeFileSafely(dir, name, content);
}

export { openNoFollow, UnsafeFileError } from '../common/safe-file.js';

/**
 * Appends text to a file another tool owns (GitHub's step summary), creating it when missing.
 * Failures become an Error that names the file and the cause, fit to show as is.
 */
export async function appendFileText(path: string, content: string): Promise<void> {
  try {
    await appendFile(path, content, 'utf8');
  } catch (e) {
    const cause = e instanceof Error ? e.message : String(e);
    throw new Error(`cannot append to ${path}: ${cause}; check the path the environment gives`);
  }
}
