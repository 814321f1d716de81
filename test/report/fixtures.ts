import { Writable } from 'node:stream';
import type { CaseResult, Exchange, Reporter, RunInfo, RunSummary, StepResult } from '../../src/model/index.js';

/** Secrets a careless engine might pass through; none may appear in any report. */
export const TOKEN = 'tok-7f3a9c1e5b2d4a6f8e0c-SECRET';
export const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzcGllcyJ9.c2lnbmF0dXJlLXNlY3JldA';
export const COOKIE = 'session=cookie-value-SECRET';
export const CLIENT_SECRET = 'client-secret-value-SECRET';
export const SCIM_SECRET = 'scim-bearer-value-SECRET';
export const SECRETS = [TOKEN, JWT, COOKIE, CLIENT_SECRET, SCIM_SECRET, 'cookie-value-SECRET'];

/** Everything a hostile or broken target might put in a body. */
export const NASTY = ']]> <script>alert(1)</script> nul:\u0000 esc:\u001b[31mred\u001b[0m lone:\ud800 emoji:😀 bom:\ufffe end';

const FILE = 'suites/synchronization-jobs/create.yaml';
const LIST_FILE = 'suites/synchronization-jobs/list.yaml';
const span = (line: number, col = 5, file = FILE) => ({ file, line, col });

export const info: RunInfo = {
  tool: { name: 'graph-sync-conformance', version: '0.1.0' },
  target: 'http://127.0.0.1:4010/v1.0',
  startedAt: '2026-01-02T03:04:05.000Z',
  total: 4,
  failLevel: 'MUST',
};

function exchange(status: number, body: string, json?: unknown, jsonError?: string): Exchange {
  return {
    request: {
      method: 'POST',
      url: `http://127.0.0.1:4010/v1.0/servicePrincipals/sp-1/synchronization/jobs?access_token=${TOKEN}`,
      headers: { authorization: `Bearer ${TOKEN}`, cookie: COOKIE, 'content-type': 'application/json' },
      body: JSON.stringify({ templateId: 'scim', client_secret: CLIENT_SECRET, secrets: [{ key: 'SecretToken', value: SCIM_SECRET }] }),
    },
    response: {
      status,
      headers: { 'content-type': 'application/json', 'set-cookie': COOKIE, 'request-id': 'req-1' },
      body,
      ...(json !== undefined ? { json } : {}),
      ...(jsonError ? { jsonError } : {}),
    },
    durationMs: 12,
  };
}

function step(over: Partial<StepResult>): StepResult {
  return { name: 'create', phase: 'main', status: 'passed', findings: [], attempts: 1, retries: 0, durationMs: 12, span: span(20, 9), ...over };
}

function result(over: Partial<CaseResult>): CaseResult {
  return {
    id: 'create/x', suite: 'synchronization-jobs/create', title: 'A case', level: 'MUST', tags: ['create'],
    doc: 'https://learn.microsoft.com/graph/api/synchronization-synchronization-post-jobs', file: FILE, span: span(10, 5),
    status: 'passed', steps: [], startedAt: '2026-01-02T03:04:05.100Z', durationMs: 15, ...over,
  };
}

const errorBody = { error: { code: 'BadRequest', message: NASTY, access_token: JWT, innerError: { date: '2026-01-02T03:04:05' } } };

export const passed = result({
  id: 'create/answers-201-with-a-job',
  title: 'A valid create answers 201 Created with a synchronizationJob',
  steps: [step({ exchange: exchange(201, '{"id":"scim.1"}', { id: 'scim.1' }) })],
  durationMs: 120,
});

export const failed = result({
  id: 'create/rejects-an-unknown-template',
  title: 'An unknown templateId answers 400',
  status: 'failed',
  span: span(30, 5),
  steps: [
    step({
      status: 'failed',
      attempts: 3,
      retries: 1,
      retryReasons: ['429 Too Many Requests, Retry-After: 1'],
      span: span(33, 9),
      findings: [
        { check: 'status-is-expected', message: 'status must be 400', expected: [400], actual: 200, span: span(38, 19) },
        { check: 'value-equals', message: '/error/code must equal "BadRequest"', expected: 'BadRequest', actual: undefined, pointer: '/error/code', span: span(41, 11) },
      ],
      exchange: exchange(200, JSON.stringify(errorBody), errorBody),
    }),
    step({ name: 'delete-job', phase: 'cleanup', status: 'failed', span: span(45, 9), findings: [{ check: 'status-is-expected', message: 'status must be 204 or 404', expected: [204, 404], actual: 500 }], exchange: exchange(500, '') }),
  ],
});

