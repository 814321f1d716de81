import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { gsc, targetFlags, tempDir } from './support.js';

describe('gsc run against the embedded emulator (what npm start does)', () => {
  let out: string;
  let run: Awaited<ReturnType<typeof gsc>>;
  beforeAll(async () => {
    out = tempDir();
    run = await gsc(['run', '--out', out]);
  });

  it('passes every case and says so in the closing line', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^gsc: \d+ passed, 0 failed, 0 errors, 0 skipped/m);
    expect(run.stdout).toContain('PASS  create/answers-201-with-a-job');
  });

  it('writes junit.xml and results.json', () => {
    const xml = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('create/answers-201-with-a-job');
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { conformant: boolean; cases: { id: string; status: string }[] };
    expect(results.conformant).toBe(true);
    expect(results.cases.every((c) => c.status === 'passed')).toBe(true);
  });

  it('leaves no secret in any output or report file', () => {
    const files = readdirSync(out).map((f) => readFileSync(join(out, f), 'utf8'));
    for (const text of [run.stdout, run.stderr, ...files]) expect(text).not.toContain('gsc-emulator-token');
  });
});

describe('gsc run --reporter ndjson', () => {
  it('streams one line per case and a summary into results.ndjson', async () => {
    const out = tempDir();
    const run = await gsc(['run', '--reporter', 'ndjson', '--tags', 'smoke', '--out', out]);
    expect(run.code).toBe(0);
    const lines = readFileSync(join(out, 'results.ndjson'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; status?: string; verdict?: string });
    expect(lines[0]!.type).toBe('run');
    expect(lines.filter((l) => l.type === 'case').every((l) => l.status === 'passed')).toBe(true);
    expect(lines.at(-1)).toMatchObject({ type: 'summary', verdict: 'conformant' });
  });
});

