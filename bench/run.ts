/**
 * `npm run bench`: speed and memory, each figure side by side with a baseline measured in the
 * same run. Prints a table and writes reports/bench.json. Timings are never asserted anywhere:
 * a bench informs, a test decides.
 *
 * Usage: node dist/bench/run.js [--only checks,load,engine,large,latency,memory,start,soak] [--scale 0.2]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { project } from '../src/run/project.js';
import { checksSection } from './sections/checks.js';
import { engineSection } from './sections/engine.js';
import { largeSection } from './sections/large.js';
import { latencySection } from './sections/latency.js';
import { loadSection } from './sections/load.js';
import { memorySection } from './sections/memory.js';
import { soakSection } from './sections/soak.js';
import { startSection } from './sections/start.js';
import { repoRoot } from './support.js';
import { formatSection, formatTarget } from './table.js';
import type { Section, SectionOptions } from './types.js';

/** The sections in the order they run and print; the key is what `--only` takes. */
const SECTIONS: Record<string, (o: SectionOptions) => Promise<Section>> = {
  checks: checksSection,
  load: loadSection,
  engine: engineSection,
  large: largeSection,
  latency: latencySection,
  memory: memorySection,
  start: startSection,
  soak: soakSection,
};

function options(): { only: string[]; scale: number } {
  const usage = `usage: npm run bench -- [--only ${Object.keys(SECTIONS).join(',')}] [--scale N (default 1; 0.2 for a quick look)]`;
  let values: { only?: string; scale?: string };
  try {
    ({ values } = parseArgs({ options: { only: { type: 'string' }, scale: { type: 'string' } }, strict: true }));
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${usage}`);
  }
  const only = values.only === undefined ? Object.keys(SECTIONS) : values.only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only.filter((k) => !(k in SECTIONS));
  if (unknown.length > 0 || only.length === 0) throw new Error(`--only: unknown section(s) ${unknown.join(', ') || '(none given)'}\n${usage}`);
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  if (!(scale > 0 && scale <= 10)) throw new Error(`--scale must be a number above 0 and at most 10, got ${JSON.stringify(values.scale)}\n${usage}`);
  return { only, scale };
}

function machine(): { node: string; platform: string; cpus: number; cpu: string; loadAverage: number } {
  const list = cpus();
  return { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: list.length, cpu: list[0]?.model.trim() ?? 'unknown', loadAverage: loadavg()[0] ?? 0 };
}

async function main(): Promise<void> {
  const { only, scale } = options();
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const m = machine();
  const out = (line = ''): boolean => process.stdout.write(`${line}\n`);
  out(`graph-sync-conformance ${project().version} bench · Node ${m.node} · ${m.platform} · ${m.cpus} × ${m.cpu} · load average ${m.loadAverage.toFixed(1)}${scale === 1 ? '' : ` · --scale ${scale}`}`);
  // Ratios hold up on a busy machine (both sides take turns); absolute figures do not.
  if (m.loadAverage > m.cpus / 2) out(`bench: the machine is busy (load average ${m.loadAverage.toFixed(1)} on ${m.cpus} CPUs): trust the ratios more than the absolute figures`);
  const sections: Section[] = [];
  for (const key of only) {
    out();
    const section = await SECTIONS[key]!({ scale });
    sections.push(section);
    for (const line of formatSection(section)) out(line);
  }
  const durationMs = Math.round(performance.now() - started);
  const dir = join(repoRoot(), 'reports');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'bench.json');
  writeFileSync(file, `${JSON.stringify({ formatVersion: 1, tool: { name: 'graph-sync-conformance', version: project().version }, machine: m, startedAt, durationMs, scale, sections }, null, 2)}\n`);
  const targets = sections.flatMap((s) => s.targets ?? []);
  if (targets.length > 0) {
    out();
    out(`Targets (issue 12), each a ratio measured side by side in this run: ${targets.filter((t) => t.pass).length} of ${targets.length} met`);
    for (const t of targets) out(`   ${formatTarget(t)}`);
  }
  out();
  out(`bench: ${(durationMs / 1000).toFixed(1)} s; figures in ${file}`);
}

try {
  await main();
} catch (err) {
  process.stderr.write(`bench: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
