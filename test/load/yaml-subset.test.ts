import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { YamlFile, type SourceNode } from '../../src/load/yaml-file.js';
import { writeGeneratedSuite } from '../../bench/generate.js';
import { tempDir } from '../fixtures/temp.js';

const ROOT = join(import.meta.dirname, '../..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return name.endsWith('.yaml') ? [path] : [];
  });
}

/**
 * How the quick reader's reading of `text` differs from the `yaml` package's: nothing when the
 * quick reader gave up (the file is then read by `yaml`) or when both read the same values, node
 * ranges and line:col of every offset checked.
 */
function differences(text: string): { quick: boolean; problems: string[] } {
  const quick = new YamlFile('suite.yaml', text);
  if (quick.reader !== 'quick') return { quick: false, problems: [] };
  const full = new YamlFile('suite.yaml', text, 'full');
  const problems: string[] = [];
  if (full.diagnostics.length > 0) problems.push(`read a file yaml reports: ${full.diagnostics.map((d) => d.message).join('; ')}`);
  if (!isDeepStrictEqual(quick.data, full.data) || JSON.stringify(quick.data) !== JSON.stringify(full.data)) problems.push('the data differ');
  const walk = (a: SourceNode | undefined, b: SourceNode | undefined, at: string): void => {
    if (a === undefined || b === undefined) {
      if (a !== b) problems.push(`${at}: ${a?.kind} against ${b?.kind}`);
      return;
    }
    if (a.kind !== b.kind || a.start !== b.start || a.end !== b.end) problems.push(`${at}: ${a.kind} [${a.start}, ${a.end}) against ${b.kind} [${b.start}, ${b.end})`);
    if (a.kind === 'scalar' && b.kind === 'scalar' && !Object.is(a.value, b.value)) problems.push(`${at}: ${String(a.value)} against ${String(b.value)}`);
    if (a.kind === 'map' && b.kind === 'map') {
      if (a.pairs.length !== b.pairs.length) problems.push(`${at}: ${a.pairs.length} pairs against ${b.pairs.length}`);
      a.pairs.forEach((p, i) => {
        walk(p.key, b.pairs[i]?.key, `${at}/key ${String(p.key.value)}`);
        walk(p.value, b.pairs[i]?.value, `${at}/${String(p.key.value)}`);
      });
    }
    if (a.kind === 'seq' && b.kind === 'seq') {
      if (a.items.length !== b.items.length) problems.push(`${at}: ${a.items.length} items against ${b.items.length}`);
      a.items.forEach((item, i) => walk(item, b.items[i], `${at}/${i}`));
    }
  };
  walk(quick.root, full.root, '');
  const step = Math.max(1, Math.floor(text.length / 500));
  for (let offset = 0; offset <= text.length; offset += step) {
    const a = quick.span([offset, offset]);
    const b = full.span([offset, offset]);
    if (a.line !== b.line || a.col !== b.col) {
      problems.push(`offset ${offset}: ${a.line}:${a.col} against ${b.line}:${b.col}`);
      break;
    }
  }
  return { quick: true, problems };
}

/** A deterministic generator, so a failure names a seed that repeats it. */
function random(seed: number): { next: () => number; pick: <T>(items: readonly T[]) => T } {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  return { next, pick: (items) => items[Math.floor(next() * items.length)]! };
}

const SCALARS = ['a', 'b c', '"q\\"x"', "'it''s'", '1', '-2', '0x1F', '0o17', '1.5', '.5', '1e3', 'true', 'False', 'null', '~', '', '.inf', '-.Inf', '.nan', 'http://x:1/y', 'a#b', 'a #c', '{{v}}', '"{{v}}"', '[1, 2]', '{ a: b }', '{ a: [x, "y"], b: { c: d } }', '[]', '{}', '"\\u00e9\\t\\x41"', '"a\\\\b"', '-x', '007', '+5', '2024-01-01', 'a: b', 'x:y', "'a'", '"', '{ $ref: ../schemas/x.json#/$defs/y }'];
const KEYS = ['a', 'b', 'key', '"q k"', "'s k'", '1', 'true', 'null', '__proto__', 'x-y', '/status/code', '$ref', 'a b', 'a[0]'];
const BLOCK_LINES = ['text', 'more text', '# not a comment', 'x: y', '  deeper'];