describe('gsc run against an emulator that breaks the contract', () => {
  let emu: EmulatorHandle;
  beforeAll(async () => {
    emu = await startEmulator({ deviations: ['create-answers-200'] });
  });
  afterAll(() => emu.close());

  it('exits 1 and names the case, the expectation and what came back', async () => {
    const run = await gsc(['run', ...targetFlags(emu), '--out', tempDir(), '--grep', '^create/']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL  create/answers-201-with-a-job');
    expect(run.stdout).toMatch(/status must be 201/);
    expect(run.stdout).toMatch(/suites\/synchronization-jobs\/create\.yaml:\d+:\d+/);
    expect(run.stdout).toMatch(/^gsc: \d+ passed, [1-9]\d* failed/m);
  });

  it('deletes every job it created, even from the cases that failed', async () => {
    await gsc(['run', ...targetFlags(emu), '--out', tempDir()]);
    expect(emu.jobs()).toEqual([]);
  });
});

describe('gsc run --concurrency 16', () => {
  it('waits on many cases at once without a Node warning of a listener leak', async () => {
    const emu = await startEmulator({ behaviours: ['read-lag'] });
    const warnings: string[] = [];
    const record = (w: Error): void => void warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', record);
    try {
      const run = await gsc(['run', ...targetFlags(emu), '--out', tempDir(), '--reporter', 'json', '--concurrency', '16']);
      expect(run.code, run.stdout + run.stderr).toBe(0);
    } finally {
      process.off('warning', record);
      await emu.close();
    }
    expect(warnings).toEqual([]);
  });
});

describe('gsc run when the target cannot be tested', () => {
  it('stops with one clear message and exit 3 when nothing listens', async () => {
    const out = tempDir();
    const run = await gsc(['run', '--target', 'http://127.0.0.1:9/v1.0', '--token', 'T-123456', '--service-principal', 'sp', '--template', 't', '--out', out]);
    expect(run.code).toBe(3);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { verdict: string; conformant: boolean; aborted: { code: string } };
    expect(results).toMatchObject({ verdict: 'incomplete', conformant: false, aborted: { code: 'connect' } });
    expect(run.stderr).toMatch(/cannot test http:\/\/127\.0\.0\.1:9\/v1\.0: cannot connect to http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/);
    expect(run.stdout).not.toContain('FAIL');
  });

  it('stops with exit 3 when the credentials are rejected, naming the likely cause', async () => {
    const emu = await startEmulator();
    try {
      const run = await gsc(['run', ...targetFlags(emu), '--token', 'not-the-emulator-token', '--out', tempDir()]);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/rejected the run's credentials \(401 InvalidAuthenticationToken\)/);
      expect(run.stderr + run.stdout).not.toContain('not-the-emulator-token');
    } finally {
      await emu.close();
    }
  });
});

describe('bad input is reported before anything is sent', () => {
  it('points at file:line:col of a misspelt key and exits 2', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'suites'));
    const file = join(dir, 'suites', 'bad.yaml');
    writeFileSync(file, readFileSync('suites/synchronization-jobs/list.yaml', 'utf8').replace('        expect:', '        expct:'));
    const run = await gsc(['run', 'suites/bad.yaml', '--out', join(dir, 'reports')], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown key `expct`/);
    expect(run.stderr).toMatch(/--> suites\/bad\.yaml:\d+:\d+/);
    expect(run.stderr).toMatch(/did you mean `expect`/);
    expect(run.stderr).toMatch(/nothing was sent/);
    expect(existsSync(join(dir, 'reports'))).toBe(false);
  });

  it.each([
    [['run', '--taget', 'x'], /unknown flag --taget: did you mean --target\?/],
    [['run', '--level', 'must-ish'], /--level "must-ish" is not a level/],
    [['run', '--reporter', 'jsno'], /did you mean "json"/],
    [['run', '--target', 'graph.microsoft.com'], /is not a URL/],
    [['run', '--target', 'https://graph.microsoft.com/v1.0'], /needs credentials/],
    [['run', '--target', 'https://graph.microsoft.com/v1.0', '--token', 'T'], /which service principal\?/],
    [['run', '--grep', 'no-such-case'], /no case matches/],
    [['rnu'], /did you mean `gsc run`\?/],
    [['run', '--out', '/proc/gsc-no-such-folder'], /--out: cannot create the folder \/proc\/gsc-no-such-folder/],
    [['run', '--dry-run', '--max-rps', '0'], /--max-rps "0" must be a number above 0/],
    [['run', '--concurrency', '-3'], /--concurrency got a value starting with -: write it as --concurrency=VALUE/],
    [['run', '--timeout', '0s'], /--timeout must be above 0/],
    [['run', '--grep', '['], /--grep "\[" is not a valid regular expression/],
    [['list', '--grep', '['], /--grep "\[" is not a valid regular expression/],
  ])('gsc %j exits 2 and says %s', async (args, message) => {
    const run = await gsc(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
  it.each([['run'], ['list']])('gsc %s with GSC_GREP="[" exits 2 and names the variable', async (command) => {
    const run = await gsc([command], { env: { GSC_GREP: '[' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/GSC_GREP "\[" is not a valid regular expression/);
  });
});

describe('lint, list, help, dry run', () => {
  it('lints the shipped suites clean', async () => {
    const run = await gsc(['lint']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/no problems found/);
  });
  it('lists the cases a selection would run', async () => {
    const run = await gsc(['list', '--tags', 'auth']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('create/requires-authorization');
    expect(run.stdout).not.toContain('create/answers-201-with-a-job');
  });
  it('documents commands, flags with their environment variables, and exit codes', async () => {
    const run = await gsc(['--help']);
    expect(run.code).toBe(0);
    for (const text of ['--target URL', 'GSC_TARGET', 'GSC_SERVICE_PRINCIPAL_ID', '--level', '3  the target could not be tested', 'gsc cleanup']) expect(run.stdout).toContain(text);
  });
  it('prints the requests of a dry run, sends nothing, and guards writes to a remote target', async () => {
    const run = await gsc(['run', '--dry-run', '--target', 'https://graph.microsoft.com/v1.0', '--token', 'T', '--service-principal', 'SP', '--template', 'BoxOutDelta']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('POST https://graph.microsoft.com/v1.0/servicePrincipals/SP/synchronization/jobs {"templateId":"BoxOutDelta"}');
    expect(run.stdout).toMatch(/create\/answers-201-with-a-job {2}\(skipped: writes to a target that is not on this machine need --allow-writes\)/);
    expect(run.stdout).toMatch(/list\/answers-200-with-value\n/);
  });
});

describe('a create step with eventually', () => {
  it('is sent once, so a failing create cannot leave a trail of jobs', async () => {
    const emu = await startEmulator({ deviations: ['create-answers-200'] });
    const dir = tempDir();
    mkdirSync(join(dir, 'suites'));
    writeFileSync(join(dir, 'suites', 'create.yaml'), `$schema: ${join(process.cwd(), 'schemas', 'suite.schema.json')}
suite: local/create
title: Create, polled
doc: https://learn.microsoft.com/graph/api/synchronization-synchronization-post-jobs
cases:
  - id: local/create-polled
    title: A create written with eventually
    level: MUST
    steps:
      - name: create
        request:
          method: POST
          path: /servicePrincipals/{{servicePrincipalId}}/synchronization/jobs
          json: { templateId: "{{templateId}}" }
        expect: { status: 201 }
        capture: { jobId: /id }
        eventually: { timeout: 2s, interval: 100ms }
    cleanup:
      - name: delete-job
        request:
          method: DELETE
          path: /servicePrincipals/{{servicePrincipalId}}/synchronization/jobs/{{jobId}}
`);
    try {
      const run = await gsc(['run', 'suites/create.yaml', ...targetFlags(emu), '--out', join(dir, 'reports')], { cwd: dir });
      expect(run.code).toBe(1);
      const results = JSON.parse(readFileSync(join(dir, 'reports', 'results.json'), 'utf8')) as { cases: { steps: { name: string; attempts: number }[] }[] };
      expect(results.cases[0]!.steps[0]).toMatchObject({ name: 'create', attempts: 1 });
      expect(emu.jobs()).toEqual([]);
    } finally {
      await emu.close();
    }
  });
});

describe('which requests create', () => {
  it('follows specs/: only the create marks a request as creating, whatever its path looks like', async () => {
    const { loadSuites, loadOperations } = await import('../../src/load/index.js');
    const { operations } = await loadOperations(join(process.cwd(), 'specs'));
    const { suites } = await loadSuites({ paths: [join(process.cwd(), 'suites')], formatSchemaFile: join(process.cwd(), 'schemas', 'suite.schema.json'), runVariables: ['servicePrincipalId', 'templateId', 'runId', 'randomGuid'], operations });
    const creating = new Set(suites.flatMap((s) => s.cases).flatMap((c) => [...c.steps, ...c.cleanup]).filter((st) => st.request.creates).map((st) => `${st.request.method} ${st.request.path}`));
    expect([...creating].sort()).toEqual(['POST /servicePrincipals/{{randomGuid}}/synchronization/jobs', 'POST /servicePrincipals/{{servicePrincipalId}}/synchronization/jobs']);
  });
});
