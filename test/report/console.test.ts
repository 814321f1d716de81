import { describe, expect, it, vi } from 'vitest';
import { createConsoleReporter, retrySummary } from '../../src/report/console.js';
import { captureStream, cases, errored, failed, info, passed, run, SECRETS, skipped, summary } from './fixtures.js';

async function consoleOutput(opts: { color?: boolean; verbose?: boolean } = {}, list = cases, end = summary) {
  const out = captureStream();
  await run(createConsoleReporter({ outDir: '.', stream: out.stream, color: opts.color ?? false, verbose: opts.verbose }), list, end);
  return out.text();
}

describe('console reporter', () => {
  it('starts with the tool, the target and how many cases will run', async () => {
    const lines = (await consoleOutput()).split('\n');
    expect(lines[0]).toBe('graph-sync-conformance 0.1.0 against http://127.0.0.1:4010/v1.0');
    expect(lines[1]).toBe('4 cases, failing level MUST');
  });

  it('prints one compact line per case as it ends, readable without colour', async () => {
    const lines = (await consoleOutput()).split('\n');
    expect(lines).toContain('PASS  create/answers-201-with-a-job  A valid create answers 201 Created with a synchronizationJob  (120 ms)');
    expect(lines).toContain('FAIL  create/rejects-an-unknown-template  An unknown templateId answers 400  (15 ms, 1 retry: 429 Too Many Requests, Retry-After: 1)');
    expect(lines).toContain('ERROR list/answers-200  Listing jobs answers 200  (15 ms)');
    expect(lines).toContain('SKIP  create/rejects-a-second-job  A second job for the same template answers 409  (0 ms)');
  });

  it('explains a failure: where, which step, expected against actual, and the exchange', async () => {
    const text = await consoleOutput();
    const details = text.slice(text.indexOf('Failures and errors'));
    expect(details).toContain('FAIL  create/rejects-an-unknown-template — An unknown templateId answers 400');
    expect(details).toContain('  [MUST] suites/synchronization-jobs/create.yaml:30  https://learn.microsoft.com/');
    expect(details).toContain('  step "create" failed at suites/synchronization-jobs/create.yaml:33:9 (3 attempts, 1 retry: 429 Too Many Requests, Retry-After: 1, 12 ms)');
    expect(details).toContain(
      [
        '    1) status-is-expected: status must be 400',
        '       expected: [400]',
        '       actual:   200',
        '       expectation at suites/synchronization-jobs/create.yaml:38:19',
      ].join('\n'),
    );
    expect(details).toContain(
      [
        '    2) value-equals: /error/code must equal "BadRequest"',
        '       pointer:  /error/code',
        '       expected: "BadRequest"',
        '       actual:   (absent)',
      ].join('\n'),
    );
    expect(details).toContain('    request: POST http://127.0.0.1:4010/v1.0/servicePrincipals/sp-1/synchronization/jobs?access_token=[REDACTED]');
    expect(details).toContain('      authorization: Bearer [REDACTED]');
    expect(details).toContain('    response: 200 (12 ms)');
    // The response body is pretty-printed JSON.
    expect(details).toContain('      {\n        "error": {\n          "code": "BadRequest",');
    // A failed cleanup step is shown too: it may have left a job behind.
    expect(details).toContain('  cleanup step "delete-job" failed at suites/synchronization-jobs/create.yaml:45:9');
  });

  it('points out a passed case whose cleanup failed, since it may have left a job behind', async () => {
    const leftover = { ...passed, steps: [...passed.steps, failed.steps[1]!] };
    const text = await consoleOutput({}, [leftover], { counts: { passed: 1, failed: 0, error: 0, skipped: 0 }, durationMs: 5, verdict: 'conformant', conformant: true });
    expect(text).toContain('PASS  create/answers-201-with-a-job — A valid create answers 201 Created with a synchronizationJob (its cleanup did not succeed; something may be left behind)');
    expect(text).toContain('  cleanup step "delete-job" failed at suites/synchronization-jobs/create.yaml:45:9');
    expect(text.trimEnd().split('\n').at(-2)).toBe('Conformant on 1 of 1 case, at level MUST: no MUST case failed.');
  });

  it('explains an error with its code and shows the unparseable body safely', async () => {
    const text = await consoleOutput();
    expect(text).toContain('ERROR list/answers-200 — Listing jobs answers 200\n  [MUST] suites/synchronization-jobs/list.yaml:8');
    expect(text).toContain('  step "list" could not be tested at suites/synchronization-jobs/list.yaml:12:9 (1 attempt, 12 ms)\n    error: protocol: the answer was not JSON');
    // Said once, not once for the case and again for its step.
    expect(text.split('error: protocol: the answer was not JSON').length).toBe(2);
    expect(text).toContain('(not valid JSON: Unexpected token)');
    expect(text).toContain('\\u0000\\u0001binary');
  });

  it('lists skipped cases with their reasons', async () => {
    const text = await consoleOutput();
    expect(text).toContain('Skipped\n  create/rejects-a-second-job: writes are not selected (--writes off)\n');
  });

  it('ends with the verdict and then the summary line CI reads', async () => {
    const lines = (await consoleOutput()).trimEnd().split('\n');
    const last = lines.at(-1) ?? '';
    expect(last).toBe('gsc: 1 passed, 1 failed, 1 errors, 1 skipped (1.2 s)');
    expect(last).toMatch(/^(\w+: )?\d+ passed, \d+ failed/);
    expect(lines.at(-2)).toBe(
      'NOT conformant at level MUST: 1 MUST case failed (create/rejects-an-unknown-template); 1 case could not be tested.',
    );
  });

  it('says a run is conformant when only cases below the failing level failed', async () => {
    const should = { ...failed, level: 'SHOULD' as const };
    const text = await consoleOutput({}, [passed, should], { counts: { passed: 1, failed: 1, error: 0, skipped: 0 }, durationMs: 80, verdict: 'conformant', conformant: true });
    const lines = text.trimEnd().split('\n');
    expect(lines.at(-2)).toBe('Conformant on 2 of 2 cases, at level MUST: no MUST case failed; 1 failure below MUST does not count.');
    expect(lines.at(-1)).toBe('gsc: 1 passed, 1 failed, 0 errors, 0 skipped (80 ms)');
  });

  it('never calls a run that did not test everything conformant', async () => {
    const text = await consoleOutput({}, [passed], { counts: { passed: 1, failed: 0, error: 0, skipped: 0 }, durationMs: 80, verdict: 'incomplete', conformant: false, aborted: { code: 'connect', message: 'connection refused' } });
    const lines = text.trimEnd().split('\n');
    expect(lines.at(-2)).toBe('Conformance NOT shown at level MUST: no MUST case failed, but not everything was tested; the run was aborted, so the verdict is incomplete.');
  });

  it('reports an aborted run before the verdict', async () => {
    const text = await consoleOutput({}, [passed], { ...summary, aborted: { code: 'connect', message: 'connection refused' } });
    expect(text).toContain('Run aborted (connect): connection refused\n');
    expect(text).toContain('the run was aborted, so the verdict is incomplete');
  });

  it('never lets a body drive the terminal: escapes, NULs and bidi controls are shown as \\u escapes', async () => {
    const text = await consoleOutput();
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u0000');
    expect(text).toContain('esc:\\u001b[31mred\\u001b[0m');
    expect(text).toContain('lone:\\ud800 emoji:😀');
  });

  it('colours marks only when asked, and never the summary line', async () => {
    const text = await consoleOutput({ color: true });
    expect(text).toContain('\u001b[31mFAIL \u001b[39m create/rejects-an-unknown-template');
    expect(text).toContain('\u001b[32mPASS \u001b[39m');
    expect(text.trimEnd().split('\n').at(-1)).toBe('gsc: 1 passed, 1 failed, 1 errors, 1 skipped (1.2 s)');
    // A body's own escape sequences stay inert even when we colour.
    expect(text).toContain('esc:\\u001b[31mred');
  });

  it('lists each step in verbose mode', async () => {
    const text = await consoleOutput({ verbose: true });
    expect(text).toContain('      create: POST http://127.0.0.1:4010/v1.0/servicePrincipals/sp-1/synchronization/jobs?access_token=[REDACTED] → 201, passed (1 attempt, 12 ms)');
  });

  it('cuts a huge body to a readable excerpt and says so', async () => {
    const big = { ...failed, steps: [{ ...failed.steps[0]!, exchange: { ...failed.steps[0]!.exchange!, response: { status: 200, headers: {}, body: 'x'.repeat(2_000_000) } } }] };
    const text = await consoleOutput({}, [big]);
    expect(text.length).toBeLessThan(10_000);
    expect(text).toContain('… truncated; the body has 2000000 characters');
  });

  it('does not crash on a result with missing parts', async () => {
    const odd = { ...errored, steps: [{ name: 'odd', phase: 'main', status: 'error' } as never], error: undefined, span: undefined as never };
    const text = await consoleOutput({}, [odd]);
    expect(text).toContain('step "odd" could not be tested at (unknown place) (0 attempts, ? ms)');
    expect(text).toContain('error: no details were recorded');
  });

  it('shows no secret from headers, URLs, form fields or bodies', async () => {
    const text = await consoleOutput({ verbose: true });
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).toContain('cookie: [REDACTED]');
    expect(text).toContain('"client_secret": "[REDACTED]"');
  });

  it('writes the skipped reason from a skipped step when the case gives none', async () => {
    const c = { ...skipped, skipReason: undefined, steps: [{ ...passed.steps[0]!, status: 'skipped' as const, skipReason: 'route not implemented (404)' }] };
    expect(await consoleOutput({}, [c])).toContain('create/rejects-a-second-job: route not implemented (404)');
  });

  it('starts the header from the info it is given', async () => {
    const out = captureStream();
    const r = createConsoleReporter({ outDir: '.', stream: out.stream, color: false });
    await r.onRunStart?.({ ...info, target: 'https://user:pw@example.test/v1.0', total: 1 });
    expect(out.text()).toContain('against https://[REDACTED]@example.test/v1.0\n1 case, failing level MUST');
  });
});

