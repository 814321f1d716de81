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
