import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Diagnostic } from '../../model/index.js';
import type { Settings } from '../args.js';

/** The file name looked for in the working directory when no `--config` is given. */
export const CONFIG_FILE = 'gsc.config.yaml';

/** A config file's text and the names it goes by. */
export interface ConfigText {
  /** Absolute path. */
  path: string;
  /** The path messages show: relative to the working directory when below it. */
  file: string;
  /** Folder that relative paths in the file are resolved against. */
  dir: string;
  text: string;
}

/**
 * Finds and reads the config file: the one `--config` (GSC_CONFIG) names, which must exist, or
 * `gsc.config.yaml` in the working directory, whose absence only means there is no config.
 */
export function readConfigText(s: Settings, cwd: string): { config?: ConfigText; problem?: Diagnostic } {
  const named = s.get('config');
  const path = resolve(cwd, named ?? CONFIG_FILE);
  const file = shown(path, cwd);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (named === undefined && code === 'ENOENT') return {};
    const by = s.source('config')?.label ?? '--config';
    const hint = named === undefined ? `fix its permissions, or move it away to run without a config` : `check the path ${by} gives; relative paths start at ${cwd}`;
    return { problem: { code: 'unreadable-config', message: `cannot read the config file \`${file}\`: ${reason(code, err)}`, hint, severity: 'error' } };
  }
  // NUL bytes or invalid UTF-8 would otherwise surface as baffling YAML syntax errors.
  let text: string;
  try {
    if (bytes.includes(0)) throw new Error('binary');
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: { code: 'not-text', message: `the config file \`${file}\` is not UTF-8 text`, hint: 'a config file is YAML text; see docs/configuration.md', span: { file, line: 1, col: 1 }, severity: 'error' } };
  }
  return { config: { path, file, dir: dirname(path), text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text } };
}

/** A path as messages show it: relative to `cwd` when below it, else absolute. */
export function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || rel.startsWith('/') ? path : rel;
}

/** "no such file or folder" rather than "ENOENT: no such file or directory, open '…'". */
export function reason(code: string | undefined, err: unknown): string {
  const reasons: Record<string, string> = { ENOENT: 'no such file or folder', EACCES: 'permission denied', EISDIR: 'it is a folder', ENOTDIR: 'a part of the path is not a folder' };
  return (code !== undefined ? reasons[code] : undefined) ?? (err instanceof Error ? err.message : String(err));
}
