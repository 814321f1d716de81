import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Which top-level folders of src/ each folder may import from (ARCHITECTURE.md). */
const allowed: Record<string, string[]> = {
  model: ['model'],
  assert: ['model', 'assert'],
  execute: ['model', 'assert', 'execute'],
  load: ['model', 'load'],
  plan: ['model', 'plan'],
  report: ['model', 'report'],
  emulator: ['model', 'emulator'],
  proxy: ['model', 'assert', 'execute', 'load', 'report', 'proxy'],
  cli: ['model', 'assert', 'execute', 'load', 'plan', 'report', 'emulator', 'proxy', 'cli'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('architecture', () => {
  const src = join(import.meta.dirname, '..', 'src');
  it.each(Object.keys(allowed))('src/%s imports only what its layer may', (layer) => {
    const violations: string[] = [];
    for (const file of files(join(src, layer))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)) {
        const target = relative(src, join(file, '..', m[1]!)).split(sep)[0]!;
        if (!allowed[layer]!.includes(target)) violations.push(`${relative(src, file)} imports ${m[1]}`);
      }
    }
    expect(violations).toEqual([]);
  });
});
