import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import type { Settings } from '../../../src/cli/args.js';
import { readSettings } from '../../../src/cli/config/index.js';
import { runFlags } from '../../../src/cli/flags.js';
import { tempDir } from '../../e2e/support.js';

/**
 * A fresh working directory holding `gsc.config.yaml` with `yaml` (a leading indent common to
 * every line is removed, so tests can indent the file with the code) and any other `files`.
 */
export function workdir(yaml: string | undefined, files: Record<string, string> = {}): string {
  const dir = tempDir('gsc-config-');
  if (yaml !== undefined) writeFileSync(join(dir, 'gsc.config.yaml'), dedent(yaml));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Removes the indent every non-blank line shares, and the first line break. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** `gsc run`'s settings as a user in `cwd` with `env` would get them, and what was said on stderr. */
export function runSettings(cwd: string, argv: string[] = [], env: Record<string, string> = {}): { settings: Settings | undefined; stderr: string } {
  const stdout = new Capture();
  const stderr = new Capture();
  const settings = readSettings(argv, runFlags, { stdout, stderr, env: { NO_COLOR: '1', ...env }, cwd });
  return { settings, stderr: stderr.text };
}
