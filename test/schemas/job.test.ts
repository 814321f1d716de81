import { describe, expect, it } from 'vitest';
import { REMOVE, changed, compileApiSchemas, fixture } from './support.js';

const schemas = compileApiSchemas();
const JOB = 'synchronizationJob.schema.json';
const job = (value: unknown) => schemas.violations(JOB, value);

const created = fixture('create-example.json');
const running = fixture('running-job.json');
const documentedGet = fixture('get-example.json');

describe('synchronizationJob: what the real service sends passes', () => {
  it('accepts the create example from the docs as is', () => {
    expect(job(created)).toEqual([]);
  });

  it('accepts a running job with executions, progress, counts and settings', () => {
    expect(job(running)).toEqual([]);
  });

  it('accepts unknown properties anywhere (tolerant reader)', () => {
    const annotated = {
      '@odata.context': "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals('x')/synchronization/jobs/$entity",
      ...created,
      synchronizationJobSettings: [{ name: 'QuarantineTooManyDeletesThreshold', value: '500', '@odata.type': '#x' }],
      futureProperty: { anything: [1, 2] },
      schedule: { ...(created.schedule as object), '@odata.type': '#microsoft.graph.synchronizationSchedule' },
      status: { ...(created.status as object), somethingNew: true },
    };
    expect(job(annotated)).toEqual([]);
  });

  it('accepts a job that carries only its id, as under $select=id', () => {
    expect(job({ id: 'BoxOutDelta.1.2' })).toEqual([]);
  });

  it.each([
    ['/schedule/expiration', '2025-01-01T00:00:00Z'],
    ['/schedule/expiration', null],
    ['/status/troubleshootingUrl', ''],
    ['/status/troubleshootingUrl', 'https://aka.ms/provisioning'],
    ['/status/steadyStateFirstAchievedTime', '2019-11-08T15:48:05.7360238Z'],
    ['/status/progress', []],
    ['/synchronizationJobSettings', [{ name: 'Setting', value: null }]],
    ['/templateId', null],
    ['/status', null],
  ])('accepts %s = %j', (path, value) => {
    expect(job(changed(created, path, value))).toEqual([]);
  });

  it.each(['/status/progress', '/status/synchronizedEntryCountByType', '/status/troubleshootingUrl', '/status/quarantine', '/schedule/expiration', '/templateId'])(
    'accepts a job without %s (nullable or a collection)',
    (path) => {
      expect(job(changed(created, path, REMOVE))).toEqual([]);
    },
  );
});

describe('synchronizationJob: what breaks the contract is caught', () => {
  it.each([
    ['/schedule/state', 'Enabled', '/schedule/state', 'enum'],
    ['/schedule/state', null, '/schedule/state', 'enum'],
    ['/schedule/interval', '10675199.02:48:05.4775807', '/schedule/interval', 'pattern'],
    ['/schedule/interval', null, '/schedule/interval', 'type'],
    ['/schedule/expiration', 'tomorrow', '/schedule/expiration', 'format'],
    ['/status/code', 'Running', '/status/code', 'enum'],
    ['/status/countSuccessiveCompleteFailures', '0', '/status/countSuccessiveCompleteFailures', 'type'],
    ['/status/countSuccessiveCompleteFailures', 1.5, '/status/countSuccessiveCompleteFailures', 'type'],
    ['/status/escrowsPruned', 'false', '/status/escrowsPruned', 'type'],
    ['/status/steadyStateFirstAchievedTime', null, '/status/steadyStateFirstAchievedTime', 'type'],
    ['/status/steadyStateLastAchievedTime', '2024-02-08T12:07:31', '/status/steadyStateLastAchievedTime', 'format'],
    ['/status/lastExecution', 'never', '/status/lastExecution', 'type'],
    ['/status/synchronizedEntryCountByType', [{ key: 'user to User', value: '3' }], '/status/synchronizedEntryCountByType/0/value', 'type'],
    ['/status/progress', null, '/status/progress', 'type'],
    ['/synchronizationJobSettings', { name: 'QuarantineTooManyDeletesThreshold', value: '500' }, '/synchronizationJobSettings', 'type'],
    ['/synchronizationJobSettings', [{ value: '500' }], '/synchronizationJobSettings/0', 'required'],
    ['/templateId', 42, '/templateId', 'type'],
    ['/id', '', '/id', 'minLength'],
    ['/id', 7, '/id', 'type'],
  ])('rejects %s = %j (%s %s)', (path, value, at, keyword) => {
    expect(job(changed(created, path, value))).toContainEqual({ path: at, keyword });
  });

  it.each([
    ['/id', ''],
    ['/schedule/interval', '/schedule'],
    ['/schedule/state', '/schedule'],
    ['/status/code', '/status'],
    ['/status/countSuccessiveCompleteFailures', '/status'],
    ['/status/escrowsPruned', '/status'],
    ['/status/steadyStateFirstAchievedTime', '/status'],
  ])('rejects a job without %s (required where it stands)', (path, parent) => {
    expect(job(changed(created, path, REMOVE))).toContainEqual({ path: parent, keyword: 'required' });
  });

  it('rejects a body that is not an object', () => {
    expect(job([created])).toContainEqual({ path: '', keyword: 'type' });
  });
});