describe('skip notes say the real reason', () => {
  it('a skipped optional case whose route answered 404 is listed under Skipped with that reason, not as a cleanup that failed', async () => {
    const answered404 = { ...failed.steps[0]!, status: 'failed' as const };
    const c = { ...skipped, skipReason: 'the target answered 404 to POST /v1.0/x: it does not implement this optional route', steps: [answered404] };
    const text = await consoleOutput({}, [c], { counts: { passed: 0, failed: 0, error: 0, skipped: 1 }, durationMs: 5, verdict: 'conformant', conformant: true });
    expect(text).not.toContain('its cleanup did not succeed');
    expect(text).not.toContain('Failures and errors');
    expect(text).toContain('Skipped\n  create/rejects-a-second-job: the target answered 404 to POST /v1.0/x: it does not implement this optional route');
  });

  it('a skipped case whose cleanup really failed says both', async () => {
    const c = { ...skipped, skipReason: 'not implemented', steps: [failed.steps[1]!] };
    const text = await consoleOutput({}, [c], { counts: { passed: 0, failed: 0, error: 0, skipped: 1 }, durationMs: 5, verdict: 'conformant', conformant: true });
    expect(text).toContain('(skipped: not implemented; its cleanup did not succeed; something may be left behind)');
  });
});

describe('one deviation that breaks many cases does not flood the log', () => {
  const many = Array.from({ length: 8 }, (_, i) => ({ ...failed, id: `create/case-${i}` }));
  const end = { counts: { passed: 0, failed: 8, error: 0, skipped: 0 }, durationMs: 5, verdict: 'non-conformant' as const, conformant: false };

  it('tells a step that failed the same way as in an earlier case in one line, naming that case', async () => {
    const text = await consoleOutput({}, many, end);
    expect(text).toContain('  step "create" failed as in create/case-0: ');
    expect(text).toContain('  cleanup step "delete-job" failed as in create/case-0: status must be 204 or 404');
    expect(text.split('request: POST').length - 1).toBeLessThanOrEqual(6);
    expect(text).toContain('Requests and responses are shown for the first 3 cases; results.json has every exchange, and --verbose prints them all.');
  });

  it('--verbose still shows every case in full', async () => {
    const text = await consoleOutput({ verbose: true }, many, end);
    expect(text).not.toContain('failed as in');
    expect(text.split('request: POST').length - 1).toBe(16);
  });

  it('leaves hop-by-hop headers (connection, keep-alive, transfer-encoding) out of explanations', async () => {
    const hop = { ...failed, steps: failed.steps.map((s) => (s.exchange ? { ...s, exchange: { ...s.exchange, response: { ...s.exchange.response, headers: { ...s.exchange.response.headers, connection: 'keep-alive', 'keep-alive': 'timeout=5', 'transfer-encoding': 'chunked' } } } } : s)) };
    const text = await consoleOutput({}, [hop], end);
    expect(text).toContain('request-id: req-1');
    expect(text).not.toMatch(/^\s+(connection|keep-alive|transfer-encoding):/m);
  });
});

