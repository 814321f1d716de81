import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder for one test, removed after it. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsc-ledger-'));
  made.push(dir);
  return dir;
}

export const TARGET = 'https://graph.example.test/v1.0';
export const SP = '00000000-0000-0000-0000-0000000000aa';
export const JOBS = `/servicePrincipals/${SP}/synchronization/jobs`;

/** A clock that ticks one second per call, so times in the file are predictable. */
export function ticking(start = '2025-03-10T12:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 1000) - 1000);
}