export const errored = result({
  id: 'list/answers-200',
  suite: 'synchronization-jobs/list',
  file: LIST_FILE,
  span: span(8, 5, LIST_FILE),
  title: 'Listing jobs answers 200',
  status: 'error',
  error: { code: 'protocol', message: 'the answer was not JSON' },
  steps: [step({ name: 'list', status: 'error', span: span(12, 9, LIST_FILE), error: { code: 'protocol', message: 'the answer was not JSON' }, exchange: exchange(200, `\u0000\u0001binary ${NASTY}`, undefined, 'Unexpected token') })],
});

export const skipped = result({
  id: 'create/rejects-a-second-job',
  title: 'A second job for the same template answers 409',
  level: 'SHOULD',
  status: 'skipped',
  skipReason: 'writes are not selected (--writes off)',
  skipCode: 'needs-allow-writes',
  steps: [],
  durationMs: 0,
});

export const cases = [passed, failed, errored, skipped];

/**
 * Markup a hostile target might answer with, hoping a report page renders it: each piece would
 * set `window.__gscPwned` if it ever ran.
 */
export const HOSTILE =
  '</pre></details><script>window.__gscPwned=1</script><img src=x onerror="window.__gscPwned=2"><svg onload="window.__gscPwned=3"></svg><iframe srcdoc="<script>parent.__gscPwned=4</script>"></iframe>';

const hostileBody = { error: { code: 'Boom', message: HOSTILE, html: `<b>${HOSTILE}</b>` } };

/** A MAY case whose every field a target or a careless suite could fill with markup. */
export const hostile = result({
  id: 'create/hostile-<i>answer</i>',
  title: `A hostile answer ${HOSTILE}`,
  level: 'MAY',
  status: 'failed',
  doc: 'javascript:window.__gscPwned=5',
  tags: ['<b>tag</b>'],
  span: span(50, 5),
  steps: [
    step({
      name: `probe ${HOSTILE}`,
      status: 'failed',
      span: span(52, 9),
      findings: [{ check: 'value-equals', message: `/error/code must equal ${HOSTILE}`, expected: HOSTILE, actual: 'Boom', pointer: '/error/code', span: span(55, 11) }],
      exchange: {
        ...exchange(500, JSON.stringify(hostileBody), hostileBody),
        response: { status: 500, headers: { 'content-type': 'text/html', 'x-evil': HOSTILE }, body: JSON.stringify(hostileBody), json: hostileBody },
      },
    }),
  ],
});

/** A passed case whose answer is megabytes of text that is not JSON. */
export const huge = result({
  id: 'list/huge-answer',
  suite: 'synchronization-jobs/list',
  file: LIST_FILE,
  span: span(20, 5, LIST_FILE),
  title: 'A huge answer',
  steps: [step({ name: 'list', span: span(22, 9, LIST_FILE), exchange: exchange(200, `${'<p>lorem ipsum</p>\n'.repeat(200_000)}TAIL-MARKER`) })],
});

export const summary: RunSummary = { counts: { passed: 1, failed: 1, error: 1, skipped: 1 }, durationMs: 1234, verdict: 'non-conformant', conformant: false };

/** Sends a whole run through a reporter, as the engine does. */
export async function run(r: Reporter, list: CaseResult[] = cases, end: RunSummary = summary, start: RunInfo = info): Promise<void> {
  await r.onRunStart?.(start);
  for (const c of list) {
    await r.onCaseStart?.({ id: c.id, title: c.title });
    await r.onCaseEnd?.(c);
  }
  await r.onRunEnd?.(end);
}

/** A console stream that keeps what was written. */
export function captureStream(): { stream: Writable; text(): string } {
  let out = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  return { stream, text: () => out };
}
