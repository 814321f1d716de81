import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema, parseConfig } from '../../../src/cli/config/index.js';
import { cleanupFlags, runFlags } from '../../../src/cli/flags.js';
import { project } from '../../../src/run/project.js';

const docs = readFileSync(join(project().root, 'docs', 'configuration.md'), 'utf8');

// The schema, the key registry, the flags and the docs agree: test/cli/flags-table.test.ts.
describe('the config flags and the documented example', () => {
  it('gsc run and gsc cleanup both take --config and --target-name', () => {
    for (const flags of [runFlags, cleanupFlags]) {
      expect(flags.find((f) => f.name === 'config')?.env).toBe('GSC_CONFIG');
      expect(flags.find((f) => f.name === 'target-name')?.env).toBe('GSC_TARGET_NAME');
    }
  });

  it("the docs' example file is valid", () => {
    const example = /## The format\n```yaml\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(example).toBeDefined();
    const { config, diagnostics } = parseConfig({ path: '/docs/example.yaml', file: 'example.yaml', dir: '/docs', text: example! });
    expect(diagnostics).toEqual([]);
    expect(Object.keys(config!.targets)).toEqual(['contoso', 'contoso-gov', 'lab']);
  });
});

describe('values the schema must accept, and values it must refuse', () => {
  const target = (extra: Record<string, unknown>) => ({ targets: { t: { target: 'https://graph.microsoft.com/v1.0', ...extra } } });
  const ok = (data: unknown) => configSchema().validate(data);

  it.each([
    ['fractional rate', { maxRps: 0.5 }],
    ['durations', { timeout: '500ms', consistencyTimeout: '1.5m' }],
    ['tags as a list', { tags: ['smoke', '!destructive'] }],
    ['tags as text', { tags: '!destructive,!needs-credentials' }],
    ['a loopback http target', { target: 'http://127.0.0.1:8080/v1.0' }],
    ['a beta target', { target: 'https://graph.microsoft.com/beta/' }],
    ['a domain as tenant', { tenantId: 'contoso.onmicrosoft.com' }],
    ['upper-case GUID', { clientId: 'AAAAAAAA-0000-0000-0000-00000000000A' }],
  ])('accepts %s', (_what, extra) => {
    expect(ok(target(extra))).toEqual([]);
  });

  it.each([
    ['a target with a query', { target: 'https://graph.microsoft.com/v1.0?x=1' }],
    ['a target without its version segment', { target: 'https://graph.microsoft.com' }],
    ['an unknown cloud', { cloud: 'azure' }],
    ['a non-https authority', { authority: 'http://login.microsoftonline.us' }],
    ['zero concurrency', { concurrency: 0 }],
    ['fractional concurrency', { concurrency: 1.5 }],
    ['a duration without unit', { timeout: '30' }],
    ['an inline token', { token: 'eyJ0' }],
    ['a reference to both', { token: { env: 'A', file: 'b' } }],
    ['a tag with a space', { tags: ['a b'] }],
  ])('refuses %s', (_what, extra) => {
    expect(ok(target(extra)).length).toBeGreaterThan(0);
  });
});
