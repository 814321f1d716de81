import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CaseResult, RunSummary } from '../../src/model/index.js';
import { createTapReporter } from '../../src/report/tap.js';
import { captureStream, cases, hostile, info, run, SECRETS, summary } from './fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gsc-tap-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function tap(list: CaseResult[] = cases, end: RunSummary = summary): Promise<string> {
  await run(createTapReporter({ outDir: dir, stream: captureStream().stream, color: false }), list, end, info);
  return readFile(join(dir, 'results.tap'), 'utf8');
}

/** The YAML diagnostics under test point `n`, parsed. */
function diagnostics(text: string, n: number): Record<string, unknown> {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`not ok ${n} `));
  const end = lines.indexOf('  ...', start);
  expect(lines[start + 1]).toBe('  ---');
  return parse(lines.slice(start + 2, end).map((l) => l.slice(2)).join('\n')) as Record<string, unknown>;
}

describe('tap reporter', () => {
  it('writes TAP version 14: a header, one test point per case, the plan and the verdict', async () => {
    const text = await tap([...cases, hostile]);
    const points = text.split('\n').filter((l) => /^(not )?ok \d/.test(l));
    expect(text.startsWith('TAP version 14\n# graph-sync-conformance 0.1.0 against http://127.0.0.1:4010/v1.0, failing level MUST\n')).toBe(true);
    expect(points).toEqual([
      'ok 1 - create/answers-201-with-a-job: A valid create answers 201 Created with a synchronizationJob',
      'not ok 2 - create/rejects-an-unknown-template: An unknown templateId answers 400',
      'not ok 3 - list/answers-200: Listing jobs answers 200',
      'ok 4 - create/rejects-a-second-job: A second job for the same template answers 409 # SKIP writes are not selected (--writes off)',
      expect.stringMatching(/^not ok 5 - create\/hostile-<i>answer<\/i>: A hostile answer .* # TODO failed at MAY, below the failing level MUST: does not fail the run$/),
    ]);
    expect(text).toMatch(/\n1\.\.5\n# NOT conformant at level MUST: .*\n$/);
  });

  it('gives each failure YAML diagnostics: message, severity, place and findings', async () => {
    const text = await tap();
    expect(diagnostics(text, 2)).toEqual({
      message: 'status must be 400 (and 1 more finding)',
      severity: 'fail',
      level: 'MUST',
      at: { file: 'suites/synchronization-jobs/create.yaml', line: 38, column: 19 },
      doc: 'https://learn.microsoft.com/graph/api/synchronization-synchronization-post-jobs',
      findings: [
        { step: 'create', check: 'status-is-expected', message: 'status must be 400', expected: '[400]', actual: '200', at: 'suites/synchronization-jobs/create.yaml:38:19' },
        { step: 'create', check: 'value-equals', message: '/error/code must equal "BadRequest"', pointer: '/error/code', expected: '"BadRequest"', actual: '(absent)', at: 'suites/synchronization-jobs/create.yaml:41:11' },
      ],
      exchange: { request: 'POST http://127.0.0.1:4010/v1.0/servicePrincipals/sp-1/synchronization/jobs?access_token=[REDACTED]', status: 200 },
    });
    expect(diagnostics(text, 3)).toMatchObject({ severity: 'error', error: 'protocol: the answer was not JSON', at: { line: 12, column: 9 } });
  });

  it('escapes # in descriptions, so a title cannot fake a directive', async () => {
    const text = await tap([{ ...cases[0]!, title: 'issue #12 \\ # SKIP not really' }]);
    expect(text).toContain('ok 1 - create/answers-201-with-a-job: issue \\#12 \\\\ \\# SKIP not really\n');
  });

  it('bails out when the run stopped early, and contains no secret', async () => {
    const text = await tap(cases, { ...summary, aborted: { code: 'connect', message: 'connection refused' } });
    expect(text.trimEnd().split('\n').at(-1)).toBe('Bail out! connect: connection refused');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });
});
