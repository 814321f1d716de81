/**
 * 3a. The shipped suites against the emulator: the engine (the library's `run()`, which `gsc run`
 * calls) against the same number of requests sent with undici directly, both at the same
 * `startEmulator()` instance on loopback, in this process, taking turns.
 */
import { Agent } from 'undici';
import { EMULATOR_USER_VARIABLES, startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import type { CaseResult, PlannedCase } from '../../src/model/index.js';
import { selectCases } from '../../src/plan/index.js';
import { run } from '../../src/run/index.js';
import { project } from '../../src/run/project.js';
import { loadRunSuites } from '../../src/run/suites.js';
import { sendGets } from '../floor.js';
import { median, sample } from '../support.js';
import type { Section, SectionOptions } from '../types.js';

/** The flags that point a run at an emulator; the token goes in {@link emulatorEnv}, as a user should pass one. */
export function emulatorFlags(emu: Pick<EmulatorHandle, 'url' | 'fixtures'>): string[] {
  const f = emu.fixtures;
  return ['--target', emu.url, '--service-principal', f.servicePrincipalId, '--template', f.templateId];
}

/** The environment carrying the emulator's token. */
export function emulatorEnv(emu: Pick<EmulatorHandle, 'fixtures'>): Record<string, string> {
  return { GSC_TOKEN: emu.fixtures.token };
}

/**
 * Leaves out the case that provokes provisionOnDemand's 429: one 429 holds every request of the
 * run until its Retry-After has passed (the run's throttle gate), so the round would time that
 * wait, not the engine.
 */
const TAGS = ['!throttling'];

/** The user variables `gsc run` without a target gives the shipped suites, so no case is skipped for want of one. */
function emulatorVariables(): { vars: Record<string, string>; secrets: Record<string, string> } {
  const vars: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const [name, value] of Object.entries(EMULATOR_USER_VARIABLES)) {
    const [kind, key] = name.split('.') as [string, string];
    (kind === 'secrets' ? secrets : vars)[key] = value;
  }
  return { vars, secrets };
}

/** The shipped suites, loaded and selected as `gsc run --tags '!throttling'` does. */
async function plannedShippedCases(): Promise<PlannedCase[]> {
  const loaded = await loadRunSuites([project().suites], process.cwd());
  if (loaded.diagnostics.length > 0) throw new Error(`bench/engine: the shipped suites load with ${loaded.diagnostics.length} diagnostic(s); run gsc lint`);
  return selectCases(loaded.suites, { tags: TAGS });
}

/** Keys of the steps that carry a schema check, by where they are written. */
function schemaStepKeys(planned: PlannedCase[]): Set<string> {
  const keys = new Set<string>();
  for (const p of planned) for (const step of [...p.case.steps, ...p.case.cleanup]) if (step.expect.schemas.length > 0) keys.add(`${step.span.file}:${step.span.line}:${step.span.col}`);
  return keys;
}

interface EngineRound {
  ms: number;
  requests: number;
  cases: number;
  judgedSteps: number;
  schemaCheckedSteps: number;
}

