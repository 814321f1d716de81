import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseResult } from '../../src/model/index.js';
import { createJsonReporter, resultsJson, type ResultsFile } from '../../src/report/json.js';
import { captureStream, cases, failed, info, passed, run, SECRETS, summary } from './fixtures.js';

const schema = JSON.parse(await readFile(new URL('../../schemas/results.schema.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv2020({ strict: true, allErrors: true });
formats.default(ajv);
const validate = ajv.compile(schema);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gsc-json-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function results(list: CaseResult[] = cases, end = summary): Promise<{ text: string; doc: ResultsFile }> {
  const outDir = join(dir, 'out');
  await run(createJsonReporter({ outDir, stream: captureStream().stream, color: false }), list, end);
  const text = await readFile(join(outDir, 'results.json'), 'utf8');
  return { text, doc: JSON.parse(text) as ResultsFile };
}

function expectValid(doc: unknown): void {
  const ok = validate(doc);
  expect(ok ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
}

describe('json reporter', () => {
  it('holds each case as its text and writes exactly the document resultsJson describes', async () => {
    const { text } = await results();
    expect(text).toBe(`${JSON.stringify(resultsJson(info, cases, summary), null, 2)}\n`);
    const none = await results([]);
    expect(none.text).toBe(`${JSON.stringify(resultsJson(info, [], summary), null, 2)}\n`);
  });

  it('writes results.json that validates against schemas/results.schema.json', async () => {
    const { doc } = await results();
    expectValid(doc);
    expect(doc).toMatchObject({
      formatVersion: 1,
      tool: { name: 'graph-sync-conformance', version: '0.1.0' },
      target: 'http://127.0.0.1:4010/v1.0',
      startedAt: '2026-01-02T03:04:05.000Z',
      durationMs: 1234,
      failLevel: 'MUST',
      conformant: false,
      counts: { passed: 1, failed: 1, error: 1, skipped: 1 },
    });
    expect(doc.cases.map((c) => [c.id, c.status])).toEqual([
      ['create/answers-201-with-a-job', 'passed'],
      ['create/rejects-an-unknown-template', 'failed'],
      ['list/answers-200', 'error'],
      ['create/rejects-a-second-job', 'skipped'],
    ]);
    expect(doc.aborted).toBeUndefined();
  });

  it('keeps findings as data: expected, actual, pointer and the expectation span', async () => {
    const { doc } = await results();
    const [status, value] = doc.cases[1]!.steps[0]!.findings;
    expect(status).toEqual({ check: 'status-is-expected', message: 'status must be 400', expected: [400], actual: 200, span: { file: 'suites/synchronization-jobs/create.yaml', line: 38, col: 19 } });
    // A pointer that did not resolve has no `actual`.
    expect(value).not.toHaveProperty('actual');
    expect(value!.pointer).toBe('/error/code');
  });

  it('records an aborted run', async () => {
    const { doc } = await results([passed], { ...summary, aborted: { code: 'connect', message: 'connection refused' } });
    expectValid(doc);
    expect(doc.aborted).toEqual({ code: 'connect', message: 'connection refused' });
  });

  it('contains no secret and marks where one was', async () => {
    const { text, doc } = await results();
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    const ex = doc.cases[1]!.steps[0]!.exchange!;
    expect(ex.request.headers).toMatchObject({ authorization: 'Bearer [REDACTED]', cookie: '[REDACTED]' });
    expect(ex.response.headers['set-cookie']).toBe('[REDACTED]');
    expect(ex.request.url).toMatch(/\?access_token=\[REDACTED\]$/);
    expect(JSON.parse(ex.request.body!)).toMatchObject({ client_secret: '[REDACTED]', secrets: [{ key: 'SecretToken', value: '[REDACTED]' }] });
    expect(ex.response.json).toMatchObject({ error: { access_token: '[REDACTED]', code: 'BadRequest' } });
  });

  it('keeps odd characters as valid JSON', async () => {
    const { doc } = await results();
    const message = (doc.cases[1]!.steps[0]!.exchange!.response.json as { error: { message: string } }).error.message;
    expect(message).toContain(']]> <script>alert(1)</script> nul:\u0000 esc:\u001b[31m');
    expect(message).toContain('emoji:😀');
  });

  it.each(['connect', 'timeout', 'protocol', 'throttled', 'variable', 'auth', 'internal', 'aborted'] as const)('documents the error code %s the engine can give', async (code) => {
    const { doc } = await results();
    const errored = doc.cases.find((c) => c.status === 'error')!;
    expectValid({ ...doc, cases: [{ ...errored, error: { code, message: 'm' } }] });
  });

  it('cuts a huge body, says how long it was, and still validates', async () => {
    const step = failed.steps[0]!;
    const huge = { ...failed, steps: [{ ...step, exchange: { ...step.exchange!, response: { status: 200, headers: {}, body: `[${'1,'.repeat(1_000_000)}1]`, json: [1] } } }] };
    const { text, doc } = await results([huge]);
    expectValid(doc);
    const response = doc.cases[0]!.steps[0]!.exchange!.response;
    expect(response).toMatchObject({ bodyTruncated: true, bodyLength: 2_000_003 });
    expect(response).not.toHaveProperty('json');
    expect(text.length).toBeLessThan(1_100_000);
  });

  it('survives odd data: cycles, bigints and missing fields still give a valid file', async () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    const odd = {
      ...failed,
      tags: undefined,
      steps: [{ ...failed.steps[0]!, findings: [{ check: 'x', message: 'y', expected: 10n, actual: cycle }], exchange: { request: {}, response: {} } }],
    } as unknown as CaseResult;
    const { doc } = await results([odd]);
    expectValid(doc);
    expect(doc.cases[0]!.steps[0]!.findings[0]).toMatchObject({ expected: '10', actual: { a: 1, self: '[Circular]' } });
    expect(doc.cases[0]!.tags).toEqual([]);
  });

  it('replaces the file whole and leaves no temp file behind', async () => {
    await results();
    await results([passed]);
    expect(await readdir(join(dir, 'out'))).toEqual(['results.json']);
  });

  it('has a schema that would catch an undocumented field', async () => {
    const { doc } = await results();
    const step = { ...doc.cases[1]!.steps[0]!, surprise: true };
    expect(validate({ ...doc, cases: [{ ...doc.cases[1]!, steps: [step] }] })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/cases/0/steps/0', keyword: 'additionalProperties' });
  });
});
