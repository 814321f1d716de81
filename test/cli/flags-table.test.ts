import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, SECRET_KEYS, configSchemaFile } from '../../src/cli/config/index.js';
import { FLAGS, cleanupFlags, runFlags, selectionFlags, type ConfigKind, type FlagDef } from '../../src/cli/flags.js';
import { formatHelp } from '../../src/cli/help.js';
import { project } from '../../src/run/project.js';

// The flag table in src/cli/flags.ts is the one list of flags, variables and config keys. The
// key registry and --help derive from it; the config schema and the docs are written by hand
// for their readers, so this file holds them to the table.

interface PropertySchema { description?: string; type?: string | string[]; enum?: unknown[]; $ref?: string }
const schema = JSON.parse(readFileSync(configSchemaFile(), 'utf8')) as { $defs: { target: { properties: Record<string, PropertySchema> } } };
const properties = schema.$defs.target.properties;
const root = project().root;
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** The rows of the markdown table whose header line is `header`, as cells. */
function tableRows(markdown: string, header: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(header);
  expect(start, `a table headed ${header}`).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim()));
  }
  return rows;
}

/** The `code` spans of a cell: "`--grep RE`, `--tags LIST`" -> ["--grep RE", "--tags LIST"]. */
const codes = (cell: string | undefined) => [...(cell ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

const withConfig = Object.values(FLAGS).filter((f): f is FlagDef & { config: NonNullable<FlagDef['config']> } => f.config !== undefined);

/** What the schema must say about a value of each kind. */
const SCHEMA_SHAPE: Record<ConfigKind, (p: PropertySchema) => boolean> = {
  text: (p) => p.type === 'string' || p.enum !== undefined || p.$ref === '#/$defs/duration',
  path: (p) => p.type === 'string',
  secret: (p) => p.$ref === '#/$defs/secretRef',
  boolean: (p) => p.type === 'boolean',
  number: (p) => p.type === 'integer' || p.type === 'number',
  list: (p) => Array.isArray(p.type) && p.type.includes('array') && p.type.includes('string'),
  vars: (p) => p.type === 'object' && (p as { additionalProperties?: PropertySchema }).additionalProperties?.type === 'string',
  secrets: (p) => p.type === 'object' && (p as { additionalProperties?: PropertySchema }).additionalProperties?.$ref === '#/$defs/secretRef',
};

describe('the flag table', () => {
  it('names each flag, variable and config key once', () => {
    const all = Object.values(FLAGS);
    for (const pick of [(f: FlagDef) => f.name, (f: FlagDef) => f.env, (f: FlagDef) => f.config?.key]) {
      const values = all.map(pick).filter((v) => v !== undefined);
      expect(new Set(values).size, values.join(' ')).toBe(values.length);
    }
    for (const f of all) if (f.env !== undefined) expect(f.env).toMatch(/^GSC_[A-Z_]+$/);
  });

  it('gives the commands their flags: a command may reword a flag, never rename its variable or key', () => {
    for (const f of [...runFlags, ...cleanupFlags, ...selectionFlags]) {
      const row = FLAGS[f.name as keyof typeof FLAGS];
      expect(row, f.name).toBeDefined();
      expect([f.type, f.env, f.config, f.secret]).toEqual([row.type, row.env, row.config, row.secret]);
    }
    for (const f of withConfig) expect(runFlags.map((r) => r.name), f.name).toContain(f.name);
  });

  it('is where the config key registry comes from, in its order', () => {
    expect(Object.entries(CONFIG_KEYS)).toEqual(withConfig.map((f) => [f.config.key, { flag: f.name, kind: f.config.kind }]));
    expect(SECRET_KEYS).toEqual(withConfig.filter((f) => f.secret).map((f) => f.config.key));
  });

  it('shows each variable and key in gsc run --help', () => {
    const help = formatHelp('run');
    for (const f of runFlags) {
      const line = help.split('\n').find((l) => l.startsWith(`  --${f.name} `) || l === `  --${f.name}`);
      expect(line, f.name).toBeDefined();
      if (f.env !== undefined) expect(line).toContain(`env ${f.env}`);
      if (f.config !== undefined) expect(line).toContain(`config ${f.config.key}`);
    }
  });
});

describe('the config schema agrees with the table', () => {
  it('allows in a target exactly the keys of the table', () => {
    expect(Object.keys(properties)).toEqual(withConfig.map((f) => f.config.key));
  });

  it.each(withConfig.map((f) => [f.config.key, f] as const))('%s: names its flag and has the shape of its kind', (key, f) => {
    const property = properties[key]!;
    expect(property.description).toMatch(new RegExp(`\\(--${f.name}\\)$`));
    expect(SCHEMA_SHAPE[f.config.kind](property), `${key} is ${f.config.kind}: ${JSON.stringify(property)}`).toBe(true);
  });
});

describe('the docs agree with the table', () => {
  it('docs/configuration.md lists every key with its flag and variable, in the order of the table', () => {
    const rows = tableRows(read('docs/configuration.md'), '| key | flag | environment | value |');
    expect(rows.map((cells) => cells.slice(0, 3).map((c) => codes(c)[0]))).toEqual(withConfig.map((f) => [f.config.key, `--${f.name}`, f.env]));
  });

  it("the README's flag table pairs each flag with its variable", () => {
    const rows = tableRows(read('README.md'), '| flag | environment | meaning |');
    expect(rows.length).toBeGreaterThan(0);
    for (const [flagCell, envCell] of rows) {
      const flags = codes(flagCell).map((c) => c.split(' ')[0]!.replace(/^--/, ''));
      expect(codes(envCell), flagCell).toEqual(flags.map((name) => FLAGS[name as keyof typeof FLAGS]?.env));
    }
  });
});