/** A random document in the block style, often with the constructs the quick reader must give up on. */
function document(r: ReturnType<typeof random>, depth: number, indent: number): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  const kind = depth > 3 ? 'map' : r.pick(['map', 'map', 'seq']);
  const count = 1 + Math.floor(r.next() * 4);
  for (let i = 0; i < count; i++) {
    if (r.next() < 0.15) lines.push(r.next() < 0.5 ? '' : `${pad}# note`);
    if (r.next() < 0.05) lines.push(`${' '.repeat(Math.floor(r.next() * 6))}# stray`);
    const head = kind === 'map' ? `${pad}${r.pick(KEYS)}:` : `${pad}-`;
    const choice = r.next();
    if (choice < 0.45 || depth > 3) lines.push(`${head} ${r.pick(SCALARS)}${r.next() < 0.1 ? '   # c' : r.next() < 0.05 ? '  ' : ''}`);
    else if (choice < 0.55) lines.push(`${head}${r.next() < 0.5 ? '' : ' # c'}${r.next() < 0.3 ? '   ' : ''}`);
    else if (choice < 0.7) {
      const inner = indent + (kind === 'seq' ? 2 : r.pick([2, 4]));
      lines.push(`${head} ${r.pick(['|', '>', '|-', '>-', '|+', '>+', '| # c', '|2'])}`);
      for (let j = 1 + Math.floor(r.next() * 3); j > 0; j--) lines.push(r.next() < 0.2 ? r.pick(['', '  ']) : ' '.repeat(inner) + r.pick(BLOCK_LINES));
      if (r.next() < 0.3) lines.push('');
    } else if (kind === 'seq' && choice < 0.85) {
      const [first = '', ...rest] = document(r, depth + 1, indent + 2).split('\n');
      lines.push(`${pad}- ${first.trimStart()}`, ...rest);
    } else {
      lines.push(head, document(r, depth + 1, kind === 'map' && r.next() < 0.3 ? indent : indent + 2));
    }
  }
  return lines.join('\n');
}

/** One small edit of the kind a person makes by mistake: a line lost, doubled, shifted, or a character typed in. */
function mutate(r: ReturnType<typeof random>, text: string): string {
  const lines = text.split('\n');
  const i = Math.floor(r.next() * lines.length);
  const line = lines[i] ?? '';
  switch (Math.floor(r.next() * 7)) {
    case 0:
      lines.splice(i, 1);
      break;
    case 1:
      lines.splice(i, 0, line);
      break;
    case 2:
      lines[i] = ' '.repeat(1 + Math.floor(r.next() * 2)) + line;
      break;
    case 3:
      lines[i] = line.replace(/^ {1,2}/, '');
      break;
    case 4: {
      const at = Math.floor(r.next() * (line.length + 1));
      lines[i] = line.slice(0, at) + r.pick([':', '#', ' #', '-', '{', '}', '[', ']', '"', "'", ' ', '|', '>', '&a', '*a', '!', '? ', ': ', ',', '\\', '\t', '\r']) + line.slice(at);
      break;
    }
    case 5:
      lines.splice(i, 0, ' '.repeat(Math.floor(r.next() * 8)) + r.pick(['# c', '', 'x: 1', '- y', '  ', '---']));
      break;
    default:
      return text.slice(0, Math.floor(r.next() * text.length));
  }
  return lines.join('\n');
}

describe('suites in the usual block style are read by the quick reader, exactly as the yaml package reads them', () => {
  const shipped = yamlFiles(join(ROOT, 'suites'));

  it('reads every shipped suite, spec and valid fixture with the quick reader, with the same values and places', () => {
    const files = [...shipped, ...yamlFiles(join(ROOT, 'specs')), ...yamlFiles(join(ROOT, 'test/fixtures/suites/valid')), ...yamlFiles(join(ROOT, 'test/fixtures/suites/with-fixtures'))];
    for (const file of files) {
      const { quick, problems } = differences(readFileSync(file, 'utf8'));
      expect({ file, quick, problems }).toEqual({ file, quick: true, problems: [] });
    }
  });

  it("reads the benchmark's generated 1000-case suite with the quick reader", () => {
    const dir = tempDir('gsc-subset-');
    const { quick, problems } = differences(readFileSync(writeGeneratedSuite(dir, 1000, ROOT), 'utf8'));
    expect({ quick, problems }).toEqual({ quick: true, problems: [] });
  });

  it('leaves every file with a YAML error or warning to the yaml package, which explains it', () => {
    const broken = ['a: 1\na: 2\n', 'a: [1, 2\n', 'a:\n\tb: 1\n', 'a: &x 1\nb: *x\n', 'a: !tag 1\n', '---\na: 1\n', 'a: b: c\n', '? a\n: b\n', '', '# only a comment\n', 'a: "open\n', 'equals: {{templateId}}\n', 'a: |2\n    x\n', 'a:\n  - 1\n  b: 2\n', 'a: 1\r\nb: 2\r\n'];
    for (const text of broken) expect({ text, reader: new YamlFile('suite.yaml', text).reader }).toEqual({ text, reader: 'full' });
  });

  it('reads thousands of generated and mistyped documents exactly as the yaml package does, or leaves them to it', () => {
    const r = random(20261202);
    const seeds = [...shipped, ...yamlFiles(join(ROOT, 'test/fixtures/suites'))].map((f) => readFileSync(f, 'utf8'));
    let read = 0;
    for (let n = 0; n < 3000; n++) {
      let text = r.next() < 0.5 ? document(r, 0, 0) + r.pick(['\n', '', '\n\n', '\n# end\n']) : r.pick(seeds);
      for (let edits = Math.floor(r.next() * 3); edits > 0; edits--) text = mutate(r, text);
      const { quick, problems } = differences(text);
      if (quick) read++;
      expect({ text, problems }).toEqual({ text, problems: [] });
    }
    // The subset must be worth having: a good share of these documents is in it.
    expect(read).toBeGreaterThan(600);
  });
});
