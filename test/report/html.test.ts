import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseResult, RunSummary } from '../../src/model/index.js';
import { bodyHtml } from '../../src/report/html/body.js';
import { createHtmlReporter, htmlReport } from '../../src/report/html/index.js';
import { captureStream, cases, failed, hostile, huge, info, passed, run, SECRETS, summary } from './fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gsc-html-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function page(list: CaseResult[] = cases, end: RunSummary = summary): Promise<string> {
  await run(createHtmlReporter({ outDir: dir, stream: captureStream().stream, color: false }), list, end);
  return readFile(join(dir, 'report.html'), 'utf8');
}

describe('html reporter', () => {
  it('writes one self-contained report.html: no script, no external style, font or image', async () => {
    const html = await page();
    expect(await readdir(dir)).toEqual(['report.html']);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/\ssrc=/i);
    // The only links are anchors inside the page and the docs the cases enforce.
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.every((h) => h.startsWith('#') || h.startsWith('https://'))).toBe(true);
  });

  it('allows only its own stylesheet and no script, through a Content-Security-Policy meta tag', async () => {
    const html = await page();
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    expect(csp).not.toContain('unsafe-inline');
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}'`);
    // The policy comes before anything it protects.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });

  it('summarises cases by level and status, in a table and an SVG chart', async () => {
    const html = await page();
    const row = (level: string) => new RegExp(`<tr class="[a-z]+"><td><b>${level}</b>[^]*?</tr>`).exec(html)![0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    expect(row('MUST')).toBe('MUST 1 1 1 0 3');
    expect(row('SHOULD')).toBe('SHOULD (does not fail the run) 0 0 0 1 1');
    expect(html).toContain('aria-label="MUST: 1 passed, 1 failed, 1 error, 0 skipped; SHOULD: 0 passed, 0 failed, 0 error, 1 skipped; MAY: 0 passed, 0 failed, 0 error, 0 skipped"');
    expect(html).toContain('<p class="verdict non-conformant" role="status">NOT conformant at level MUST: 1 MUST case failed (create/rejects-an-unknown-template); 1 case could not be tested.</p>');
    // What decides the verdict is listed and linked to its case.
    expect(html).toMatch(/<li><a href="#case-2"><code>create\/rejects-an-unknown-template<\/code><\/a> <span class="level">MUST<\/span> status must be 400 \(and 1 more finding\)<\/li>/);
  });

  it('shows each case with its steps, findings, request and response, linked to its doc', async () => {
    const html = await page();
    const c = html.slice(html.indexOf('id="case-2"'), html.indexOf('id="case-3"'));
    expect(c).toContain('data-status="failed" data-level="MUST" open>');
    expect(c).toContain('<a class="doc" href="https://learn.microsoft.com/graph/api/synchronization-synchronization-post-jobs"');
    expect(c).toContain('suites/synchronization-jobs/create.yaml:30:5');
    expect(c).toContain('<code class="check">status-is-expected</code> status must be 400');
    expect(c).toContain('<dt>expectation</dt><dd><code>suites/synchronization-jobs/create.yaml:38:19</code></dd>');
    expect(c).toContain('3 attempts, 1 retry: 429 Too Many Requests, Retry-After: 1, 12 ms');
    expect(c).toContain('cleanup step <code>delete-job</code>');
    // Request and response, redacted and pretty-printed; the wrong status is marked.
    expect(c).toContain('<b>POST</b> http://127.0.0.1:4010/v1.0/servicePrincipals/sp-1/synchronization/jobs?access_token=[REDACTED]');
    expect(c).toContain('<tr><th>authorization</th><td>Bearer [REDACTED]</td></tr>');
    expect(c).toContain('<h4>Response <span class="http-status hit">200</span>');
    expect(c).toContain('\n  <span class="jk">&quot;templateId&quot;</span>: <span class="js">&quot;scim&quot;</span>,');
  });

  it('marks the failing JSON pointer in the response body', async () => {
    const html = await page([failed]);
    expect(html).toContain('<mark class="hit" title="the finding is about /error/code"><span class="jk">&quot;code&quot;</span>: <span class="js">&quot;BadRequest&quot;</span></mark>');
  });

  it('escapes markup from the target and the suites: nothing a body holds becomes an element', async () => {
    const html = await page([hostile]);
    const body = html.slice(html.indexOf('<body>'));
    expect(body).not.toMatch(/<(script|img|iframe|svg onload)/i);
    expect(body).toContain('&lt;script&gt;window.__gscPwned=1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__gscPwned=2&quot;&gt;');
    expect(body).toContain('<code class="id">create/hostile-&lt;i&gt;answer&lt;/i&gt;</code>');
    // A javascript: doc is text, never a link.
    expect(body).not.toContain('href="javascript:');
    expect(body).toContain('Enforces javascript:window.__gscPwned=5');
    // A MAY failure under --level MUST is said not to count.
    expect(body).toContain('Failed at level MAY, below the failing level MUST: this does not fail the run.');
  });

  it('cuts megabytes of text to a readable head, says so, and keeps the page small', async () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ ...huge, id: `list/huge-${i}` }));
    const html = await page(many, { ...summary, counts: { passed: 25, failed: 0, error: 0, skipped: 0 } });
    expect(huge.steps[0]!.exchange!.response.body.length).toBeGreaterThan(3_000_000);
    expect(html).not.toContain('TAIL-MARKER');
    expect(html).toContain('… truncated here; the body has 3,800,011 characters, and results.json keeps it');
    expect(html).toContain('&lt;p&gt;lorem ipsum&lt;/p&gt;');
    expect(html.length).toBeLessThan(600_000);
  });

  it('contains no secret', async () => {
    const html = await page([...cases, hostile]);
    for (const secret of SECRETS) expect(html).not.toContain(secret);
  });

  it('writes a page for a run that was stopped before any case', async () => {
    const html = await page([], { counts: { passed: 0, failed: 0, error: 0, skipped: 0 }, durationMs: 0, verdict: 'incomplete', conformant: false, aborted: { code: 'connect', message: 'connection refused' } });
    expect(html).toContain('The run stopped early: connect: connection refused');
    expect(html).toContain('<p class="verdict incomplete"');
    expect(html).toContain('of 0 cases shown');
  });

  it('orders cases so the ones to read come first: failed, error, skipped, passed', async () => {
    const html = await page([passed, ...cases.slice(1)]);
    const order = [...html.matchAll(/class="case" id="case-\d+" data-status="(\w+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['failed', 'error', 'skipped', 'passed']);
    expect(info.failLevel).toBe('MUST');
  });

  it('orders cases alike by where they are written, file then line; cases in one place stay in the order they ran', async () => {
    const at = (id: string, file: string, line: number): CaseResult => ({ ...passed, id, span: { ...passed.span, file, line } });
    const html = await page([at('b-9', 'b.yaml', 9), at('a-20', 'a.yaml', 20), at('b-3', 'b.yaml', 3), at('a-20-again', 'a.yaml', 20), at('a-4', 'a.yaml', 4)]);
    const order = [...html.matchAll(/class="case" id="case-(\d+)"/g)].map((m) => Number(m[1]));
    // case-n is the n-th case run: a-4, a-20, a-20-again, b-3, b-9.
    expect(order).toEqual([5, 2, 4, 3, 1]);
  });
});

