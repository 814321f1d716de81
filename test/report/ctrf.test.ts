import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate, type CTRFReport } from 'ctrf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseResult, RunSummary } from '../../src/model/index.js';
import { createCtrfReporter } from '../../src/report/ctrf.js';
import { captureStream, cases, hostile, info, run, SECRETS, summary } from './fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gsc-ctrf-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function ctrf(list: CaseResult[] = cases, end: RunSummary = summary): Promise<{ text: string; doc: CTRFReport }> {
  await run(createCtrfReporter({ outDir: dir, stream: captureStream().stream, color: false }), list, end, info);
  const text = await readFile(join(dir, 'ctrf.json'), 'utf8');
  return { text, doc: JSON.parse(text) as CTRFReport };
}

describe('ctrf reporter', () => {
  it('writes ctrf.json that the CTRF reference implementation validates against its schema', async () => {
    const { doc } = await ctrf([...cases, hostile]);
    const result = validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator does reject what breaks the schema.
    expect(validate({ ...doc, results: { ...doc.results, tests: [{ ...doc.results.tests[0], duration: 1.5 }] } }).valid).toBe(false);
    expect(await readdir(dir)).toEqual(['ctrf.json']);
    expect(doc).toMatchObject({ reportFormat: 'CTRF', specVersion: '0.0.0', generatedBy: 'graph-sync-conformance 0.1.0' });
    expect(doc.results.tool).toEqual({ name: 'graph-sync-conformance', version: '0.1.0' });
  });

  it('has one test per case, its status agreeing with the verdict', async () => {
    const { doc } = await ctrf([...cases, hostile]);
    const t = doc.results.tests;
    expect(t.map((x) => [x.testId, x.status, x.rawStatus])).toEqual([
      ['create/answers-201-with-a-job', 'passed', 'passed'],
      ['create/rejects-an-unknown-template', 'failed', 'failed'],
      // An error means the case was not tested, and the run does not pass.
      ['list/answers-200', 'failed', 'error'],
      ['create/rejects-a-second-job', 'skipped', 'skipped'],
      // A MAY failure under --level MUST does not fail the run.
      ['create/hostile-<i>answer</i>', 'other', 'failed'],
    ]);
    expect(doc.results.summary).toMatchObject({ tests: 5, passed: 1, failed: 2, skipped: 1, pending: 0, other: 1, suites: 2, start: Date.parse(info.startedAt), stop: Date.parse(info.startedAt) + 1234, duration: 1234 });
    expect(doc.results.summary.extra).toEqual({ verdict: 'non-conformant', conformant: false, failLevel: 'MUST' });
    expect(t[4]!.labels).toMatchObject({ level: 'MAY', countsForVerdict: false });
    expect(t[4]!.message).toMatch(/^failed at MAY, below the failing level MUST, so it does not fail the run: /);
  });

  it('says where and why a case failed: message, trace, file and line', async () => {
    const { doc } = await ctrf();
    const t = doc.results.tests[1]!;
    expect(t).toMatchObject({
      name: 'create/rejects-an-unknown-template: An unknown templateId answers 400',
      message: 'status must be 400 (and 1 more finding)',
      filePath: 'suites/synchronization-jobs/create.yaml',
      line: 38,
      suite: ['synchronization-jobs/create'],
      retries: 1,
      tags: ['create'],
      type: 'conformance',
      labels: { level: 'MUST', countsForVerdict: true, doc: 'https://learn.microsoft.com/graph/api/synchronization-synchronization-post-jobs' },
      steps: [
        { name: 'create', status: 'failed', extra: { phase: 'main' } },
        { name: 'delete-job', status: 'failed', extra: { phase: 'cleanup' } },
      ],
    });
    expect(t.trace).toContain('step "create" failed at suites/synchronization-jobs/create.yaml:33:9');
    expect(t.trace).toContain('pointer:  /error/code');
    expect(Number.isInteger(t.duration) && Number.isInteger(t.start)).toBe(true);
  });

  it('records an aborted run, and contains no secret and no exchange', async () => {
    const { doc, text } = await ctrf(cases, { ...summary, aborted: { code: 'connect', message: 'connection refused' } });
    expect(doc.extra).toEqual({ aborted: { code: 'connect', message: 'connection refused' } });
    expect(validate(doc).valid).toBe(true);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toContain('innerError');
  });
});
