/**
 * 5. Concurrency against a slow service: the emulator answers every request after 20 ms (its
 * `latency` chaos), and `gsc run` goes over the generated single-GET cases at `--concurrency 1`
 * and `--concurrency 32`, each in a fresh child. With the service the bottleneck, 32 workers
 * should finish close to 32 times sooner: what the engine adds per request, or any hidden
 * serialisation (a lock, a sync write), shows as a lower speed-up.
 *
 * The emulator runs in a child of its own, not in the bench process: at `--concurrency 32` it
 * must answer about a thousand requests a second, and in the bench process it would share the
 * event loop and the heap with whatever sections ran before (after section 3b, the speed-up
 * read 10.6× where it read 20× alone). The two concurrencies take turns after one unrecorded
 * fast run, which warms the emulator and the file cache.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLOSE_EMULATOR, type EmulatorAddress, type EmulatorStopped, type EmulatorTaskInput } from '../emulator-task.js';
import type { FloorOptions, GetsOutcome } from '../floor.js';
import { writeGeneratedSuite } from '../generate.js';
import type { CliRunInput, CliRunOutcome } from '../run-tasks.js';
import { median, repoRoot, runChild, sampleSideBySide, serveChild } from '../support.js';
import { target, type Section, type SectionOptions } from '../types.js';
import { emulatorEnv, emulatorFlags } from './engine.js';

/** The emulator's delay before every answer. */
const LATENCY_MS = 20;
const SLOW = 1;
const FAST = 32;

/** Measures section 5. */
export async function latencySection(o: SectionOptions): Promise<Section> {
  // 1000 cases at --concurrency 1 take 20 s by construction; --scale shortens both runs alike.
  const cases = Math.max(100, Math.round(1000 * Math.min(1, o.scale)));
  const rounds = Math.max(1, Math.round(3 * Math.min(1, o.scale)));
  const dir = mkdtempSync(join(tmpdir(), 'gsc-bench-latency-'));
  const input: EmulatorTaskInput = { chaos: { latencyMs: LATENCY_MS } };
  const emulator = await serveChild<EmulatorAddress, EmulatorStopped>('emulator', input, CLOSE_EMULATOR);
  let stopped: EmulatorStopped | undefined;
  try {
    const emu = emulator.address;
    writeGeneratedSuite(join(dir, 'suite'), cases, repoRoot());
    const runAt = async (concurrency: number): Promise<CliRunOutcome> => {
      const input: CliRunInput = {
        argv: ['run', join(dir, 'suite'), ...emulatorFlags(emu), '--reporter', 'json', '--ledger', 'off', '--out', join(dir, 'out'), '--concurrency', String(concurrency)],
        env: emulatorEnv(emu),
        outDir: join(dir, 'out'),
        cwd: dir,
      };
      const r = (await runChild<CliRunOutcome>('cli-run', input, 120_000)).result;
      if (r.exitCode !== 0 || r.counts.passed !== cases) throw new Error(`bench/latency: the run at --concurrency ${concurrency} must pass all ${cases} cases; exit ${r.exitCode}, ${JSON.stringify(r.counts)}\n${r.stderr}`);
      return r;
    };
    // For scale, not a contender: the undici floor's same GETs at --concurrency 32, each right
    // after a gsc run at 32, says what speed-up a hand-written client gets on the machine as it
    // is. One request first, unrecorded: gsc's in-run time starts after its probe, warm too.
    const floorInput: FloorOptions = { url: `${emu.url}/servicePrincipals/${emu.fixtures.servicePrincipalId}/synchronization/jobs`, token: emu.fixtures.token, count: cases, concurrency: FAST, warmup: 1 };
    const floorMs: number[] = [];
    const fastThenFloor = async (): Promise<CliRunOutcome> => {
      const r = await runAt(FAST);
      const f = (await runChild<GetsOutcome>('gets', floorInput)).result;
      if (f.ok !== cases) throw new Error(`bench/latency: the floor got ${cases - f.ok} answer(s) other than 200`);
      floorMs.push(f.ms);
      return r;
    };
    // One fast run unrecorded (the slow one would cost 20 s to warm the same things), then turns.
    await runAt(FAST);
    const [fast, slow] = await sampleSideBySide(rounds, 0, fastThenFloor, () => runAt(SLOW));
    stopped = await emulator.stop();
    const slowMs = median(slow.map((r) => r.inRunMs));
    const fastMs = median(fast.map((r) => r.inRunMs));
    const slowMain = median(slow.map((r) => r.mainMs));
    const fastMain = median(fast.map((r) => r.mainMs));
    const share = (runs: CliRunOutcome[]): string => runs.map((r) => `${((100 * r.mainCpuMs) / r.mainMs).toFixed(0)}%`).join(', ');
    const fastCpu = median(fast.map((r) => r.cpuMs));
    const slowCpu = median(slow.map((r) => r.cpuMs));
    return {
      key: 'latency',
      title: `5. ${cases} generated single-GET cases against an emulator that answers after ${LATENCY_MS} ms, --concurrency ${FAST} against --concurrency ${SLOW}`,
      ours: `gsc run via main() in a fresh child, --concurrency ${FAST}`,
      baseline: `the same run at --concurrency ${SLOW}`,
      rows: [
        { metric: `in-run time (first case to last)`, unit: 'ms', ours: fastMs, baseline: slowMs, samples: { ours: fast.map((r) => r.inRunMs), baseline: slow.map((r) => r.inRunMs) } },
        { metric: 'main(): loading, probing, running, results.json', unit: 'ms', ours: fastMain, baseline: slowMain },
        { metric: 'cases/s in-run', unit: '/s', ours: (cases * 1000) / fastMs, baseline: (cases * 1000) / slowMs },
        { metric: 'CPU time of the gsc child (user + system) incl. start-up', unit: 'ms', ours: fastCpu, baseline: slowCpu, samples: { ours: fast.map((r) => r.cpuMs), baseline: slow.map((r) => r.cpuMs) } },
      ],
      references: [],
      notes: [
        `${rounds} run(s) at each concurrency, taken in turn after one unrecorded run at --concurrency ${FAST}, median; every run passes all ${cases} cases; the ideal speed-up is ${FAST}× (the service's ${LATENCY_MS} ms per request dominates at --concurrency ${SLOW}: at least ${((cases * LATENCY_MS) / 1000).toFixed(0)} s)`,
        `share of a core the gsc child got during main() (its CPU time over its wall time; 100% is a whole core, and V8's background threads can take it past): ${share(fast)} at --concurrency ${FAST}, ${share(slow)} at --concurrency ${SLOW}. At ${FAST} the run is bound by the child's CPU, not by the service, so a machine busy with other work lowers the speed-up`,
        `for scale: the undici floor's same ${cases} GETs at --concurrency ${FAST}, in a fresh child right after each gsc run at ${FAST}, after one request unrecorded (as gsc probes its target), took ${median(floorMs).toFixed(0)} ms (median of ${floorMs.map((x) => x.toFixed(0)).join(', ')}): a ${(slowMs / median(floorMs)).toFixed(1)}× speed-up over our --concurrency ${SLOW} run, what a hand-written client gets on the machine as it is`,
        `the emulator runs in a child of its own (started once for the section): ${stopped.requests} requests, ${stopped.cpuMs.toFixed(0)} ms of CPU in all`,
      ],
      targets: [target(`${cases} cases at ${LATENCY_MS} ms latency: --concurrency ${FAST} speed-up over --concurrency ${SLOW} (in-run)`, slowMs / fastMs, 'at least', 20)],
    };
  } finally {
    if (!stopped) await emulator.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
