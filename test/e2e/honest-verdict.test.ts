import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { readResults } from '../fixtures/remote-target/tenant.js';
import { gsc, tempDir } from './support.js';

/**
 * Issue 8 §8: a run that tested 3 cases of 38 must not read like one that tested all 38.
 * The emulator is reached by an IPv4-mapped IPv6 address, so the run treats it as a target
 * that is not this machine: without --allow-writes, cases that write are skipped.
 */
let emu: EmulatorHandle;
let remote: string;
beforeAll(async () => {
  emu = await startEmulator();
  remote = `http://[::ffff:127.0.0.1]:${new URL(emu.url).port}/v1.0`;
});
afterAll(() => emu.close());

const flags = (): string[] => ['--target', remote, '--token', emu.fixtures.token, '--service-principal', emu.fixtures.servicePrincipalId, '--template', emu.fixtures.templateId, '--reporter', 'console,json'];

describe('a run without --allow-writes against a target that is not this machine', () => {
  it('is "Conformant on N of M cases (K skipped: need --allow-writes)", and results.json counts the skips by reason', async () => {
    const out = tempDir();
    const run = await gsc(['run', ...flags(), '--out', out]);
    const r = readResults(out) as ReturnType<typeof readResults> & { skips: Record<string, number> };
    expect(run.code, run.stderr).toBe(0);
    const { passed, failed, skipped } = r.counts;
    expect(skipped).toBeGreaterThan(0);
    expect(r.skips).toEqual({ 'needs-allow-writes': skipped });
    expect(run.stdout).toContain(`Conformant on ${passed + failed} of ${passed + failed + skipped} cases (${skipped} skipped: need --allow-writes), at level MUST`);
    expect(emu.jobs()).toEqual([]);
  });

  it('with --require-all, any skipped MUST case makes it incomplete: exit 3', async () => {
    const out = tempDir();
    const run = await gsc(['run', ...flags(), '--require-all', '--out', out]);
    const r = readResults(out) as ReturnType<typeof readResults> & { verdict: string };
    const must = r.cases.filter((c) => c.status === 'skipped' && c.level === 'MUST').length;
    expect(must).toBeGreaterThan(0);
    expect(run.code).toBe(3);
    expect(r.verdict).toBe('incomplete');
    expect(run.stdout).toContain(`${must} MUST case${must === 1 ? '' : 's'} skipped (`);
    expect(run.stdout).toContain(', and --require-all needs every one to run');
  });

  it('with --require-all --quiet, the verdict names the skipped MUST cases, a few, then how many more', async () => {
    const out = tempDir();
    const run = await gsc(['run', ...flags(), '--require-all', '--quiet', '--out', out]);
    const r = readResults(out);
    const must = r.cases.filter((c) => c.status === 'skipped' && c.level === 'MUST').map((c) => c.id);
    expect(must.length).toBeGreaterThan(3);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain(`${must.length} MUST cases skipped (${must.slice(0, 3).join(', ')}, and ${must.length - 3} more), and --require-all needs every one to run.`);
  });

  it('with --require-all and nothing skipped, a conformant run stays conformant', async () => {
    const run = await gsc(['run', ...flags(), '--require-all', '--grep', '^templates/', '--out', tempDir()]);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/Conformant on (\d+) of \1 cases?, at level MUST/);
  });
});

describe('the docs quote what a run prints', () => {
  const root = join(import.meta.dirname, '..', '..');
  it('README: the verdict without --allow-writes, and npm start\'s summary, with the shipped suites\' numbers', async () => {
    const out = tempDir();
    const run = await gsc(['run', ...flags(), '--out', out]);
    const { counts } = readResults(out);
    const total = counts.passed + counts.failed + counts.error + counts.skipped;
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const verdict = `Conformant on ${counts.passed} of ${total} cases (${counts.skipped} skipped: need --allow-writes)`;
    expect(run.stdout).toContain(verdict);
    expect(readme).toContain(verdict);
    expect(readme).toContain(`Conformant on ${total} of ${total} cases, at level MUST: no MUST case failed.`);
    expect(readme).toMatch(new RegExp(`gsc: ${total} passed, 0 failed, 0 errors, 0 skipped`));
  });

  it('docs/results-json.md: the skips row names every skip code the skipCode row explains', () => {
    const doc = readFileSync(join(root, 'docs', 'results-json.md'), 'utf8');
    const row = (name: string): string => doc.split('\n').find((l) => l.startsWith(`| \`${name}\` |`)) ?? '';
    const codes = [...row('skipCode').matchAll(/`([a-z]+(?:-[a-z]+)+)`/g)].map((m) => m[1]);
    expect(codes).toEqual(expect.arrayContaining(['needs-allow-writes', 'needs-variable', 'optional-route-missing', 'unknown-operation']));
    for (const code of codes) expect(row('skips'), code).toContain(`\`${code}\``);
  });
});
