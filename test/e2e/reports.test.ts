import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from 'ctrf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { gsc, targetFlags, tempDir } from './support.js';

describe('gsc run --reporter html,ctrf,tap,github against an emulator that breaks the contract', () => {
  let emu: EmulatorHandle;
  let out: string;
  let summaryFile: string;
  let run: Awaited<ReturnType<typeof gsc>>;
  beforeAll(async () => {
    emu = await startEmulator({ deviations: ['create-answers-200'] });
    out = tempDir('gsc-e2e-reports-');
    summaryFile = join(out, 'github-step-summary.md');
    run = await gsc(['run', ...targetFlags(emu), '--out', join(out, 'reports'), '--grep', '^create/', '--reporter', 'html,ctrf,tap,github'], { env: { GITHUB_STEP_SUMMARY: summaryFile } });
  });
  afterAll(async () => {
    await emu.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('exits 1 and writes report.html, ctrf.json and results.tap', () => {
    expect(run.code).toBe(1);
    expect(readdirSync(join(out, 'reports')).sort()).toEqual(['ctrf.json', 'ledger.jsonl', 'report.html', 'results.tap']);
  });

  it('annotates the failing case at the suite line that holds the broken expectation', () => {
    const m = /^::error file=(suites\/synchronization-jobs\/create\.yaml),line=(\d+),col=(\d+),endLine=\d+,endColumn=\d+,title=MUST create\/answers-201-with-a-job::(.*)$/m.exec(run.stdout);
    expect(m, run.stdout).not.toBeNull();
    const line = readFileSync(m![1]!, 'utf8').split('\n')[Number(m![2]) - 1]!;
    expect(line.slice(Number(m![3]) - 1)).toMatch(/^status: 201/);
    expect(m![4]).toContain('status must be 201 (expected 201, actual 200)');
    expect(run.stdout).toMatch(/^::notice title=gsc verdict::NOT conformant at level MUST/m);
  });

  it('shows the failure in the HTML report, with its response and the doc it enforces', () => {
    const html = readFileSync(join(out, 'reports', 'report.html'), 'utf8');
    const c = html.slice(html.indexOf('<details class="case"'), html.indexOf('</details>\n'));
    expect(c).toContain('data-status="failed" data-level="MUST" open><summary>');
    expect(c).toContain('<code class="id">create/answers-201-with-a-job</code>');
    expect(c).toContain('<h4>Response <span class="http-status hit">200</span>');
    expect(c).toMatch(/<a class="doc" href="https:\/\/learn\.microsoft\.com\//);
    expect(html).toContain('<p class="verdict non-conformant" role="status">NOT conformant at level MUST');
  });

  it('writes a valid CTRF document and a TAP stream that agree', () => {
    const doc = JSON.parse(readFileSync(join(out, 'reports', 'ctrf.json'), 'utf8')) as Parameters<typeof validate>[0] & { results: { tests: { testId: string; status: string }[] } };
    expect(validate(doc).valid).toBe(true);
    const failedIds = doc.results.tests.filter((t) => t.status === 'failed').map((t) => t.testId);
    expect(failedIds).toContain('create/answers-201-with-a-job');
    const tap = readFileSync(join(out, 'reports', 'results.tap'), 'utf8');
    expect(tap.startsWith('TAP version 14\n')).toBe(true);
    const notOk = [...tap.matchAll(/^not ok \d+ - ([^:]+):/gm)].map((x) => x[1]);
    expect(notOk.sort()).toEqual(failedIds.sort());
    expect(tap).toMatch(new RegExp(`\\n1\\.\\.${doc.results.tests.length}\\n`));
  });

  it('appends a Markdown summary to GITHUB_STEP_SUMMARY', () => {
    const md = readFileSync(summaryFile, 'utf8');
    expect(md).toMatch(/^### ❌ graph-sync-conformance against `http:\/\/127\.0\.0\.1:\d+\/v1\.0`/);
    expect(md).toMatch(/\| \*\*MUST\*\* \| \d+ \| [1-9]\d* \| 0 \| \d+ \|/);
    expect(md).toContain('- ❌ `create/answers-201-with-a-job` MUST, failed: status must be 201');
  });

  it('leaves no secret in any output or report', () => {
    const files = [summaryFile, ...readdirSync(join(out, 'reports')).map((f) => join(out, 'reports', f))];
    for (const text of [run.stdout, run.stderr, ...files.map((f) => readFileSync(f, 'utf8'))]) expect(text).not.toContain(emu.fixtures.token);
  });
});
