import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { gsc, targetFlags, tempDir } from './support.js';

describe('every report has a contract coverage section', () => {
  let emu: EmulatorHandle;
  let out: string;
  let run: Awaited<ReturnType<typeof gsc>>;
  beforeAll(async () => {
    emu = await startEmulator();
    out = tempDir('gsc-e2e-coverage-');
    run = await gsc(['run', ...targetFlags(emu), '--grep', '^create/answers-201', '--out', out, '--reporter', 'console,json,html']);
  });
  afterAll(() => emu.close());

  it('the console says the coverage in one line just before the verdict', () => {
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.at(-3)).toMatch(/^Contract coverage: [\d.]+% \(\d+ of \d+ points: \d+ of \d+ status codes, \d+ of \d+ properties\)$/);
  });

  it('results.json holds it, valid against schemas/results.schema.json, with each point and the cases that check it', () => {
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { coverage: { percent: number; points: { operation: string; kind: string; point: string; cases: string[]; level?: string }[] } };
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    const valid = ajv.validate(JSON.parse(readFileSync('schemas/results.schema.json', 'utf8')), results);
    expect(ajv.errors ?? [], JSON.stringify(ajv.errors)).toEqual([]);
    expect(valid).toBe(true);
    const created = results.coverage.points.find((p) => p.operation === 'POST /servicePrincipals/{servicePrincipal-id}/synchronization/jobs' && p.kind === 'status' && p.point === '201');
    expect(created).toMatchObject({ cases: ['create/answers-201-with-a-job'], level: 'MUST' });
    const start = results.coverage.points.find((p) => p.operation.endsWith('/start') && p.point === '204');
    expect(start?.cases).toEqual([]);
  });

  it('report.html shows the table by operation', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<h2 id="coverage-heading">Contract coverage</h2>');
    expect(html).toMatch(/<tr><td><code>POST …\/jobs<\/code><\/td><td>[12]\/2<\/td>/);
  });

  it('--min-coverage P fails a run whose cases check less than P percent, with a clear line', async () => {
    const low = await gsc(['run', ...targetFlags(emu), '--grep', '^create/answers-201', '--out', join(out, 'low'), '--reporter', 'console', '--min-coverage', '99.5']);
    expect(low.code).toBe(1);
    expect(low.stderr).toMatch(/gsc: contract coverage [\d.]+% is below --min-coverage 99\.5%/);
  });

  it('counts only the cases that run: cases skipped for a missing variable cover nothing, so --min-coverage cannot pass on them', async () => {
    const grep = ['--grep', '^provision-on-demand/answers-200'];
    const given = await gsc(['run', ...targetFlags(emu), ...grep, '--var', 'provisionUserId=8e4c2a10-0000-4000-8000-000000000001', '--out', join(out, 'given'), '--reporter', 'json']);
    const missing = await gsc(['run', ...targetFlags(emu), ...grep, '--out', join(out, 'missing'), '--reporter', 'json', '--min-coverage', '1']);
    const percent = (dir: string): number => (JSON.parse(readFileSync(join(out, dir, 'results.json'), 'utf8')) as { coverage: { percent: number } }).coverage.percent;
    expect(given.code, given.stdout + given.stderr).toBe(0);
    expect(percent('given')).toBeGreaterThan(0);
    expect(percent('missing')).toBe(0);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/gsc: contract coverage 0% is below --min-coverage 1%/);
  });

  it('a run stopped before any case was judged says it covered nothing, not what it meant to cover', async () => {
    const flags = targetFlags(emu).map((f) => (f === emu.fixtures.token ? 'not-a-valid-token' : f));
    const refused = await gsc(['run', ...flags, '--out', join(out, 'refused'), '--reporter', 'console']);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toContain('Contract coverage: none (the run stopped before any case was judged)');
    expect(refused.stdout).not.toMatch(/Contract coverage: [\d.]+%/);
  });
});
