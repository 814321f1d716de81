import { appendFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Writes a report file whole or not at all: a temp file in the same folder, then a rename, so a
 * CI step never reads half a file from a crashed or concurrent run. Creates the folder.
 * Failures become an Error that names the file and the cause, fit to show as is.
 */
export async function writeFileAtomic(dir: string, name: string, content: string): Promise<string> {
  const path = join(dir, name);
  const temp = join(dir, `.${name}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, content, 'utf8');
    await rename(temp, path);
    return path;
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    const cause = e instanceof Error ? e.message : String(e);
    throw new Error(`cannot write ${path}: ${cause}; check that the folder is writable, or choose another output folder`);
  }
}

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
