import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGithubReporter, escapeData, escapeProperty, workflowCommand } from '../../src/report/github.js';
import { createReporters } from '../../src/report/index.js';
import { md } from '../../src/report/step-summary.js';
import { captureStream, cases, errored, failed, hostile, info, passed, run, SECRETS, skipped, summary } from './fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gsc-github-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function annotations(list = cases): Promise<string[]> {
  const out = captureStream();
  await run(createGithubReporter({ outDir: dir, stream: out.stream, color: false }), list);
  return out.text().trimEnd().split('\n');
}

/** Undoes GitHub's escaping, as the runner does when it reads a command. */
const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

describe('github reporter (workflow annotations)', () => {
  it('annotates a failed case at the suite line of the broken expectation, as an error', async () => {
    const [line] = await annotations([failed]);
    expect(line!.startsWith('::error file=suites/synchronization-jobs/create.yaml,line=38,col=19,title=MUST create/rejects-an-unknown-template::')).toBe(true);
    const message = unescape(line!.slice(line!.indexOf('::', 2) + 2));
    expect(message.split('\n')).toEqual([
      'create/rejects-an-unknown-template failed (MUST): status must be 400 (and 1 more finding)',
      '- step "create": status must be 400 (expected [400], actual 200)',
      '- step "create": /error/code must equal "BadRequest" (expected "BadRequest", actual (absent))',
    ]);
  });

  it('annotates an error at its step, a failure below the failing level as a warning, and skips nothing but skips', async () => {
    const lines = await annotations([passed, errored, skipped, hostile]);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^::error file=suites\/synchronization-jobs\/list.yaml,line=12,col=9,title=MUST list\/answers-200::list\/answers-200 could not be tested \(MUST\): protocol: the answer was not JSON%0A- step "list": protocol: the answer was not JSON$/);
    expect(lines[1]).toMatch(/^::warning file=suites\/synchronization-jobs\/create.yaml,line=55,col=11,title=MAY create\/hostile-<i>answer<\/i>::create\/hostile-<i>answer<\/i> failed \(MAY, below the failing level MUST: does not fail the run\)/);
    expect(lines[2]).toMatch(/^::notice title=gsc verdict::NOT conformant at level MUST/);
  });

  it('warns about a passed case whose cleanup failed, at the cleanup step', async () => {
    const cleanupOnly = { ...passed, steps: [...passed.steps, failed.steps[1]!] };
    const [line] = await annotations([cleanupOnly]);
    expect(line).toMatch(/^::warning file=suites\/synchronization-jobs\/create.yaml,line=45,col=9,title=MUST create\/answers-201-with-a-job::create\/answers-201-with-a-job passed, but its cleanup failed \(MUST\)/);
  });

  it('escapes per the workflow command rules: %, CR and LF always; : and , in properties', () => {
    expect(escapeData('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext: a,b');
    expect(escapeProperty('C:\\x,y%\n')).toBe('C%3A\\x%2Cy%25%0A');
    const cmd = workflowCommand('error', { file: 'suites/a,b:c.yaml', line: 3, title: 'x::error::y' }, 'line 1\n::error::injected');
    expect(cmd).toBe('::error file=suites/a%2Cb%3Ac.yaml,line=3,title=x%3A%3Aerror%3A%3Ay::line 1%0A::error::injected');
    // One line: nothing a value holds can start a second command.
    expect(cmd.split('\n')).toHaveLength(1);
  });

  it('says the run stopped early, and contains no secret', async () => {
    const out = captureStream();
    await run(createGithubReporter({ outDir: dir, stream: out.stream, color: false }), cases, { ...summary, aborted: { code: 'connect', message: 'connection refused' } });
    expect(out.text()).toContain('::error title=gsc%3A the run stopped early::connect: connection refused\n');
    for (const secret of SECRETS) expect(out.text()).not.toContain(secret);
  });
});

describe('GitHub step summary', () => {
  async function summaryText(list = cases, end = summary): Promise<string> {
    const file = join(dir, 'step-summary.md');
    await writeFile(file, '# earlier step\n');
    const [r] = createReporters([], { outDir: dir, stream: captureStream().stream, color: false, env: { GITHUB_STEP_SUMMARY: file } });
    await run(r!, list, end, info);
    return readFile(file, 'utf8');
  }

  it('appends the verdict, a table by level, then each failure and error on one line', async () => {
    const text = await summaryText([...cases, hostile]);
    expect(text.startsWith('# earlier step\n### ❌ graph-sync-conformance against `http://127.0.0.1:4010/v1.0`\n')).toBe(true);
    expect(text).toContain(
      [
        '| level | passed | failed | error | skipped |',
        '|:--|--:|--:|--:|--:|',
        '| **MUST** | 1 | 1 | 1 | 0 |',
        '| SHOULD (does not fail the run) | 0 | 0 | 0 | 1 |',
        '| MAY (does not fail the run) | 0 | 1 | 0 | 0 |',
      ].join('\n'),
    );
    const failures = text.slice(text.indexOf('**Failures and errors** (3)')).trim().split('\n').slice(2);
    expect(failures).toEqual([
      '- ❌ `create/rejects-an-unknown-template` MUST, failed: status must be 400 (and 1 more finding) (`suites/synchronization-jobs/create.yaml:30:5`)',
      '- ⚠️ `list/answers-200` MUST, could not be tested: protocol: the answer was not JSON (`suites/synchronization-jobs/list.yaml:8:5`)',
      expect.stringMatching(/^- ➖ `create\/hostile-<i>answer<\/i>` MAY, failed below MUST, does not count: \/error\/code must equal &lt;\/pre&gt;&lt;\/details&gt;&lt;script&gt;window\.\\_\\_gscPwned=1/),
    ]);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('shows a conformant run with a check mark and no failure list', async () => {
    const text = await summaryText([passed], { counts: { passed: 1, failed: 0, error: 0, skipped: 0 }, durationMs: 10, verdict: 'conformant', conformant: true });
    expect(text).toContain('### ✅ graph-sync-conformance');
    expect(text).toContain('Conformant on 1 of 1 case, at level MUST: no MUST case failed.');
    expect(text).not.toContain('Failures and errors');
  });

  it('escapes Markdown and HTML in text from the target', () => {
    expect(md('a | b <img src=x> *bold* [link](javascript:x) `code` & more')).toBe('a \\| b &lt;img src=x&gt; \\*bold\\* \\[link\\](javascript:x) \\`code\\` &amp; more');
  });
});
