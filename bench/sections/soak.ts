/**
 * 7. The soak: 100,000 instances of a case that creates a job and deletes it (`--repeat`), eight
 * at a time, against the emulator, with the ledger on a real disk, as a user's soak runs. It
 * checks what must hold at any length (0 jobs left, no open ledger record, the ledger no bigger
 * than the jobs open plus its bounded history) and measures whether memory stays flat: the
 * baseline is the run's own RSS after its first 1,000 cases. In this process, not a child: a
 * soak outlives the children's time limit.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { steadyHeap } from '../../src/cli/heap.js';
import { startEmulator } from '../../src/emulator/index.js';
import { pendingItems, readLedger } from '../../src/execute/ledger/index.js';
import { run } from '../../src/run/index.js';
import { target, type Row, type Section, type SectionOptions } from '../types.js';

/** Case instances at --scale 1, as the soak says. */
export const SOAK_CASES = 100_000;
/** The first cases warm up (schemas compiled, pools filled); memory is measured from here on. */
const WARM = 1_000;
const CASE = 'create/answers-201-with-a-job';
/** Every report that holds the whole run, as a user's soak writes them: none may be one string. */
const REPORTERS = ['json', 'junit', 'html', 'ctrf'];

/** Measures section 7. */
export async function soakSection(o: SectionOptions): Promise<Section> {
  const cases = Math.max(2 * WARM, Math.round(SOAK_CASES * o.scale));
  // As `gsc run` does: this run stands for `gsc run --repeat`, in this process.
  steadyHeap();
  const dir = mkdtempSync(join(tmpdir(), 'gsc-bench-soak-'));
  const emu = await startEmulator({ port: 0 });
  const ledger = join(dir, 'ledger.jsonl');
  const out = join(dir, 'out');
  let lastCaseAt = 0;
  const mb = (bytes: number): number => bytes / 1024 / 1024;
  let ended = 0;
  let warmRss = 0;
  let peakRss = 0;
  // Where RSS is held, at the warm sample and at the peak: V8's heap (what it has taken, and what
  // is in use) and memory outside it (buffers), so a growth can be told from a heap's.
  let warmMemory: NodeJS.MemoryUsage | undefined;
  let peakMemory: NodeJS.MemoryUsage | undefined;
  let mostLines = 0;
  try {
    const started = performance.now();
    const result = await run({
      target: emu.url,
      token: emu.fixtures.token,
      servicePrincipalId: emu.fixtures.servicePrincipalId,
      templateId: emu.fixtures.templateId,
      grep: `^${CASE}$`,
      repeat: cases,
      concurrency: 8,
      reporters: REPORTERS,
      out,
      ledger,
      live: 'off',
      keepCases: false,
      onCaseEnd: () => {
        ended++;
        lastCaseAt = performance.now();
        if (ended % WARM === 0) {
          const memory = process.memoryUsage();
          if (ended === WARM) {
            warmRss = mb(memory.rss);
            warmMemory = memory;
          }
          if (mb(memory.rss) > peakRss) {
            peakRss = mb(memory.rss);
            peakMemory = memory;
          }
          mostLines = Math.max(mostLines, readFileSync(ledger, 'utf8').split('\n').length - 1);
        }
      },
    });
    const endedAt = performance.now();
    const wallMs = lastCaseAt - started;
    const reports = readdirSync(out)
      .filter((n) => n !== 'ledger.jsonl')
      .sort()
      .map((n) => `${n} ${(statSync(join(out, n)).size / 1024 / 1024).toFixed(0)} MB`);
    const left = emu.jobs().length;
    const { entries } = readLedger(ledger);
    const open = pendingItems(entries);
    if (result.counts.passed !== cases || left !== 0 || open.items.length + open.intents.length !== 0) {
      throw new Error(`bench/soak: ${cases} cases must pass and leave nothing: ${JSON.stringify(result.counts)}, ${left} job(s) left, ${open.items.length} open ledger record(s), ${open.intents.length} lost create(s)`);
    }
    const lat = result.latency!.all;
    const heap = (m: NodeJS.MemoryUsage | undefined): string => (m ? `heap ${mb(m.heapTotal).toFixed(0)} MB taken (${mb(m.heapUsed).toFixed(0)} MB of it used, garbage not yet collected included), ${mb(m.external).toFixed(0)} MB of buffers outside it` : 'not sampled');
    const rows: Row[] = [
      { metric: `cases/s over ${cases.toLocaleString('en-US')} cases (create + delete each, ledger on)`, unit: '/s', ours: (cases * 1000) / wallMs },
      { metric: `RSS after ${cases.toLocaleString('en-US')} cases (peak of samples every ${WARM.toLocaleString('en-US')}) vs after the first ${WARM.toLocaleString('en-US')}`, unit: 'MB', ours: peakRss, baseline: warmRss },
      { metric: 'request latency p50', unit: 'ms', ours: lat.p50 },
      { metric: 'request latency p99', unit: 'ms', ours: lat.p99 },
      { metric: `writing the reports (${REPORTERS.join(', ')}) after the last case`, unit: 'ms', ours: endedAt - lastCaseAt },
    ];
    return {
      key: 'soak',
      title: `7. Soak: ${cases.toLocaleString('en-US')} instances of ${CASE} (--repeat, --concurrency 8, ledger on disk)`,
      ours: `run() against the emulator in this process, reporters ${REPORTERS.join(', ')}, results not kept (keepCases: false)`,
      baseline: `the same run's RSS after its first ${WARM.toLocaleString('en-US')} cases: memory must stay flat`,
      rows,
      references: [{ label: 'RSS flat within 20% from 1,000 cases on: at most', value: warmRss * 1.2, unit: 'MB', source: 'issue target (§1 peak RSS)', compareTo: rows[1]!.metric }],
      targets: [target(`soak RSS after ${cases.toLocaleString('en-US')} cases vs after the first ${WARM.toLocaleString('en-US')}`, peakRss / warmRss, 'at most', 1.2)],
      notes: [
        `0 jobs left on the emulator, 0 open ledger records; the ledger peaked at ${mostLines.toLocaleString('en-US')} lines (sampled every ${WARM.toLocaleString('en-US')} cases; ${(3 * cases).toLocaleString('en-US')} without compaction) and ends at ${statSync(ledger).size.toLocaleString('en-US')} bytes`,
        `${lat.count.toLocaleString('en-US')} requests (a listing before each create, the create, the delete); each create's intent is synced to disk before the create is sent, concurrent records sharing one sync (group commit)`,
        `reports of all ${cases.toLocaleString('en-US')} cases, each written piece by piece: ${reports.join(', ')}`,
        `where RSS is held: after the first ${WARM.toLocaleString('en-US')} cases ${heap(warmMemory)}; at the peak ${heap(peakMemory)}`,
        'one round, taken once: a soak is its own repetition',
      ],
    };
  } finally {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