describe('progress', () => {
  it('in a CI log (no terminal), says at least every 10 s which case is still running', async () => {
    vi.useFakeTimers();
    try {
      const out = captureStream();
      const r = createConsoleReporter({ outDir: '.', stream: out.stream, color: false });
      await r.onRunStart?.({ ...info, total: 2 });
      await r.onCaseStart?.({ id: 'start/answers-204-and-activates', title: 'x' });
      vi.advanceTimersByTime(10_000);
      expect(out.text()).toMatch(/ {2}… still running start\/answers-204-and-activates \(.*\): waiting for the target, for consistency or throttling\n$/);
      await r.onCaseEnd?.({ ...passed, id: 'start/answers-204-and-activates' });
      await r.onRunEnd?.(summary);
      const before = out.text();
      vi.advanceTimersByTime(30_000);
      expect(out.text()).toBe(before);
    } finally {
      vi.useRealTimers();
    }
  });

  it('on a terminal, counts the cases: [1/2]', async () => {
    const out = captureStream();
    Object.assign(out.stream, { isTTY: true });
    const r = createConsoleReporter({ outDir: '.', stream: out.stream, color: false });
    await r.onRunStart?.({ ...info, total: 2 });
    await r.onCaseStart?.({ id: passed.id, title: passed.title });
    await r.onCaseEnd?.(passed);
    expect(out.text()).toContain(`[1/2] PASS  ${passed.id}`);
  });

  it('names what each case was retried for, so a 409 from replication reads apart from a 429 from throttling', () => {
    const step = (retries: number, retryReasons?: string[]) => ({ ...failed.steps[0]!, retries, retryReasons });
    expect(retrySummary([step(1, ['409 Conflict']), step(1, ['409 Conflict'])])).toBe('2 retries: 409 Conflict ×2');
    expect(retrySummary([step(2, ['409 Conflict', '429 Too Many Requests, Retry-After: 1'])])).toBe('2 retries: 409 Conflict; 429 Too Many Requests, Retry-After: 1');
    expect(retrySummary([step(1)])).toBe('1 retry after transient failures');
    expect(retrySummary([step(0)])).toBe('');
  });
});
