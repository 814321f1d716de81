import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { gsc, targetFlags, tempDir } from './support.js';

describe('gsc diff A/results.json B/results.json: the same cases against two targets', () => {
  let clean: EmulatorHandle;
  let other: EmulatorHandle;
  let dir: string;
  const run = (emu: EmulatorHandle, out: string) => gsc(['run', ...targetFlags(emu), '--grep', '^create/answers-201-with-a-job$|^get/unknown-job', '--out', join(dir, out), '--reporter', 'json']);
  beforeAll(async () => {
    clean = await startEmulator();
    other = await startEmulator({ deviations: ['create-answers-200', 'quarantine-not-null', 'no-odata-context'] });
    dir = tempDir('gsc-e2e-diff-');
    await run(clean, 'a');
    await run(other, 'b');
  });
  afterAll(async () => {
    await clean.close();
    await other.close();
  });

  it('says which cases differ: the outcome, the status codes, properties on one side only and type differences', async () => {
    const d = await gsc(['diff', 'a/results.json', 'b/results.json'], { cwd: dir });
    expect(d.code).toBe(1);
    const text = d.stdout;
    expect(text).toMatch(/^gsc diff: A = a\/results\.json \(http:\/\/127\.0\.0\.1:\d+\/v1\.0\)\n {10}B = b\/results\.json/);
    expect(text).toContain('1 case the same, 1 differ; 0 only in A, 0 only in B');
    expect(text).toContain('create/answers-201-with-a-job — ');
    expect(text).toContain('  outcome: A passed, B failed');
    expect(text).toContain('  step "create": status A 201, B 200');
    expect(text).toContain('    only in A: /@odata.context');
    expect(text).toContain('    type of /status/quarantine: A null, B object');
    // Below a property that differs in type, its children are one side's only: named once, at the top.
    expect(text).toContain('    only in B: /status/quarantine/');
  });

  it('exits 0 and says so when the two runs answered alike', async () => {
    const d = await gsc(['diff', 'a/results.json', 'a/results.json'], { cwd: dir });
    expect(d.code).toBe(0);
    expect(d.stdout).toContain('2 cases the same, 0 differ; 0 only in A, 0 only in B');
  });

  it('--html FILE writes the comparison as one self-contained page that runs no script', async () => {
    const d = await gsc(['diff', 'a/results.json', 'b/results.json', '--html', 'diff.html'], { cwd: dir });
    expect(d.stderr).toContain('gsc diff: wrote diff.html');
    const html = readFileSync(join(dir, 'diff.html'), 'utf8');
    expect(html).toContain("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-");
    expect(html).not.toMatch(/<script|src="http/);
    expect(html).toContain('<code>create/answers-201-with-a-job</code>');
    expect(html).toContain('status A <b>201</b>, B <b>200</b>');
    expect(html).toContain('type of <code>/status/quarantine</code>: A null, B object');
  });

  it('a missing or foreign file is a clear usage error', async () => {
    const d = await gsc(['diff', 'a/results.json', 'nowhere/results.json'], { cwd: dir });
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('gsc diff: B nowhere/results.json: no such file; a run writes one with `gsc run --reporter json`');
    expect((await gsc(['diff', 'a/results.json'], { cwd: dir })).stderr).toContain('give two results files');
  });
});
