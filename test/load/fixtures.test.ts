import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/model/index.js';
import { FIXTURES, lint } from './helpers.js';

const DIR = join(FIXTURES, 'with-fixtures');
const SUITE = 'test/fixtures/suites/with-fixtures/start.yaml';
const SHARED = 'test/fixtures/suites/with-fixtures/jobs.yaml';

describe('a suite that uses fixtures, its own and those of a file it includes', () => {
  let started: Case | undefined;
  let twoJobs: Case | undefined;
  let suiteIds: string[] = [];
  let diagnostics: unknown[] = [];
  beforeAll(async () => {
    const result = await lint(DIR);
    diagnostics = result.diagnostics;
    suiteIds = result.suites.map((s) => s.id);
    [started, twoJobs] = result.suites[0]?.cases ?? [];
  });

  it('loads without a problem; the fixture file is no suite of its own', () => {
    expect(diagnostics).toEqual([]);
    expect(suiteIds).toEqual(['synchronization-jobs/start']);
  });

  it('runs the fixtures first, innermost first, each step named after the fixtures it came through', () => {
    expect(started?.steps.map((s) => [s.name, s.fixture?.name])).toEqual([
      ['startedJob › newJob › create', 'startedJob'],
      ['startedJob › start', 'startedJob'],
      ['get', undefined],
    ]);
    expect(started?.cleanup.map((s) => s.name)).toEqual(['startedJob › newJob › deleteJob › delete-job']);
  });

  it('keeps each step where it is written, and the use where the case names it', () => {
    const [create, start] = started?.steps ?? [];
    expect(create?.span).toMatchObject({ file: SHARED, line: 13 });
    expect(start?.span).toMatchObject({ file: SUITE, line: 10 });
    expect(create?.fixture?.use).toMatchObject({ file: SUITE, line: 17, col: 12 });
  });

  it('marks a fixture create as creating, and the case as writing', () => {
    expect(started?.steps[0]?.request.creates).toBe(true);
    expect(started?.writes).toBe(true);
  });

  it('renames a fixture variable where it is used, and runs cleanups in reverse order of use after the case own', () => {
    expect(twoJobs?.steps.map((s) => s.name)).toEqual(['newJob › create', 'create-other']);
    expect(twoJobs?.cleanup.map((s) => [s.name, s.request.path])).toEqual([
      ['own-cleanup', '/servicePrincipals/{{servicePrincipalId}}/synchronization/jobs'],
      ['deleteJob › delete-job', '/servicePrincipals/{{servicePrincipalId}}/synchronization/jobs/{{otherJobId}}'],
      ['newJob › deleteJob › delete-job', '/servicePrincipals/{{servicePrincipalId}}/synchronization/jobs/{{jobId}}'],
    ]);
    expect(twoJobs?.steps[0]?.captures.map((c) => c.name)).toEqual(['jobId']);
  });
});
