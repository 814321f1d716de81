/**
 * The bench measures what it claims: the generated suite is a valid suite of single-GET cases
 * that pass, the floor sends exactly the requests it counts, the checks baseline really compiles
 * every time, and the table says "faster" only when ours is. No timing is asserted here.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOOR_SCHEMA, precompiledApiValidator, sendGets } from '../../bench/floor.js';
import { writeGeneratedSuite } from '../../bench/generate.js';
import { prepareLoad, prepareParse, suiteFiles } from '../../bench/load-tasks.js';
import { CLOSE_EMULATOR, type EmulatorAddress, type EmulatorStopped } from '../../bench/emulator-task.js';
import { cliRun } from '../../bench/run-tasks.js';
import { compileEveryTime, exchange } from '../../bench/sections/checks.js';
import { emulatorEnv, emulatorFlags } from '../../bench/sections/engine.js';
import { repoRoot } from '../../bench/support.js';
import { compare, formatTarget } from '../../bench/table.js';
import { target } from '../../bench/types.js';
import { RUN_VARIABLES } from '../../src/cli/suites.js';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { loadOperations, loadSuites } from '../../src/load/index.js';

const root = repoRoot();
let dir: string;
let emu: EmulatorHandle;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gsc-bench-test-'));
  emu = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the generated suite', () => {
  it('loads without a single diagnostic: N cases of one GET with a status and a schema check', async () => {
    const suiteDir = join(dir, 'load');
    writeGeneratedSuite(suiteDir, 50, root);
    const ops = await loadOperations(join(root, 'specs'));
    const loaded = await loadSuites({ paths: [suiteDir], formatSchemaFile: join(root, 'schemas', 'suite.schema.json'), runVariables: RUN_VARIABLES, operations: ops.operations });
    expect(loaded.diagnostics).toEqual([]);
    const cases = loaded.suites.flatMap((s) => s.cases);
    expect(cases).toHaveLength(50);
    for (const c of cases) {
      expect(c.steps).toHaveLength(1);
      expect(c.cleanup).toEqual([]);
      expect(c.steps[0]!.request.method).toBe('GET');
      expect(c.steps[0]!.expect.status?.anyOf).toEqual([200]);
      expect(c.steps[0]!.expect.schemas.map((s) => s.ref)).toEqual([join(root, 'schemas', 'api', 'synchronizationJobCollection.schema.json')]);
    }
  });

  it('runs through the CLI as the bench child does: every case passes, each one schema-checked step', async () => {
    const suiteDir = join(dir, 'run');
    writeGeneratedSuite(suiteDir, 20, root);
    const before = emu.requestCount();
    const out = await cliRun({ argv: ['run', suiteDir, ...emulatorFlags(emu), '--reporter', 'json', '--ledger', 'off', '--out', join(dir, 'out')], env: emulatorEnv(emu), outDir: join(dir, 'out'), cwd: dir });
    expect(out.stderr).toBe('');
    expect(out.exitCode).toBe(0);
    expect(out.counts).toEqual({ passed: 20, failed: 0, error: 0, skipped: 0 });
    expect(out.schemaCheckedSteps).toBe(20);
    // 20 cases plus the run's probe of the target.
    expect(emu.requestCount() - before).toBeGreaterThanOrEqual(20);
    const results = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8')) as { cases: { steps: { exchange: { request: { method: string } } }[] }[] };
    expect(results.cases.every((c) => c.steps[0]!.exchange.request.method === 'GET')).toBe(true);
  });
});

describe('the slow service of section 5', () => {
  it('is an emulator in a child of its own that answers after the latency asked for, and stops when told', async () => {
    // Forking needs the compiled child.js: the built bench, as npm run bench runs it.
    const support = (await import(pathToFileURL(join(root, 'dist', 'bench', 'support.js')).href)) as typeof import('../../bench/support.js');
    const emulator = await support.serveChild<EmulatorAddress, EmulatorStopped>('emulator', { chaos: { latencyMs: 20 } }, CLOSE_EMULATOR);
    const suiteDir = join(dir, 'latency');
    writeGeneratedSuite(suiteDir, 8, root);
    let out: Awaited<ReturnType<typeof cliRun>>;
    try {
      out = await cliRun({ argv: ['run', suiteDir, ...emulatorFlags(emulator.address), '--reporter', 'json', '--ledger', 'off', '--out', join(dir, 'out-latency'), '--concurrency', '1'], env: emulatorEnv(emulator.address), outDir: join(dir, 'out-latency'), cwd: dir });
    } catch (e) {
      // The child must not outlive a failed run.
      await emulator.stop().catch(() => undefined);
      throw e;
    }
    const stopped = await emulator.stop();
    expect(out.stderr).toBe('');
    expect(out.counts).toEqual({ passed: 8, failed: 0, error: 0, skipped: 0 });
    // Not a timing: the floor the latency sets, one case after the other.
    expect(out.inRunMs).toBeGreaterThanOrEqual(8 * 20);
    // The 8 cases and the run's probe of the target, all served by the child.
    expect(stopped.requests).toBeGreaterThanOrEqual(9);
    expect(stopped.cpuMs).toBeGreaterThan(0);
  });
});

describe('the baselines', () => {
  it('the floor sends exactly the requests it is asked for, and they all answer 200', async () => {
    const before = emu.requestCount();
    const ok = await sendGets({ url: `${emu.url}/servicePrincipals/${emu.fixtures.servicePrincipalId}/synchronization/jobs`, token: emu.fixtures.token, count: 25, concurrency: 4 });
    expect(ok).toBe(25);
    expect(emu.requestCount() - before).toBe(25);
  });

  it('the floor validates each answer with one precompiled validator, which refuses what is not a job collection', () => {
    const validate = precompiledApiValidator(FLOOR_SCHEMA);
    expect(validate({ value: [] })).toBe(true);
    expect(validate({ value: 'jobs' })).toBe(false);
  });

  it('a run with only the ndjson reporter is read back from its summary line', async () => {
    const suiteDir = join(dir, 'ndjson');
    writeGeneratedSuite(suiteDir, 5, root);
    const out = await cliRun({ argv: ['run', suiteDir, ...emulatorFlags(emu), '--reporter', 'ndjson', '--ledger', 'off', '--out', join(dir, 'out-ndjson')], env: emulatorEnv(emu), outDir: join(dir, 'out-ndjson'), cwd: dir });
    expect(out.exitCode).toBe(0);
    expect(out.counts).toEqual({ passed: 5, failed: 0, error: 0, skipped: 0 });
    expect(out.inRunMs).toBeGreaterThan(0);
  });

  it('the checks baseline compiles on every call and judges like ours', () => {
    const fixtures = join(root, 'test', 'fixtures', 'schemas');
    const store = compileEveryTime(['graph', 'common', 'extra'].map((d) => join(fixtures, d)));
    const ref = join(fixtures, 'graph', 'synchronizationJob.schema.json');
    const first = store.validator(ref);
    const second = store.validator(ref);
    expect(first).not.toBe(second);
    expect(first(exchange(false).response.json)).toEqual([]);
    expect(second(exchange(true).response.json).map((v) => v.pointer)).toContain('/schedule/expiration');
  });

  it('the loading floor parses every file the loader loads', async () => {
    const suites = join(root, 'suites');
    const load = await prepareLoad({ suitesDir: suites, formatSchema: join(root, 'schemas', 'suite.schema.json'), specsDir: join(root, 'specs'), runVariables: [...RUN_VARIABLES] });
    const parse = await prepareParse(suiteFiles(suites));
    const loaded = await load.run();
    expect(loaded.diagnostics).toBe(0);
    expect(await parse.run()).toBe(suiteFiles(suites).length);
  });
});

describe('the table', () => {
  it('prints each target beside its measure, met or missed and by how much', () => {
    expect(formatTarget(target('gsc list vs node -e 0', 2.5, 'at most', 3.5))).toBe('PASS  gsc list vs node -e 0: 2.50×, target at most 3.50×');
    expect(formatTarget(target('gsc run vs the floor', 1.69, 'at most', 1.3))).toBe('MISS  gsc run vs the floor: 1.69×, target at most 1.30× (missed by 30%)');
    expect(formatTarget(target('speed-up', 25, 'at least', 20))).toBe('PASS  speed-up: 25.0×, target at least 20.0×');
    expect(formatTarget(target('speed-up', 15, 'at least', 20)).startsWith('MISS')).toBe(true);
    expect(formatTarget(target('rss', Number.NaN, 'at most', 1.2, 'no --repeat'))).toBe('MISS  rss: not measured (no --repeat), target at most 1.20×');
  });

  it('says faster or slower, more or less, the right way round for each unit', () => {
    expect(compare(2500, 100, '/s')).toBe('25× faster');
    expect(compare(50, 100, '/s')).toBe('2.0× slower');
    expect(compare(300, 100, 'ms')).toBe('3.0× slower (+200 ms)');
    expect(compare(50, 100, 'ms')).toBe('2.0× faster (−50.0 ms)');
    expect(compare(150, 100, 'MB')).toBe('1.50× more (+50.0 MB)');
    expect(compare(80, 160, 'MB')).toBe('2.0× less (−80.0 MB)');
  });
});
