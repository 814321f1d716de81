import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What each command loads before it does anything is decided by its static imports: a module
 * imported at the top of any file it reaches is loaded at start, whether the command uses it or
 * not. These are the start-up promises of docs/benchmarks.md, read from the source (timings are
 * the bench's business): a new top-level import that pulls the engine into `gsc list`, or the
 * emulator into `gsc run` against a target, fails here with the chain that pulls it.
 */
const SRC = join(import.meta.dirname, '..', '..', 'src');

/** The modules a file imports at load time (type-only imports are erased; `import()` is not counted). */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?([^;]*?)\s*from\s+'([^']+)'/gms)) {
    const [, typeOnly, clause, spec] = m;
    if (typeOnly) continue;
    // `import { type A, type B } from`: every name a type, so nothing is loaded.
    const names = /^\{([^}]*)\}$/.exec(clause!.trim())?.[1]?.split(',').map((n) => n.trim()).filter(Boolean);
    if (names && names.length > 0 && names.every((n) => n.startsWith('type '))) continue;
    out.push(spec!);
  }
  for (const m of text.matchAll(/^import\s+'([^']+)'/gm)) out.push(m[1]!);
  return out;
}

/** Every source file and package loaded at start from `entries`, each with the chain that reached it. */
function loadedFrom(...entries: string[]): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string, chain: string[]): void => {
    const key = relative(SRC, file);
    if (seen.has(key)) return;
    seen.set(key, [...chain, key]);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('node:')) continue;
      if (!spec.startsWith('.')) {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (!seen.has(pkg)) seen.set(pkg, [...chain, key, pkg]);
        continue;
      }
      const target = join(dirname(file), spec).replace(/\.js$/, '.ts');
      if (existsSync(target)) visit(target, [...chain, key]);
    }
  };
  for (const entry of entries) visit(join(SRC, entry), []);
  return seen;
}

/** The chains that reach a module `forbidden` names, for a readable failure. */
function reaching(loaded: Map<string, string[]>, forbidden: (module: string) => boolean): string[] {
  return [...loaded].filter(([module]) => forbidden(module)).map(([, chain]) => chain.join(' -> '));
}

describe('what a command loads at start', () => {
  it('gsc --version: bin.ts and the package facts only', () => {
    expect([...loadedFrom('cli/bin.ts').keys()].sort()).toEqual(['cli/bin.ts', 'run/project.ts']);
  });

  it('gsc list: no engine, reporter, emulator, HTTP client, MSAL or ajv', () => {
    const loaded = loadedFrom('cli/bin.ts', 'cli/main.ts', 'cli/commands/list.ts');
    expect(loaded.has('common/yaml.ts')).toBe(true);
    const heavy = (m: string): boolean => /^(execute|assert|report|emulator|proxy)\//.test(m) || ['undici', '@azure/msal-node', 'ajv', 'ajv-formats'].includes(m);
    expect(reaching(loaded, heavy)).toEqual([]);
  });

  it('gsc run: neither the emulator (imported only when no --target is given) nor MSAL (imported at the first client-credentials sign-in)', () => {
    const loaded = loadedFrom('cli/bin.ts', 'cli/main.ts', 'cli/commands/run.ts');
    expect(loaded.has('execute/run.ts')).toBe(true);
    expect(reaching(loaded, (m) => m.startsWith('emulator/') || m === '@azure/msal-node')).toEqual([]);
  });
});
