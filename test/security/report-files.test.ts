import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/run/folder-lock.js';
import { GscUsageError, run as runLibrary } from '../../src/run/index.js';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { gsc } from '../e2e/support.js';
import { tempDir } from '../fixtures/temp.js';

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

const flags = () => ['--target', emu.url, '--token', emu.fixtures.token, '--service-principal', emu.fixtures.servicePrincipalId, '--template', emu.fixtures.templateId, '--grep', '^list/'];

/** A file of the user's that a planted link points at; its content must never change. */
function victim(): string {
  const file = join(tempDir('gsc-victim-'), 'precious.txt');
  writeFileSync(file, 'the user\'s own file\n');
  return file;
}

describe('report files never follow a symbolic link (issue 9 #7)', () => {
  for (const [name, reporter] of [['results.ndjson', 'ndjson'], ['results.json', 'json'], ['junit.xml', 'junit']] as const) {
    it(`a ${name} planted as a link leaves its target untouched`, async () => {
      const out = tempDir('gsc-sec-');
      const precious = victim();
      symlinkSync(precious, join(out, name));
      const run = await gsc(['run', ...flags(), '--reporter', reporter, '--out', out]);
      expect(readFileSync(precious, 'utf8')).toBe('the user\'s own file\n');
      // Either refused with the reason, or the link itself replaced by a real file: never written through.
      if (lstatSync(join(out, name)).isSymbolicLink()) expect(run.stderr).toContain(`refusing to write ${join(out, name)}: it is a symbolic link`);
    });
  }

  it('a ledger.jsonl planted as a link is refused, exit 2, and its target is not appended to', async () => {
    const out = tempDir('gsc-sec-');
    const precious = victim();
    symlinkSync(precious, join(out, 'ledger.jsonl'));
    const run = await gsc(['run', ...flags(), '--reporter', 'json', '--out', out]);
    expect(readFileSync(precious, 'utf8')).toBe('the user\'s own file\n');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('it is a symbolic link');
  });

  it('a hard link to a file elsewhere is refused too', async () => {
    const out = tempDir('gsc-sec-');
    const precious = victim();
    spawnSync('ln', [precious, join(out, 'results.ndjson')]);
    await gsc(['run', ...flags(), '--reporter', 'ndjson', '--out', out]);
    expect(readFileSync(precious, 'utf8')).toBe('the user\'s own file\n');
  });
});

describe('one run at a time per report folder (issue 9 #7)', () => {
  it('four runs sharing one --out: one writes, the others refuse with exit 2 and name it; results.ndjson stays whole', async () => {
    const out = tempDir('gsc-sec-');
    const runs = await Promise.all([0, 1, 2, 3].map(() => gsc(['run', ...flags(), '--reporter', 'ndjson', '--out', out])));
    const codes = runs.map((r) => r.code).sort();
    expect(codes).toEqual([0, 2, 2, 2]);
    for (const r of runs.filter((x) => x.code === 2)) expect(r.stderr).toMatch(new RegExp(`--out: ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by another gsc run \\(pid ${process.pid}, started `));
    const lines = readFileSync(join(out, 'results.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(lines.map((l) => l.type)).toEqual(['run', ...lines.slice(1, -1).map(() => 'case'), 'summary']);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock left by a run that was killed (its process is gone)', async () => {
    const out = tempDir('gsc-sec-');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: Number(dead), startedAt: '2026-01-01T00:00:00.000Z' }));
    const run = await gsc(['run', ...flags(), '--reporter', 'json', '--out', out]);
    expect(run.code).toBe(0);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });

  it('run() holds the folder too: a second run() is refused naming the first, and a run() that rejects releases it', async () => {
    const out = tempDir('gsc-sec-');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: process.pid, startedAt: '2026-01-01T00:00:00.000Z' }));
    await expect(runLibrary({ out, reporters: ['json'], grep: '^list/' })).rejects.toThrow(`is in use by another gsc run (pid ${process.pid}`);
    writeFileSync(join(out, LOCK_FILE), 'torn');
    // Taken over (unreadable), then given back when the target is refused for want of credentials.
    await expect(runLibrary({ out, reporters: ['json'], grep: '^list/', target: 'https://graph.example.test/v1.0' })).rejects.toBeInstanceOf(GscUsageError);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });
});
