/**
 * 4. Cold start: `node dist/src/cli/bin.js --version` and `… list` (which loads and validates
 * the shipped suites), wall time from spawn to exit, against `node -e 0`, the floor any Node
 * CLI pays.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { median, repoRoot } from '../support.js';
import { target, type Section, type SectionOptions } from '../types.js';

/** Spawns once and returns the wall time; a command that fails makes the bench fail. */
function spawnMs(args: string[], cwd: string): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' }, timeout: 30_000 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`bench/start: node ${args.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr.toString().trim()}`);
  return ms;
}

/** Measures section 4. */
export async function startSection(o: SectionOptions): Promise<Section> {
  const root = repoRoot();
  const bin = join(root, 'dist', 'src', 'cli', 'bin.js');
  if (!existsSync(bin)) throw new Error(`bench/start: ${bin} is missing; run npm run build first`);
  const rounds = Math.max(5, Math.round(11 * o.scale));
  const commands = { floor: ['-e', '0'], version: [bin, '--version'], list: [bin, 'list'] };
  const samples: Record<keyof typeof commands, number[]> = { floor: [], version: [], list: [] };
  // One warm-up round fills the OS file cache; then the three take turns so drift hits all alike.
  for (let i = 0; i <= rounds; i++) {
    for (const [name, args] of Object.entries(commands) as [keyof typeof commands, string[]][]) {
      const ms = spawnMs(args, root);
      if (i > 0) samples[name].push(ms);
    }
  }
  const floor = median(samples.floor);
  return {
    key: 'start',
    title: '4. Cold start: spawn to exit',
    ours: 'node dist/src/cli/bin.js --version, and … list (loads and validates the shipped suites, prints the cases)',
    baseline: 'node -e 0 (the floor: Node itself)',
    rows: [
      { metric: 'gsc --version', unit: 'ms', ours: median(samples.version), baseline: floor, samples: { ours: samples.version, baseline: samples.floor } },
      { metric: 'gsc list', unit: 'ms', ours: median(samples.list), baseline: floor, samples: { ours: samples.list, baseline: samples.floor } },
    ],
    references: [
      { label: 'Step CI 2.8.2, cold start of a 4-step workflow', value: 1160, unit: 'ms', source: 'Step CI 2.8.2, Node 20.20.2: measured on another day, not in this run', compareTo: 'gsc list' },
      { label: 'cold start, below', value: 300, unit: 'ms', source: 'targets in docs/benchmarks.md', compareTo: 'gsc list' },
    ],
    notes: [`${rounds} spawns of each, in turn, after one unrecorded round, median`],
    targets: [
      target('gsc --version wall time vs node -e 0', median(samples.version) / floor, 'at most', 1.3),
      target('gsc list wall time vs node -e 0', median(samples.list) / floor, 'at most', 3.5),
    ],
  };
}