describe('the html verdict', () => {
  it('names the MUST cases --require-all found skipped, as every other report does', () => {
    const skipped = { ...passed, id: 'get/answers-200-with-the-job', status: 'skipped' as const, steps: [] };
    const page = htmlReport(info, [passed, skipped], { counts: { passed: 1, failed: 0, error: 0, skipped: 1 }, durationMs: 10, verdict: 'incomplete', conformant: false, requiredSkipped: 1 });
    expect(page).toContain('1 MUST case skipped (get/answers-200-with-the-job), and --require-all needs every one to run');
  });
});

describe('bodyHtml', () => {
  const limits = { chars: 10_000, lines: 500 };

  it('marks the deepest part that exists when a pointer does not resolve', () => {
    const b = bodyHtml('', { error: { message: 'x' } }, ['/error/code'], limits);
    expect(b.html).toContain('<mark class="near" title="/error/code is absent; this is the deepest part of it that exists">');
    expect(b.html).toMatch(/<mark class="near"[^>]*><span class="jk">&quot;error&quot;<\/span>: \{\n/);
  });

  it('marks array elements and the whole body, with ~0 and ~1 decoded', () => {
    expect(bodyHtml('', { 'a/b': [1, 2] }, ['/a~1b/1'], limits).html).toContain('<mark class="hit" title="the finding is about /a~1b/1"><span class="jn">2</span></mark>');
    expect(bodyHtml('', [1], [''], limits).html.startsWith('<mark class="hit" title="the finding is about the whole body">[')).toBe(true);
  });

  it('says when the marked part is past the cut, and closes every mark it opened', () => {
    const value = { items: Array.from({ length: 200 }, (_, i) => ({ i })), last: 'x' };
    const b = bodyHtml('', value, ['/items/1', '/last'], { chars: 300, lines: 20 });
    expect(b.truncated).toBe(true);
    expect(b.unseen).toEqual(['/last']);
    expect(b.html.match(/<mark/g)?.length).toBe(b.html.match(/<\/mark>/g)?.length);
  });

  it('never splits an emoji at the cut', () => {
    const b = bodyHtml('ab😀', undefined, [], { chars: 3, lines: 10 });
    expect(b.html).toBe('ab');
    expect(b.truncated).toBe(true);
  });
});
