import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import type { CaseResult } from '../../src/model/index.js';
import { gsc, targetFlags, tempDir, type CliRun } from './support.js';

const SCHEMA = join(process.cwd(), 'schemas', 'suite.schema.json');
const SHIPPED_FIXTURES = join(process.cwd(), 'suites', 'synchronization-jobs', 'fixtures.yaml');

/** An SDK team's own fixture file: a job of theirs, captured under their name, deleted after each case. */
const FIXTURE_FILE = `$schema: ${SCHEMA}
fixtures:
  myJob:
    description: A job for our SDK tests.
    steps:
      - name: create
        request:
          method: POST
          path: /servicePrincipals/{{servicePrincipalId}}/synchronization/jobs
          json: { templateId: "{{templateId}}" }
        expect: { status: 201 }
        capture: { myJobId: /id }
    cleanup:
      - name: delete
        request:
          method: DELETE
          path: /servicePrincipals/{{servicePrincipalId}}/synchronization/jobs/{{myJobId}}
        expect: { status: [204, 404] }
`;

const SUITE_FILE = `$schema: ${SCHEMA}
suite: sdk/jobs
title: Our SDK's view of jobs
doc: https://learn.microsoft.com/graph/api/synchronization-synchronizationjob-get?view=graph-rest-1.0
include: [fixtures.yaml, ${SHIPPED_FIXTURES}]
cases:
  - id: sdk/reads-its-job
    title: Our job reads back
    level: MUST
    uses: [myJob]
    steps:
      - name: get
        request:
          method: GET
          path: /servicePrincipals/{{servicePrincipalId}}/synchronization/jobs/{{myJobId}}
        expect:
          status: 200
          json:
            /id: { equals: "{{myJobId}}" }
  - id: sdk/expects-the-impossible
    title: A case that fails after its fixture made a job
    level: MUST
    uses: [myJob, newJob]
    steps:
      - name: get-as-teapot
        request:
          method: GET
          path: /servicePrincipals/{{servicePrincipalId}}/synchronization/jobs/{{jobId}}
        expect: { status: 418 }
`;

describe('a fixture a user defines in a fixture file of their own', () => {
  let emu: EmulatorHandle;
  let dir: string;
  let run: CliRun;
  let cases: CaseResult[];
  beforeAll(async () => {
    emu = await startEmulator();
    dir = tempDir('gsc-fixtures-');
    mkdirSync(join(dir, 'suites'));
    writeFileSync(join(dir, 'suites', 'fixtures.yaml'), FIXTURE_FILE);
    writeFileSync(join(dir, 'suites', 'jobs.yaml'), SUITE_FILE);
    run = await gsc(['run', 'suites', ...targetFlags(emu), '--out', join(dir, 'reports'), '--reporter', 'json,console'], { cwd: dir, env: { GSC_LEDGER: join(dir, 'ledger') } });
    cases = (JSON.parse(readFileSync(join(dir, 'reports', 'results.json'), 'utf8')) as { cases: CaseResult[] }).cases;
  });
  afterAll(async () => {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lints clean: the fixture file is read as fixtures, not as a suite', async () => {
    const lint = await gsc(['lint', 'suites'], { cwd: dir });
    expect(lint.stderr).toBe('');
    expect(lint.stdout).toMatch(/1 suite file\(s\), 2 case\(s\): no problems found/);
  });

  it('runs the fixture step first, names it in the result, and feeds its capture to the case', () => {
    const reads = cases.find((c) => c.id === 'sdk/reads-its-job');
    expect(reads?.status).toBe('passed');
    const [create, get, cleanup] = reads?.steps ?? [];
    expect(create).toMatchObject({ name: 'myJob › create', fixture: 'myJob', phase: 'main', status: 'passed' });
    expect(create?.span.file).toBe('suites/fixtures.yaml');
    const id = (create?.exchange?.response.json as { id: string }).id;
    expect(get?.exchange?.request.url).toMatch(new RegExp(`/jobs/${id.replace(/\./g, '\\.')}$`));
    expect(cleanup).toMatchObject({ name: 'myJob › delete', fixture: 'myJob', phase: 'cleanup', status: 'passed' });
    expect(cleanup?.exchange?.request).toMatchObject({ method: 'DELETE' });
  });

  it('cleans up after a failing case too, the last fixture used first', () => {
    const fails = cases.find((c) => c.id === 'sdk/expects-the-impossible');
    expect(fails?.status).toBe('failed');
    expect(fails?.steps.filter((s) => s.phase === 'cleanup').map((s) => [s.name, s.status])).toEqual([
      ['newJob › deleteJob › delete-job', 'passed'],
      ['myJob › delete', 'passed'],
    ]);
    expect(run.stdout).toMatch(/get-as-teapot/);
    expect(emu.jobs()).toEqual([]);
  });

  it('records the fixtures\u2019 creates in the ledger, and their deletes', () => {
    const ledger = readFileSync(join(dir, 'ledger'), 'utf8');
    expect(ledger).toMatch(/"created"/);
    expect(ledger).toMatch(/"deleted"/);
  });
});
