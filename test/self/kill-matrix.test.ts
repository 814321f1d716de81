import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listDeviations, startEmulator } from '../../src/emulator/index.js';
import { gsc, targetFlags, tempDir } from '../e2e/support.js';

/**
 * The suite is only worth the deviations it catches, and only trusted if it raises no false
 * alarm. Runs every case against the clean emulator and against each deviation, and writes the
 * kill matrix (deviation by case) to reports/kill-matrix.{md,json}.
 */
interface CaseOutcome { id: string; level: string; status: string }
interface RunOutcome { code: number; cases: CaseOutcome[] }

async function runAgainst(deviations: string[]): Promise<RunOutcome> {
  const emu = await startEmulator({ deviations });
  const out = tempDir('gsc-kill-');
  try {
    // Level MAY: any failed case, whatever its level, fails the run, so every catch shows in the exit code.
    const run = await gsc(['run', ...targetFlags(emu), '--out', out, '--reporter', 'json', '--level', 'MAY', '--consistency-timeout', '1s', '--ledger', 'off']);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { cases: CaseOutcome[] };
    return { code: run.code, cases: results.cases };
  } finally {
    await emu.close();
  }
}

async function pool<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  }));
  return out;
}

describe('the kill matrix: every deviation caught, every MUST case proven able to fail, no false alarm', async () => {
  const deviations = listDeviations();
  const clean = await runAgainst([]);
  const runs = await pool(deviations, 4, (d) => runAgainst([d.name]));
  const caughtBy = new Map(deviations.map((d, i) => [d.name, runs[i]!.cases.filter((c) => c.status === 'failed').map((c) => c.id)]));

  afterAll(() => {
    const dir = join(import.meta.dirname, '..', '..', 'reports');
    mkdirSync(dir, { recursive: true });
    const matrix = deviations.map((d, i) => ({ deviation: d.name, breaks: d.breaks, exit: runs[i]!.code, caughtBy: caughtBy.get(d.name) }));
    writeFileSync(join(dir, 'kill-matrix.json'), `${JSON.stringify({ clean: clean.cases, matrix }, null, 2)}\n`);
    const lines = ['# Kill matrix', '', 'Each deviation breaks one contract point; the cases that caught it are listed.', '', '| deviation | breaks | caught by |', '|---|---|---|'];
    for (const m of matrix) lines.push(`| ${m.deviation} | ${m.breaks} | ${m.caughtBy?.join(', ') || '**nothing**'} |`);
    const unproven = clean.cases.filter((c) => ![...caughtBy.values()].some((ids) => ids.includes(c.id)));
    lines.push('', '## Cases no deviation breaks', '', ...unproven.map((c) => `- ${c.id} (${c.level})`));
    writeFileSync(join(dir, 'kill-matrix.md'), `${lines.join('\n')}\n`);
  });

  it('passes every case against the clean emulator (no false alarm)', () => {
    expect(clean.cases.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(clean.code).toBe(0);
  });

  it.each(deviations.map((d) => [d.name, d.breaks] as const))('catches %s (%s)', (name) => {
    const i = deviations.findIndex((d) => d.name === name);
    expect(caughtBy.get(name), `no case caught ${name}`).not.toEqual([]);
    expect(runs[i]!.code).toBe(1);
  });

  it('proves every MUST case able to fail: some deviation breaks it', () => {
    const caught = new Set([...caughtBy.values()].flat());
    expect(clean.cases.filter((c) => c.level === 'MUST' && !caught.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
