import { sampleExecution } from '../job.js';
import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** Job state: the schedule and status of a job that was just created and never ran. */
export const JOB_STATE: readonly Deviation[] = [
  /** Jobs are created disabled; starting them is a separate call. */
  {
    name: 'new-job-schedule-active', breaks: "A new job's schedule is Disabled", doc: DOCS.createJob,
    newJob: (job) => {
      job.schedule.state = 'Active';
    },
    mustFail: { probes: ['newScheduleDisabled'], cases: ['create/new-job-schedule-is-disabled'] },
  },
  /** A .NET TimeSpan written with its own ToString() (`10675199.02:48:05.4775807`) instead of as Edm.Duration. */
  {
    name: 'interval-not-iso8601', breaks: 'schedule.interval is an ISO-8601 duration', doc: DOCS.schedule,
    newJob: (job) => {
      job.schedule.interval = '10675199.02:48:05.4775807';
    },
    mustFail: { probes: ['intervalIso'], cases: ['create/new-job-schedule-is-disabled'] },
  },
  /** DateTime.MaxValue where the docs' example has null. */
  {
    name: 'expiration-not-null', breaks: "A new job's schedule.expiration is null", doc: DOCS.createJob,
    newJob: (job) => {
      job.schedule.expiration = '9999-12-31T23:59:59.9999999Z';
    },
    mustFail: { probes: ['expirationNull'], cases: ['create/new-job-schedule-is-disabled'] },
  },
  /** NotRun means configured and possibly started; a new job is neither. */
  {
    name: 'new-job-status-not-run', breaks: "A new job's status code is NotConfigured (or Paused, for some templates)", doc: DOCS.status,
    newJob: (job) => {
      job.status.code = 'NotRun';
    },
    mustFail: { probes: ['statusNotConfigured'], cases: ['create/new-job-status-never-ran', 'create/new-job-status-not-configured'] },
  },
  /** A job that never ran cannot have failed. */
  {
    name: 'successive-failures-one', breaks: "A new job's countSuccessiveCompleteFailures is 0", doc: DOCS.createJob,
    newJob: (job) => {
      job.status.countSuccessiveCompleteFailures = 1;
    },
    mustFail: { probes: ['failuresZero'], cases: ['create/new-job-status-never-ran'] },
  },
  /** Escrows are pruned only during an initial synchronization, which a new job has not had. */
  {
    name: 'escrows-pruned-true', breaks: "A new job's escrowsPruned is false", doc: DOCS.createJob,
    newJob: (job) => {
      job.status.escrowsPruned = true;
    },
    mustFail: { probes: ['escrowsFalse'], cases: ['create/new-job-status-never-ran'] },
  },
  /** A job that never ran has synchronized nothing. */
  {
    name: 'entry-counts-not-empty', breaks: "A new job's synchronizedEntryCountByType is empty", doc: DOCS.createJob,
    newJob: (job) => {
      job.status.synchronizedEntryCountByType = [{ key: 'User', value: 3 }];
    },
    mustFail: { probes: ['entryCountsEmpty'], cases: ['create/new-job-status-never-ran'] },
  },
  /** A well-formed execution record on a job that never ran. */
  {
    name: 'last-execution-not-null', breaks: "A new job's lastExecution is null", doc: DOCS.createJob,
    newJob: (job) => {
      job.status.lastExecution = sampleExecution();
    },
    mustFail: { probes: ['lastExecutionNull'], cases: ['create/new-job-status-never-ran'] },
  },
  /** A well-formed execution record on a job that never ran. */
  {
    name: 'last-successful-execution-not-null', breaks: "A new job's lastSuccessfulExecution is null", doc: DOCS.createJob,
    newJob: (job) => {
      job.status.lastSuccessfulExecution = sampleExecution();
    },
    mustFail: { probes: ['lastSuccessfulNull'], cases: ['create/new-job-status-never-ran'] },
  },
  /** A well-formed execution record on a job that never ran. */
  {
    name: 'last-successful-execution-with-exports-not-null', breaks: "A new job's lastSuccessfulExecutionWithExports is null", doc: DOCS.createJob,
    newJob: (job) => {
      job.status.lastSuccessfulExecutionWithExports = sampleExecution();
    },
    mustFail: { probes: ['lastSuccessfulWithExportsNull'], cases: ['create/new-job-status-never-ran'] },
  },
  /** A well-formed quarantine record on a job that never ran. */
  {
    name: 'quarantine-not-null', breaks: "A new job's quarantine is null", doc: DOCS.createJob,
    newJob: (job) => {
      job.status.quarantine = {
        currentBegan: '2024-02-08T12:00:00Z',
        nextAttempt: '2024-02-08T13:00:00Z',
        reason: 'EncounteredQuarantineException',
        seriesBegan: '2024-02-08T12:00:00Z',
        seriesCount: 1,
        error: null,
      };
    },
    mustFail: { probes: ['quarantineNull'], cases: ['create/new-job-status-never-ran'] },
  },
  /** DateTime.MinValue in the .NET invariant culture's format instead of ISO 8601. */
  {
    name: 'steady-state-not-date-time', breaks: 'steadyStateFirstAchievedTime and steadyStateLastAchievedTime are date-times', doc: DOCS.status,
    newJob: (job) => {
      job.status.steadyStateFirstAchievedTime = '1/1/0001 12:00:00 AM';
      job.status.steadyStateLastAchievedTime = '1/1/0001 12:00:00 AM';
    },
    mustFail: { probes: ['steadyStateDateTimes'], cases: ['create/new-job-status-never-ran', 'create/new-job-steady-state-never-and-no-troubleshooting-url'] },
  },
  /** A job that never ran reports progress it cannot have made. */
  {
    name: 'new-job-progress-not-empty', breaks: "A new job's progress is empty or absent", doc: DOCS.status,
    newJob: (job) => {
      job.status.progress = [{ completedUnits: 0, totalUnits: 10, units: 'Objects', progressObservationDateTime: '2024-02-08T12:00:00Z' }];
    },
    mustFail: { probes: ['progressEmpty'], cases: ['create/new-job-progress-empty-or-absent'] },
  },
];
