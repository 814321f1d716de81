import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/index.js';
import { builtCli, removeBuiltCli, spawnGsc, type GscProcess } from '../fixtures/remote-target/cli-process.js';
import { newToken, runFlags, startTenant } from '../fixtures/remote-target/tenant.js';
import { tempDir } from '../fixtures/temp.js';

/**
 * `gsc run | head -1`: the reader takes what it wants and closes the pipe. gsc must neither
 * crash on the next write nor stop there: it finishes the run, deletes the jobs it made, writes
 * its reports and exits with its verdict, printing nothing more to the closed stream.
 */
const token = newToken();
let emu: EmulatorHandle;
beforeAll(async () => {
  builtCli();
  emu = await startTenant(token);
}, 120_000);
afterAll(async () => {
  await emu?.close();
  removeBuiltCli();
});

const EXIT_OF = { conformant: 0, 'non-conformant': 1, incomplete: 3 } as const;
/** A Node stack trace, as an unhandled 'error' event prints it. */
const STACK = /^\s+at .+[(:]\d+/m;

/** `gsc ARGS | head -1`: stdout is closed once its first output has been read. */
function piped(args: string[], close: 'after the first output' | 'at once', stream: 'stdout' | 'stderr' = 'stdout'): GscProcess {
  const p = spawnGsc(args);
  const pipe = p.child[stream]!;
  if (close === 'at once') pipe.destroy();
  else pipe.once('data', () => pipe.destroy());
  return p;
}

function results(dir: string): { verdict: keyof typeof EXIT_OF; cases: { id: string; status: string }[] } {
  return JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { verdict: keyof typeof EXIT_OF; cases: { id: string; status: string }[] };
}

/** The case ids of each round (`create/x#2` is round 2), sorted. */
function rounds(cases: { id: string }[]): string[][] {
  const byRound = new Map<string, string[]>();
  for (const { id } of cases) {
    const [base, round] = id.split('#');
    byRound.set(round!, [...(byRound.get(round!) ?? []), base!]);
  }
  return [...byRound.keys()].sort().map((r) => byRound.get(r)!.sort());
}

describe('gsc run whose reader goes away (`gsc run | head -1`)', () => {
  it('finishes the run, deletes every job it created, writes its reports and exits with its verdict', async () => {
    const out = tempDir('gsc-closed-stdout-');
    const run = piped(['run', ...runFlags(emu.url, emu, token), '--grep', '^create/', '--repeat', '3', '--concurrency', '8', '--out', out], 'after the first output');
    const { code } = await run.exit(60_000);

    expect(run.stdout()).toMatch(/^graph-sync-conformance .* against /);
    expect(run.stderr()).not.toMatch(STACK);
    expect(run.stderr()).not.toContain('EPIPE');
    const written = results(out);
    // Every round ran every case: the run went on after its reader left.
    const [first, second, third, ...more] = rounds(written.cases);
    expect(first!.length).toBeGreaterThan(10);
    expect([second, third, more]).toEqual([first, first, []]);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('<testsuites');
    expect(emu.jobs()).toEqual([]);
    expect(code).toBe(EXIT_OF[written.verdict]);
    expect(code).toBe(0);
  }, 90_000);

  it('with its live line on a closed stderr (`gsc run --live on 2>&1 | head`), still prints the verdict on stdout', async () => {
    const out = tempDir('gsc-closed-stderr-');
    const run = piped(['run', ...runFlags(emu.url, emu, token), '--grep', '^create/', '--repeat', '2', '--live', 'on', '--live-interval', '100ms', '--out', out], 'at once', 'stderr');
    const { code } = await run.exit(60_000);

    const written = results(out);
    expect(written.verdict).toBe('conformant');
    expect(run.stdout()).toContain(`Conformant on ${written.cases.length} of ${written.cases.length} cases`);
    expect(emu.jobs()).toEqual([]);
    expect(code).toBe(0);
  }, 90_000);
});

describe('other commands whose stdout is closed before they print', () => {
  it.each([
    ['gsc run --dry-run', ['run', '--dry-run', '--grep', '^create/']],
    ['gsc list', ['list']],
    ['gsc lint', ['lint']],
    ['gsc coverage', ['coverage']],
    ['gsc --help', ['--help']],
    ['gsc run --help', ['run', '--help']],
    ['gsc --version', ['--version']],
  ])('%s exits 0 without a stack trace', async (_, args) => {
    const p = piped(args, 'at once');
    const { code } = await p.exit(60_000);
    expect(p.stderr()).toBe('');
    expect(code).toBe(0);
  }, 90_000);
});