/** One round: a fresh emulator, the engine over every case, then the floor at the same emulator. */
async function round(planned: PlannedCase[], withSchema: Set<string>): Promise<{ engine: EngineRound; floorMs: number }> {
  // A fresh emulator each round: its provisioning throttle (Retry-After: 10) outlives a run, and
  // the engine rightly waits it out, which would time the wait instead of the engine.
  const emu = await startEmulator({ port: 0 });
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  try {
    const results: CaseResult[] = [];
    const f = emu.fixtures;
    const result = await run({
      target: emu.url,
      token: f.token,
      servicePrincipalId: f.servicePrincipalId,
      templateId: f.templateId,
      tags: TAGS,
      ...emulatorVariables(),
      reporters: [],
      ledger: false,
      onCaseEnd: (r) => void results.push(r),
    });
    // The run's own clock: the cases, not loading the suites or the preflight.
    const ms = result.durationMs;
    const summary = result;
    if (summary.counts.passed !== planned.length || emu.jobs().length > 0) {
      throw new Error(`bench/engine: the shipped suites must pass on the emulator and leave nothing behind; got ${JSON.stringify(summary.counts)} and ${emu.jobs().length} job(s) left`);
    }
    const steps = results.flatMap((r) => r.steps).filter((st) => st.exchange !== undefined && (st.status === 'passed' || st.status === 'failed'));
    // What the cases sent (polls and retries included); the preflight's requests are not timed, so not counted.
    const requests = results.flatMap((r) => r.steps).reduce((n, st) => n + st.attempts, 0);
    const engine = { ms, requests, cases: results.length, judgedSteps: steps.length, schemaCheckedSteps: steps.filter((st) => withSchema.has(`${st.span.file}:${st.span.line}:${st.span.col}`)).length };

    const url = `${emu.url}/servicePrincipals/${emu.fixtures.servicePrincipalId}/synchronization/jobs`;
    const t = performance.now();
    const ok = await sendGets({ url, token: emu.fixtures.token, count: requests, concurrency: 1, agent });
    const floorMs = performance.now() - t;
    if (ok !== requests) throw new Error(`bench/engine: the floor got ${requests - ok} answer(s) other than a valid 200`);
    return { engine, floorMs };
  } finally {
    await agent.close();
    await emu.close();
  }
}

/** Measures section 3a. */
export async function engineSection(o: SectionOptions): Promise<Section> {
  const rounds = Math.max(3, Math.round(9 * o.scale));
  const planned = await plannedShippedCases();
  const withSchema = schemaStepKeys(planned);
  const all = await sample(rounds, 2, () => round(planned, withSchema));
  const ours = all.map((x) => x.engine);
  const base = all.map((x) => x.floorMs);
  const r = ours[0]!;
  const perSec = (n: number, ms: number): number => (n * 1000) / ms;
  const oursMs = ours.map((x) => x.ms);
  return {
    key: 'engine',
    title: `3a. The shipped suites against the emulator (${r.cases} cases, ${r.judgedSteps} judged steps, ${r.requests} requests per run; --tags '!throttling')`,
    ours: 'run() over the shipped suites, as gsc run calls it (HttpClient, schema store, limiter, redactor), --concurrency 1, no ledger, no reporter, results kept in memory; timed by the run\'s own clock (cases only)',
    baseline: 'as many GET list-jobs requests with undici directly, one at a time, each body parsed and validated by one precompiled validator (the floor), at the same emulator right after',
    rows: [
      { metric: 'one run of every shipped case', unit: 'ms', ours: median(oursMs), baseline: median(base), samples: { ours: oursMs, baseline: base } },
      { metric: 'requests/s', unit: '/s', ours: median(ours.map((x) => perSec(x.requests, x.ms))), baseline: median(ours.map((x, i) => perSec(x.requests, base[i]!))) },
      { metric: 'cases/s', unit: '/s', ours: median(ours.map((x) => perSec(x.cases, x.ms))) },
      { metric: 'schema-checked steps/s', unit: '/s', ours: median(ours.map((x) => perSec(x.schemaCheckedSteps, x.ms))) },
    ],
    references: [],
    notes: [
      `${rounds} rounds after 2 warm-up rounds, median; each round starts a fresh emulator (its provisioning throttle outlives a run), runs the engine, then the floor at it; every round passes all ${r.cases} cases and leaves no job behind`,
      `the engine and the emulator share this process and its event loop, for both contenders; ${r.schemaCheckedSteps} of the ${r.judgedSteps} judged steps carry a schema`,
      "the suites are mostly creates, actions and deletes (each case cleans up), which cost the emulator more than the floor's GETs do",
      "the run is given the user variables gsc run gives the embedded emulator, so no case is skipped; the one case tagged throttling is left out, since its 429 holds the whole run for the Retry-After and the round would time that wait",
    ],
  };
}
