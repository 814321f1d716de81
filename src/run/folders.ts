import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from './exit-codes.js';

/**
 * Creates a folder and its missing parents one level at a time. Node 20's recursive mkdirSync
 * loops forever under some pseudo file systems (`--out /proc/x` spun at full CPU), so a bad
 * folder must fail here, with a message, before any reporter or the ledger touches it.
 */
export function ensureFolder(dir: string, flag: string): void {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    try {
      if (!statSync(at).isDirectory()) throw new UsageError(`${flag}: ${at} is a file, not a folder`);
      break;
    } catch (err) {
      if (err instanceof UsageError) throw err;
      const parent = dirname(at);
      if (parent === at) break;
      missing.unshift(at);
      at = parent;
    }
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      throw new UsageError(`${flag}: cannot create the folder ${folder} (${code ?? (err as Error).message}); choose a writable one`);
    }
  }
}
