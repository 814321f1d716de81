import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Which top-level folders of src/ each folder may import from (ARCHITECTURE.md). `common` is
 * the leaf every engine layer shares and that imports no other layer; the emulator imports no
 * engine code, and of `common` only modules that import nothing (pure functions of text), so it
 * stays an independent implementation of the contract.
 */
const allowed: Record<string, string[]> = {
  common: ['common'],
  model: ['model', 'common'],
  assert: ['model', 'common', 'assert'],
  execute: ['model', 'common', 'assert', 'execute'],
  load: ['model', 'common', 'load'],
  plan: ['model', 'common', 'plan'],
  report: ['model', 'common', 'report'],
  emulator: ['model', 'common', 'emulator'],
  run: ['model', 'common', 'assert', 'execute', 'load', 'plan', 'report', 'emulator', 'run'],
  proxy: ['model', 'common', 'assert', 'load', 'report', 'proxy'],
  vitest: ['model', 'report', 'run', 'cli', 'vitest'],
  cli: ['model', 'common', 'assert', 'execute', 'load', 'plan', 'report', 'emulator', 'run', 'proxy', 'cli'],
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

  it('lets the emulator use only the leaf modules that import nothing, never engine code', () => {
    // A pure function of text (the depth check) shares no behaviour of the engine's contract,
    // so the emulator may reuse it; anything with imports would pull engine code in.
    const leafOnly = (path: string): boolean => !/from\s+'/.test(readFileSync(path, 'utf8'));
    const violations: string[] = [];
    for (const file of files(join(src, 'emulator'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)) {
        const target = join(file, '..', m[1]!).replace(/\.js$/, '.ts');
        if (relative(src, target).split(sep)[0] === 'common' && !leafOnly(target)) violations.push(`${relative(src, file)} imports ${m[1]}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('has a rule for every folder of src/, so a new layer cannot slip past the rules', () => {
    const folders = readdirSync(src).filter((name) => statSync(join(src, name)).isDirectory());
    expect(folders.filter((f) => !(f in allowed))).toEqual([]);
  });

  it('keeps one copy of the shared syntax and of the guards for untrusted input: no second template grammar, redaction marker, ajv, depth check, pattern engine or link-refusing writer outside src/common and the emulator', () => {
    const copies: string[] = [];
    for (const layer of Object.keys(allowed).filter((l) => l !== 'common' && l !== 'emulator')) {
      for (const file of files(join(src, layer))) {
        const text = readFileSync(file, 'utf8');
        if (/'\[REDACTED\]'/.test(text)) copies.push(`${relative(src, file)} writes its own redaction marker`);
        if (/new Ajv(2020)?\(/.test(text)) copies.push(`${relative(src, file)} builds its own ajv`);
        if (/\\\{\\\{.*\\\}\\\}/.test(text)) copies.push(`${relative(src, file)} has its own {{variable}} pattern`);
        const own = /function (parseDuration|editDistance|listOf|resolvePointer|nestsDeeperThan|compileUserPattern|openNoFollow|readConfinedFile)\b/.exec(text);
        if (own && !/from '(\.\.\/)+common\//.test(text)) copies.push(`${relative(src, file)} defines its own ${own[1]}`);
      }
    }
    expect(copies).toEqual([]);
  });
});
