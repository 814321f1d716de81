import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DURATION_PATTERN } from '../../src/common/duration.js';
import { workdir } from '../cli/config/support.js';
import { gsc, tempDir } from './support.js';

/**
 * One duration grammar everywhere a user writes one: `30s`, `500ms`, `2m`, `1h`, unit required.
 * A bare number was once read as milliseconds (`GSC_TIMEOUT=30` meant 30 ms); now each place
 * refuses it and says which unit to add.
 */
describe('durations need their unit, wherever they are written', () => {
  const made: string[] = [];
  const dir = (d: string): string => (made.push(d), d);
  afterEach(() => {
    for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('a flag: --timeout 30 is a usage error that suggests 30s', async () => {
    const run = await gsc(['run', '--timeout', '30', '--out', dir(tempDir())]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--timeout 30: add a unit, e.g. 30s or 30ms');
  });

  it('an environment variable: GSC_TIMEOUT=30 no longer means 30 ms, and the message names the variable', async () => {
    const run = await gsc(['run', '--out', dir(tempDir())], { env: { GSC_TIMEOUT: '30' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('GSC_TIMEOUT 30: add a unit, e.g. 30s or 30ms');
    const consistency = await gsc(['run', '--out', dir(tempDir())], { env: { GSC_CONSISTENCY_TIMEOUT: '5' } });
    expect(consistency.stderr).toContain('GSC_CONSISTENCY_TIMEOUT 5: add a unit, e.g. 5s or 5ms');
  });

  it('the config file: `timeout: 30` points at the value and suggests its unit', async () => {
    const cwd = dir(workdir(`
      targets:
        lab:
          target: http://127.0.0.1:9
          token: { env: LAB_TOKEN }
          timeout: 30
    `));
    const run = await gsc(['run', '--dry-run'], { cwd, env: { LAB_TOKEN: 'lab-token-value' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('gsc.config.yaml:5:14');
    expect(run.stderr).toContain('add a unit, e.g. 30s or 30ms');
  });

  it('a suite file: `eventually: { timeout: 30 }` is a lint error at file:line:col that suggests its unit', async () => {
    const d = dir(tempDir());
    const file = join(d, 'waits.yaml');
    const suite = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'suites', 'invalid', 'bad-duration.yaml'), 'utf8')
      .replace('$schema: ../../../../schemas/suite.schema.json\n', '')
      .replace('eventually: { timeout: 30 seconds, interval: 250 }', 'eventually: { timeout: 30, interval: 1h }');
    writeFileSync(file, suite);
    const run = await gsc(['lint', file], { cwd: d });
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/waits\.yaml:12:32[\s\S]*add a unit, e.g\. 30s or 30ms/);
    expect(run.stdout + run.stderr).not.toMatch(/`interval`/);
  });

  it('the schemas editors read hold the same grammar', () => {
    for (const name of ['suite.schema.json', 'config.schema.json']) {
      const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'schemas', name), 'utf8')) as { $defs: { duration: { pattern: string } } };
      expect(schema.$defs.duration.pattern, name).toBe(DURATION_PATTERN);
    }
  });
});
