import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GscUsageError, run, startEmulator, type EmulatorHandle } from '../src/index.js';
import { tempDir } from './fixtures/temp.js';

describe('run() takes the baseline and the coverage floor as options, as gsc run takes the flags', () => {
  let emu: EmulatorHandle;
  let dir: string;
  let target: { target: string; token: string; servicePrincipalId: string; templateId: string };
  beforeAll(async () => {
    emu = await startEmulator({ deviations: ['create-answers-200'] });
    dir = tempDir('gsc-run-reports-');
    target = { target: emu.url, token: emu.fixtures.token, servicePrincipalId: emu.fixtures.servicePrincipalId, templateId: emu.fixtures.templateId };
  });
  afterAll(() => emu.close());

  it('baseline: a known deviation does not fail the run, and the result marks it accepted', async () => {
    writeFileSync(join(dir, 'baseline.yaml'), '- case: create/answers-201-with-a-job\n  reason: answers 200 (tracked)\n');
    const result = await run({ ...target, grep: '^create/answers-201-with-a-job$', reporters: [], baseline: 'baseline.yaml', cwd: dir });
    expect(result.verdict).toBe('conformant');
    expect(result.cases[0]).toMatchObject({ status: 'failed', baseline: { state: 'accepted', reason: 'answers 200 (tracked)' } });
  });

  it('a bad baseline rejects with a usage error that points at the line', async () => {
    writeFileSync(join(dir, 'bad.yaml'), '- case: create/no-such-case\n  reason: x\n');
    await expect(run({ ...target, reporters: [], baseline: 'bad.yaml', cwd: dir })).rejects.toThrow(/error\[unknown-case\]: no case has the id `create\/no-such-case`\n --> bad\.yaml:1:9/);
  });

  it('minCoverage: the result carries the coverage, and says when it is below the floor', async () => {
    const notices: string[] = [];
    const result = await run({ ...target, grep: '^create/rejects-empty', reporters: [], minCoverage: 99, cwd: dir, onNotice: (t) => notices.push(t) });
    expect(result.coverage).toMatchObject({ minimum: 99, belowMinimum: true });
    expect(notices.join('\n')).toMatch(/contract coverage [\d.]+% is below --min-coverage 99%/);
    await expect(run({ ...target, reporters: [], minCoverage: 120 })).rejects.toBeInstanceOf(GscUsageError);
  });
});
