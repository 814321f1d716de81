/**
 * How fast the checks judge one realistic exchange: the create response against the job schema
 * and ten value expectations, once conforming and once broken (the broken one exercises the
 * oneOf/anyOf collapsing, which validates branches again).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkExchange, createSchemaStore, type CheckContext } from '../src/assert/index.js';
import type { Exchange, Expectation, SourceSpan } from '../src/model/index.js';

/** One measured scenario. */
export interface BenchResult {
  name: string;
  opsPerSec: number;
}

/** Options for {@link benchChecks}. */
export interface BenchChecksOptions {
  /** Measuring time per scenario, after warm-up. @default 1000 */
  durationMs?: number;
}

/** The repository root, found from this file in `bench/` or in `dist/bench/`. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('bench/checks: cannot find the repository root (no package.json above this file)');
    dir = parent;
  }
  return dir;
}

const span = (line: number): SourceSpan => ({ file: 'bench.yaml', line, col: 7 });

/** The documented new job, or one broken in several places. */
export function job(broken: boolean): Record<string, unknown> {
  return {
    '@odata.context': "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals('sp')/synchronization/jobs/$entity",
    id: 'BoxOutDelta.e4bbad1a9d2a4d0c9c1c5cc5c1ab4e35.1b1b7a9b',
    templateId: 'BoxOutDelta',
    schedule: { expiration: broken ? 'never' : null, interval: 'P10675199DT2H48M5.4775807S', state: broken ? 'Running' : 'Disabled' },
    status: {
      countSuccessiveCompleteFailures: 0,
      escrowsPruned: false,
      synchronizedEntryCountByType: [{ key: 'user', value: 12 }],
      code: 'NotConfigured',
      lastExecution: broken ? { state: 'Done' } : null,
      lastSuccessfulExecution: null,
      lastSuccessfulExecutionWithExports: null,
      steadyStateFirstAchievedTime: '0001-01-01T00:00:00Z',
      steadyStateLastAchievedTime: '0001-01-01T00:00:00Z',
      quarantine: broken ? 'none' : null,
      troubleshootingUrl: null,
    },
  };
}

/** The create answer carrying {@link job}. */
export function exchange(broken: boolean): Exchange {
  const json = job(broken);
  const body = JSON.stringify(json);
  return {
    request: { method: 'POST', url: 'http://127.0.0.1/v1.0/servicePrincipals/sp/synchronization/jobs', headers: {}, body: '{"templateId":"BoxOutDelta"}' },
    response: { status: 201, headers: { 'content-type': 'application/json', 'request-id': 'r', 'odata-version': '4.0' }, body, json },
    durationMs: 1,
  };
}

/** A schema and ten value expectations on the job, as a create case states them. */
export function expectation(schemaFile: string): Expectation {
  return {
    status: { anyOf: [201], span: span(1) },
    headers: [{ name: 'content-type', pattern: '^application/json', span: span(2) }],
    schemas: [{ ref: schemaFile, written: 'synchronizationJob.schema.json', pointer: '', span: span(3) }],
    values: [
      { pointer: '/id', type: 'string', span: span(4) },
      { pointer: '/id', nonEmpty: true, span: span(5) },
      { pointer: '/templateId', equals: 'BoxOutDelta', span: span(6) },
      { pointer: '/schedule/state', equals: 'Disabled', span: span(7) },
      { pointer: '/schedule/interval', pattern: '^-?P', span: span(8) },
      { pointer: '/status/code', equals: 'NotConfigured', span: span(9) },
      { pointer: '/status/lastExecution', present: true, span: span(10) },
      { pointer: '/status/progress', present: true, negated: true, span: span(11) },
      { pointer: '/status/countSuccessiveCompleteFailures', type: 'integer', span: span(12) },
      { pointer: '/schedule', equals: { expiration: null, interval: 'P10675199DT2H48M5.4775807S', state: 'Disabled' }, span: span(13) },
    ],
  };
}

function measure(durationMs: number, run: () => void): number {
  for (let i = 0; i < 200; i++) run();
  let iterations = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < 100; i++) run();
    iterations += 100;
    elapsed = performance.now() - start;
  } while (elapsed < durationMs);
  return Math.round((iterations * 1000) / elapsed);
}

/** Measures `checkExchange` on a realistic job exchange with a schema and ten value expectations. */
export async function benchChecks(options: BenchChecksOptions = {}): Promise<BenchResult[]> {
  const durationMs = options.durationMs ?? 1000;
  const fixtures = join(repoRoot(), 'test', 'fixtures', 'schemas');
  const ctx: CheckContext = { schemas: createSchemaStore([join(fixtures, 'graph'), join(fixtures, 'common')]) };
  const expect = expectation(join(fixtures, 'graph', 'synchronizationJob.schema.json'));
  const scenarios: [string, Exchange][] = [
    ['checkExchange: conforming job, schema + 10 values', exchange(false)],
    ['checkExchange: broken job, schema + 10 values', exchange(true)],
  ];
  // A benchmark of the wrong thing is worse than none: make sure each scenario is what it says.
  const [conforming, broken] = scenarios.map(([, ex]) => checkExchange(ex, expect, ctx).length);
  if (conforming !== 0 || !broken) throw new Error(`bench/checks: scenarios are off (conforming: ${conforming} findings, broken: ${broken})`);
  return scenarios.map(([name, ex]) => ({ name, opsPerSec: measure(durationMs, () => checkExchange(ex, expect, ctx)) }));
}
