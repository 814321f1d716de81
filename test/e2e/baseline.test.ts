import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { gsc, targetFlags, tempDir } from './support.js';

interface Results { cases: { id: string; status: string; baseline?: { state: string; reason: string; expires?: string; span?: { line: number } } }[] }
const results = (dir: string) => JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Results;
const CREATE = ['--grep', '^create/answers-201-with-a-job$|^create/rejects-empty-template-id$'];

describe('baselines: accept known deviations of a target without muting the rest', () => {
  let broken: EmulatorHandle;
  let clean: EmulatorHandle;
  let dir: string;
  let first: Awaited<ReturnType<typeof gsc>>;
  beforeAll(async () => {
    broken = await startEmulator({ deviations: ['create-answers-200'] });
    clean = await startEmulator();
    dir = tempDir('gsc-e2e-baseline-');
    first = await gsc(['run', ...targetFlags(broken), ...CREATE, '--out', join(dir, 'first'), '--reporter', 'console,json']);
  });
  afterAll(async () => {
    await broken.close();
    await clean.close();
  });

  it('gsc baseline --from results.json prints a starting baseline with each failed case and why it failed', async () => {
    expect(first.code).toBe(1);
    const { code, stdout } = await gsc(['baseline', '--from', join(dir, 'first', 'results.json')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# gsc baseline: known deviations of http:\/\/127\.0\.0\.1:\d+\/v1\.0\n/);
    expect(stdout).toContain('- case: create/answers-201-with-a-job\n  reason: "TODO: why this is accepted. It failed with: status must be 201');
    expect(stdout).not.toContain('rejects-empty-template-id');
  });

  it('--out FILE writes it instead, and a run with --baseline FILE then passes, listing the deviation apart', async () => {
    const file = join(dir, 'gsc.baseline.yaml');
    const made = await gsc(['baseline', '--from', join(dir, 'first', 'results.json'), '--out', file]);
    expect(made.stdout).toBe('');
    expect(made.stderr).toContain(`gsc baseline: wrote 1 known deviation(s) to ${file}`);
    const run = await gsc(['run', ...targetFlags(broken), ...CREATE, '--out', join(dir, 'accepted'), '--reporter', 'console,json,junit', '--baseline', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Known deviations (baseline): failed as expected, not counted\n  create/answers-201-with-a-job: status must be 201');
    expect(run.stdout).toMatch(/Conformant on \d+ of \d+ cases[^,]*, at level MUST: no MUST case failed; 1 known deviation in the baseline does not count\./);
    expect(run.stdout).not.toContain('Failures and errors');
    const c = results(join(dir, 'accepted')).cases.find((x) => x.id === 'create/answers-201-with-a-job')!;
    expect(c.status).toBe('failed');
    expect(c.baseline).toMatchObject({ state: 'accepted', span: { line: 4 } });
    // CI is not red on an accepted deviation either.
    expect(readFileSync(join(dir, 'accepted', 'junit.xml'), 'utf8')).not.toContain('<failure');
  });

  it('covers every round of a repeated case: gsc baseline names the case once, and --repeat runs then pass', async () => {
    const repeated = await gsc(['run', ...targetFlags(broken), ...CREATE, '--repeat', '2', '--live', 'off', '--out', join(dir, 'repeated'), '--reporter', 'json']);
    expect(repeated.code).toBe(1);
    const file = join(dir, 'repeated.yaml');
    const made = await gsc(['baseline', '--from', join(dir, 'repeated', 'results.json'), '--out', file]);
    expect(made.stderr).toContain(`gsc baseline: wrote 1 known deviation(s) to ${file}`);
    expect(readFileSync(file, 'utf8')).toContain('- case: create/answers-201-with-a-job\n');
    const run = await gsc(['run', ...targetFlags(broken), ...CREATE, '--repeat', '2', '--live', 'off', '--out', join(dir, 'repeated-accepted'), '--reporter', 'json', '--baseline', file]);
    expect(run.code).toBe(0);
    const rounds = results(join(dir, 'repeated-accepted')).cases.filter((c) => c.id.startsWith('create/answers-201-with-a-job#'));
    expect(rounds.map((c) => [c.id, c.baseline?.state])).toEqual([
      ['create/answers-201-with-a-job#1', 'accepted'],
      ['create/answers-201-with-a-job#2', 'accepted'],
    ]);
  });

  it('reports a baselined case that now passes as fixed, so the entry can be pruned', async () => {
    const file = join(dir, 'fixed.yaml');
    writeFileSync(file, '- case: create/answers-201-with-a-job\n  reason: the emulator answered 200 (issue 12)\n');
    const run = await gsc(['run', ...targetFlags(clean), ...CREATE, '--out', join(dir, 'fixed'), '--reporter', 'console,json', '--baseline', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Fixed: baselined cases that now pass (remove their entries)\n  create/answers-201-with-a-job: passes; its entry is at ${file}:1:3`);
    expect(run.stdout).toContain('1 baselined case now passes: remove its entry from the baseline');
    expect(results(join(dir, 'fixed')).cases[0]!.baseline?.state).toBe('fixed');
  });

  it('an expired entry fails the run again', async () => {
    const file = join(dir, 'expired.yaml');
    writeFileSync(file, '- case: create/answers-201-with-a-job\n  reason: fixed in the next release\n  expires: 2020-01-31\n');
    const run = await gsc(['run', ...targetFlags(broken), ...CREATE, '--out', join(dir, 'expired'), '--reporter', 'console,json', '--baseline', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('(its baseline entry expired on 2020-01-31, so it counts again');
    expect(run.stdout).toMatch(/NOT conformant at level MUST: 1 MUST case failed \(create\/answers-201-with-a-job\)/);
  });

  it("never hides a failure of another case: an entry covers only the case it names", async () => {
    const file = join(dir, 'other.yaml');
    writeFileSync(file, '- case: create/rejects-empty-template-id\n  reason: not this one\n');
    const run = await gsc(['run', ...targetFlags(broken), ...CREATE, '--out', join(dir, 'other'), '--reporter', 'console,json', '--baseline', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL  create/answers-201-with-a-job');
    expect(run.stdout).not.toContain('Known deviations');
  });

  it('a bad baseline file gets file:line:col diagnostics with the line, a caret and a fix, and nothing is sent', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, '- case: create/answers-201-with-a-jb\n  reason: typo in the id\n- case: create/rejects-empty-template-id\n  reasn: typo in the key\n  expires: 31/01/2027\n');
    const run = await gsc(['run', ...targetFlags(broken), ...CREATE, '--out', join(dir, 'bad'), '--baseline', file], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error[unknown-case]: no case has the id `create/answers-201-with-a-jb`\n --> bad.yaml:1:9\n');
    expect(run.stderr).toContain('did you mean `create/answers-201-with-a-job`?');
    expect(run.stderr).toContain('error[unknown-key]: unknown key `reasn` in a baseline entry\n --> bad.yaml:4:3');
    expect(run.stderr).toContain('did you mean `reason`?');
    expect(run.stderr).toContain('error[invalid-date]: `expires` must be a date written YYYY-MM-DD, not "31/01/2027"\n --> bad.yaml:5:12');
    expect(run.stderr).toContain('gsc run: 3 error(s) in the baseline bad.yaml; nothing was sent');
  });
});
