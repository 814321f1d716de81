import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { gsc, targetFlags, tempDir } from './support.js';

/** A port nothing listens on yet. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('a fast loop for emulator authors', () => {
  let emu: EmulatorHandle;
  let dir: string;
  beforeAll(async () => {
    emu = await startEmulator({ deviations: ['create-answers-200'] });
    dir = tempDir('gsc-e2e-fast-');
  });
  afterAll(() => emu.close());

  it('--quiet prints only the failures and the verdict', async () => {
    const run = await gsc(['run', ...targetFlags(emu), '--grep', '^create/', '--out', join(dir, 'quiet'), '--quiet']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Failures and errors\n\nFAIL  create\/answers-201-with-a-job/);
    expect(run.stdout).not.toMatch(/^PASS /m);
    expect(run.stdout).not.toContain('Contract coverage');
    const last = run.stdout.trimEnd().split('\n').slice(-2);
    expect(last[0]).toMatch(/^NOT conformant at level MUST/);
    expect(last[1]).toMatch(/^gsc: \d+ passed, 1 failed/);
  });

  it('--bail stops at the first failure at the failing level, cleans up, and says how many cases were not run', async () => {
    const run = await gsc(['run', ...targetFlags(emu), '--grep', '^create/', '--out', join(dir, 'bail'), '--reporter', 'console,json', '--bail']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/gsc: --bail: stopped after the first failure at level MUST; \d+ case\(s\) not run/);
    const results = JSON.parse(readFileSync(join(dir, 'bail', 'results.json'), 'utf8')) as { cases: { id: string; status: string }[] };
    expect(results.cases.at(-1)).toMatchObject({ id: 'create/answers-201-with-a-job', status: 'failed' });
    // Its cleanup ran: nothing this run created is left.
    expect(run.stderr).not.toContain('left behind');
  });

  it('--wait-for-target waits for a target that starts in the background instead of racing it', async () => {
    const port = await freePort();
    let late: EmulatorHandle | undefined;
    const timer = setTimeout(() => void startEmulator({ port }).then((e) => (late = e)), 600);
    try {
      const flags = ['--target', `http://127.0.0.1:${port}/v1.0`, '--token', emu.fixtures.token, '--service-principal', emu.fixtures.servicePrincipalId, '--template', emu.fixtures.templateId];
      const run = await gsc(['run', ...flags, '--grep', '^create/answers-201', '--out', join(dir, 'wait'), '--wait-for-target', '20s']);
      expect(run.stderr).not.toContain('cannot test');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('PASS  create/answers-201-with-a-job');
    } finally {
      clearTimeout(timer);
      await late?.close();
    }
  });

  it('--wait-for-target gives up after its time with exit 3 and says why', async () => {
    const port = await freePort();
    const run = await gsc(['run', '--target', `http://127.0.0.1:${port}/v1.0`, '--token', 't', '--service-principal', 'sp', '--template', 'x', '--grep', '^create/answers-201', '--out', join(dir, 'never'), '--wait-for-target', '600ms']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/gsc: cannot test http:\/\/127\.0\.0\.1:\d+\/v1\.0: it did not answer within --wait-for-target 600ms/);
  });

  it("a report folder holds only this run's reports: an earlier run's other report files are removed, nothing else", async () => {
    const out = join(dir, 'stale');
    await gsc(['run', ...targetFlags(emu), '--grep', '^create/answers-201', '--out', out, '--reporter', 'html,ctrf,tap,junit']);
    expect(readdirSync(out).sort()).toEqual(['ctrf.json', 'junit.xml', 'ledger.jsonl', 'report.html', 'results.tap']);
    // A file of a report's name that gsc did not write is not touched.
    writeFileSync(join(out, 'results.tap'), 'TAP version 14\n1..0 # written by another tool\n');
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const run = await gsc(['run', ...targetFlags(emu), '--grep', '^create/answers-201', '--out', out, '--reporter', 'console,json']);
    expect(run.stderr).toContain(`gsc: removed junit.xml, report.html, ctrf.json from --out ${out}: an earlier run wrote them, and this run's reporters do not`);
    expect(readdirSync(out).sort()).toEqual(['ledger.jsonl', 'notes.txt', 'results.json', 'results.tap']);
  });
});