describe('synchronizationJob: executions, quarantine and progress', () => {
  it.each([
    ['/status/lastExecution/state', 'Success', 'enum'],
    ['/status/lastExecution/countExported', '0', 'type'],
    ['/status/lastExecution/timeEnded', null, 'type'],
    ['/status/lastSuccessfulExecution/error/tenantActionable', 'false', 'type'],
    ['/status/progress/0/completedUnits', 40.5, 'type'],
    ['/status/progress/0/progressObservationDateTime', 'now', 'format'],
  ])('rejects %s = %j', (path, value, keyword) => {
    expect(job(changed(running, path, value))).toContainEqual({ path, keyword });
  });

  it('requires every non-nullable count of a task execution', () => {
    const withoutCount = changed(running, '/status/lastExecution/countEscrowedRaw', REMOVE);
    expect(job(withoutCount)).toContainEqual({ path: '/status/lastExecution', keyword: 'required' });
  });

  it('rejects the get example of the docs exactly at its placeholder quarantine fields', () => {
    const paths = job(documentedGet)
      .filter((v) => v.keyword !== 'anyOf' && v.keyword !== 'type')
      .map((v) => `${v.path} ${v.keyword}`)
      .sort();
    expect(paths).toEqual([
      '/status/quarantine/currentBegan format',
      '/status/quarantine/nextAttempt format',
      '/status/quarantine/reason enum',
      '/status/quarantine/seriesBegan format',
    ]);
  });

  it('accepts the get example once its quarantine carries real values', () => {
    let fixed = changed(documentedGet, '/status/quarantine/currentBegan', '2024-02-08T12:07:31Z');
    fixed = changed(fixed, '/status/quarantine/nextAttempt', '2024-02-08T13:07:31Z');
    fixed = changed(fixed, '/status/quarantine/seriesBegan', '2024-02-01T00:00:00Z');
    fixed = changed(fixed, '/status/quarantine/reason', 'EncounteredQuarantineException');
    expect(job(fixed)).toEqual([]);
  });

  it.each(['Unknown', 'QuarantinedOnDemand', 'TooManyDeletes', 'IngestionInterrupted'])('accepts quarantine reason %s', (reason) => {
    const base = changed(documentedGet, '/status/quarantine', {
      currentBegan: '2024-02-08T12:07:31Z',
      nextAttempt: '2024-02-08T13:07:31Z',
      seriesBegan: '2024-02-01T00:00:00Z',
      seriesCount: 1,
      reason,
      error: null,
    });
    expect(job(base)).toEqual([]);
  });
});

describe('synchronizationSchedule.interval: ISO-8601 durations, .NET TimeSpan.MaxValue included', () => {
  const interval = (value: string) => schemas.violations('synchronizationSchedule.schema.json', { interval: value, state: 'Active' });

  it.each(['PT40M', 'P1M', 'PT1M', 'P1DT2H', 'PT0.5S', 'P10675199DT2H48M5.4775807S', 'P2W', '-PT1M12.6316819S'])('accepts %s', (value) => {
    expect(interval(value)).toEqual([]);
  });

  it.each(['10675199.02:48:05.4775807', 'P', 'PT', '40 minutes', 'P1DT', 'PT1.S', 'p1d', ''])('rejects %j', (value) => {
    expect(interval(value)).toEqual([{ path: '/interval', keyword: 'pattern' }]);
  });
});

describe('synchronizationJobCollection', () => {
  const list = (value: unknown) => schemas.violations('synchronizationJobCollection.schema.json', value);

  it('accepts an empty page and a page of jobs with OData annotations', () => {
    expect(list({ value: [] })).toEqual([]);
    expect(
      list({
        '@odata.context': "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals('x')/synchronization/jobs",
        '@odata.nextLink': 'https://graph.microsoft.com/v1.0/servicePrincipals/x/synchronization/jobs?$skiptoken=abc',
        '@odata.count': 2,
        value: [created, running],
      }),
    ).toEqual([]);
  });

  it('rejects a page without value, a value that is not an array, and a bad job inside', () => {
    expect(list({})).toContainEqual({ path: '', keyword: 'required' });
    expect(list({ value: created })).toContainEqual({ path: '/value', keyword: 'type' });
    expect(list({ value: [changed(created, '/schedule/state', 'Enabled')] })).toContainEqual({ path: '/value/0/schedule/state', keyword: 'enum' });
    expect(list({ value: [], '@odata.count': '2' })).toContainEqual({ path: '/@odata.count', keyword: 'type' });
  });
});
