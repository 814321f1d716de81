import { readFile, stat } from 'node:fs/promises';
import { extname, relative, resolve } from 'node:path';
import { walkFiles } from '../common/walk.js';
import type { Diagnostic } from '../model/index.js';

/** The path a message shows: relative to the working directory when the file is below it. */
export function displayPath(abs: string, cwd = process.cwd()): string {
  const rel = relative(cwd, abs);
  return rel === '' || rel.startsWith('..') || rel.startsWith('/') ? abs : rel;
}

/** A file's text, or the reason it cannot be read as text. */
export type TextOrProblem = { text: string } | { problem: Diagnostic };

/**
 * Reads a UTF-8 text file. Binary content (NUL bytes, invalid UTF-8) is a problem, not text:
 * the YAML parser would otherwise report confusing syntax errors about it.
 */
export async function readText(abs: string, file: string): Promise<TextOrProblem> {
  const span = { file, line: 1, col: 1 };
  let bytes: Buffer;
  try {
    bytes = await readFile(abs);
  } catch (e) {
    return { problem: { code: 'unreadable-file', message: `cannot read the file: ${ioReason(e)}`, hint: 'check that it exists and is readable', span, severity: 'error' } };
  }
  if (bytes.includes(0)) return { problem: binary(span) };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { problem: binary(span) };
  }
}

function binary(span: Diagnostic['span']): Diagnostic {
  return { code: 'not-text', message: 'the file is not UTF-8 text', hint: 'suite files are YAML text; was a binary file saved with a .yaml name?', span, severity: 'error' };
}

/** "no such file" rather than "ENOENT: no such file or directory, open '…'". */
export function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = { ENOENT: 'no such file or folder', EACCES: 'permission denied', EISDIR: 'it is a folder', ENOTDIR: 'a part of the path is not a folder' };
  return (code !== undefined ? reasons[code] : undefined) ?? (e instanceof Error ? e.message : String(e));
}

/**
 * Expands files and folders into a sorted, duplicate-free list of absolute file paths.
 * Folders are searched recursively for files with one of `extensions`; a file named
 * explicitly is taken whatever its extension. Hidden folders and node_modules are skipped.
 */
export async function findFiles(paths: readonly string[], extensions: readonly string[], cwd = process.cwd()): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  const found = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    try {
      const info = await stat(abs);
      if (info.isDirectory()) for (const f of walk(abs, extensions, diagnostics, cwd)) found.add(f);
      else found.add(abs);
    } catch (e) {
      diagnostics.push({ code: 'missing-path', message: `cannot read \`${p}\`: ${ioReason(e)}`, hint: 'give a suite file or a folder of them', severity: 'error' });
    }
  }
  return { files: [...found].sort(), diagnostics };
}

/** Files below `dir`; a folder that cannot be listed is reported and skipped, not fatal. */
function walk(dir: string, extensions: readonly string[], diagnostics: Diagnostic[], cwd: string): string[] {
  return walkFiles(dir, {
    include: (name) => extensions.includes(extname(name).toLowerCase()),
    skipFolder: (name) => name.startsWith('.') || name === 'node_modules',
    unreadable: (folder, e) => {
      diagnostics.push({ code: 'missing-path', message: `cannot read the folder \`${displayPath(folder, cwd)}\`: ${ioReason(e)}`, hint: 'check its permissions, or leave it out', severity: 'error' });
    },
  });
}
