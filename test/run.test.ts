import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, GscUsageError, run, startEmulator, type CaseResult, type EmulatorHandle } from '../src/index.js';
import { formatHelp } from '../src/cli/help.js';
import { tempDir } from './fixtures/temp.js';

const root = join(import.meta.dirname, '..');
// Folders inside the package: there, `import … from 'graph-sync-conformance'` resolves to the
// build, and a copied suite's relative $refs still reach schemas/. Removed after the file.
const inPackage: string[] = [];
const packageDir = (): string => {
  const dir = mkdtempSync(join(root, '.gsc-run-'));
  inPackage.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of inPackage) rmSync(dir, { recursive: true, force: true });
});

describe('the documented example (docs/library.md)', () => {
  it('runs as written and prints what the doc says', async () => {
    const doc = readFileSync(join(root, 'docs', 'library.md'), 'utf8');
    const code = /```js\n([\s\S]*?)```/.exec(doc)?.[1];
    const printed = /It prints:\n\n```text\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(code).toBeDefined();
    expect(printed).toBeDefined();
    const dir = packageDir();
    writeFileSync(join(dir, 'example.mjs'), code!);
    const { stdout } = await promisify(execFile)(process.execPath, ['example.mjs'], { cwd: dir });
    expect(stdout).toBe(printed);
    expect(readdirSync(dir)).toEqual(['example.mjs']);
  });
});

describe('run() against a target', () => {
  let emu: EmulatorHandle;
  let target: { target: string; token: string; servicePrincipalId: string; templateId: string };
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 });
    target = { target: emu.url, token: emu.fixtures.token, servicePrincipalId: emu.fixtures.servicePrincipalId, templateId: emu.fixtures.templateId };
  });
  afterAll(() => emu.close());

  it('tests it, calls onCaseEnd as each case ends, and returns what results.json holds', async () => {
    const out = tempDir();
    const ended: string[] = [];
    const result = await run({ ...target, tags: ['smoke'], reporters: ['json'], out, onCaseEnd: (c: CaseResult) => void ended.push(c.id) });
    expect(result.verdict).toBe('conformant');
    expect(result.counts).toEqual({ passed: 3, failed: 0, error: 0, skipped: 0 });
    expect(result.target).toBe(emu.url);
    expect(ended).toEqual(result.cases.map((c) => c.id));
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))).toEqual(result);
    expect(emu.jobs()).toEqual([]);
  });

  it('runs extra suites beside the shipped ones, and says through onNotice what gsc says on stderr', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'mine.yaml'),
      [
        '$schema: https://example.invalid/suite.schema.json',
        'suite: mine/list',
        'title: My own list case',
        'doc: https://learn.microsoft.com/graph/api/synchronization-synchronization-list-jobs?view=graph-rest-1.0',
        'cases:',
        '  - id: mine/list-answers-200',
        '    title: My list answers 200',
        '    level: MUST',
        '    tags: [mine]',
        '    steps:',
        '      - name: list',
        '        request: { method: GET, path: "/servicePrincipals/{{servicePrincipalId}}/synchronization/jobs" }',
        '        expect: { status: 200 }',
        '',
      ].join('\n'),
    );
    const notices: string[] = [];
    const { templateId: _chosenByTheRun, ...noTemplate } = target;
    const result = await run({ ...noTemplate, suites: [join(dir, 'mine.yaml')], tags: ['mine', 'smoke'], reporters: [], onNotice: (t) => void notices.push(t) });
    expect(result.cases.map((c) => c.id)).toContain('mine/list-answers-200');
    expect(result.cases.map((c) => c.id)).toContain('list/answers-200-with-value');
    expect(result.verdict).toBe('conformant');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(new RegExp(`^gsc: using template ${emu.fixtures.templateId}, the first of \\d+ the service principal lists \\(--template chooses another\\)$`));
  });

  it('stops on the signal the way Ctrl-C does: no new case starts, cleanup runs, the result says aborted', async () => {
    const stop = new AbortController();
    const result = await run({ ...target, tags: ['create'], reporters: [], signal: stop.signal, onCaseEnd: () => stop.abort() });
    expect(result.aborted?.code).toBe('aborted');
    expect(result.verdict).toBe('incomplete');
    expect(result.cases).toHaveLength(1);
    expect(emu.jobs()).toEqual([]);
  });
});

describe('run() with no target', () => {
  it('starts the embedded emulator, tests it, stops it; reporters: [] writes nothing', async () => {
    const cwd = tempDir();
    const result = await run({ grep: '^list/', reporters: [], cwd });
    expect(result.target).toMatch(/^embedded emulator \(http:\/\/127\.0\.0\.1:\d+\/v1\.0\)$/);
    expect(result.verdict).toBe('conformant');
    expect(result.cases.length).toBeGreaterThan(0);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('reads extra suites from cwd and names their files relative to it', async () => {
    const cwd = packageDir();
    mkdirSync(join(cwd, 'mine'));
    copyFileSync(join(root, 'suites', 'synchronization-jobs', 'list.yaml'), join(cwd, 'mine', 'list.yaml'));
    const result = await run({ suites: ['mine'], shipped: false, reporters: [], cwd });
    expect(new Set(result.cases.map((c) => c.file))).toEqual(new Set(['mine/list.yaml']));
  });
});

describe('run() with a bad option', () => {
  it('rejects with GscUsageError carrying the message gsc prints, and exit code 2', async () => {
    const err = await run({ level: 'SHALL', reporters: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GscUsageError);
    expect(err).toMatchObject({ code: 'usage', exitCode: 2, message: '--level "SHALL" is not a level: use MUST, SHOULD or MAY' });
    const cli = await promisify(execFile)(process.execPath, [join(root, 'dist', 'src', 'cli', 'bin.js'), 'run', '--level', 'SHALL'], { cwd: tempDir() }).catch((e: { code: number; stderr: string }) => e);
    expect(cli).toMatchObject({ code: 2, stderr: `gsc run: ${(err as Error).message}\n` });
  });

  it('names the option of a grep that is not a regular expression', async () => {
    await expect(run({ grep: '[', reporters: [] })).rejects.toThrow(/^--grep "\[" is not a valid regular expression/);
  });

  it('says a duration needs a number and its unit, or a number of milliseconds', async () => {
    await expect(run({ timeout: 'soon', reporters: [] })).rejects.toThrow('--timeout soon: not a duration: write a number and its unit (ms, s, m or h: 500ms, 30s, 2m)');
    await expect(run({ timeout: -1, reporters: [] })).rejects.toBeInstanceOf(GscUsageError);
  });
});

describe('exit codes', () => {
  it('lists every code gsc exits with in the README table and in --help, internal errors included', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('### Exit codes'));
    const documented = [...table.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
    expect(documented).toEqual(Object.values(EXIT));
    for (const code of Object.values(EXIT)) expect(formatHelp()).toMatch(new RegExp(`^  ${code} +\\S`, 'm'));
  });
});
