/** A synchronizationTaskExecution; only deviations put one on a new job. */
export interface TaskExecution {
  activityIdentifier: string | null;
  countEntitled: number;
  countEntitledForProvisioning: number;
  countEscrowed: number;
  countEscrowedRaw: number;
  countExported: number;
  countExports: number;
  countImported: number;
  countImportedDeltas: number;
  countImportedReferenceDeltas: number;
  error: { code: string | null; message: string | null; tenantActionable: boolean } | null;
  state: 'Succeeded' | 'Failed' | 'EntryLevelErrors';
  timeBegan: string;
  timeEnded: string;
}

/** A synchronizationQuarantine. */
export interface Quarantine {
  currentBegan: string;
  nextAttempt: string;
  reason: string;
  seriesBegan: string;
  seriesCount: number;
  error: { code: string | null; message: string | null; tenantActionable: boolean } | null;
}

/** A synchronizationJob as stored and served (without `@odata.context`). */
export interface JobDoc {
  id: string;
  templateId: string | null;
  schedule: { expiration: string | null; interval: string; state: 'Active' | 'Disabled' | 'Paused' };
  status: {
    countSuccessiveCompleteFailures: number;
    escrowsPruned: boolean;
    synchronizedEntryCountByType: { key: string | null; value: number }[];
    code: 'NotConfigured' | 'NotRun' | 'Active' | 'Paused' | 'Quarantine';
    lastExecution: TaskExecution | null;
    lastSuccessfulExecution: TaskExecution | null;
    lastSuccessfulExecutionWithExports: TaskExecution | null;
    steadyStateFirstAchievedTime: string;
    steadyStateLastAchievedTime: string;
    quarantine: Quarantine | null;
    troubleshootingUrl: string | null;
    /** Absent on the create page's new job; [] on the Entra examples' (template-starts-paused). */
    progress?: unknown[];
  };
  synchronizationJobSettings: { name: string; value: string | null }[];
}

/** .NET `TimeSpan.MaxValue` as ISO-8601: the interval of a job that has never been scheduled. */
export const NEVER_INTERVAL = 'P10675199DT2H48M5.4775807S';
/** .NET `DateTime.MinValue`: what Graph sends for a non-nullable time that never happened. */
export const MIN_TIME = '0001-01-01T00:00:00Z';
/** The interval a started job runs at (Entra provisioning cycles every 40 minutes). */
export const RUNNING_INTERVAL = 'PT40M';

/** A new job exactly as the create example shows it: disabled, never run. */
export function newJobDoc(id: string, templateId: string | null, settings: JobDoc['synchronizationJobSettings']): JobDoc {
  return {
    id,
    templateId,
    schedule: { expiration: null, interval: NEVER_INTERVAL, state: 'Disabled' },
    status: {
      countSuccessiveCompleteFailures: 0,
      escrowsPruned: false,
      synchronizedEntryCountByType: [],
      code: 'NotConfigured',
      lastExecution: null,
      lastSuccessfulExecution: null,
      lastSuccessfulExecutionWithExports: null,
      steadyStateFirstAchievedTime: MIN_TIME,
      steadyStateLastAchievedTime: MIN_TIME,
      quarantine: null,
      troubleshootingUrl: null,
    },
    synchronizationJobSettings: settings,
  };
}

/** A plausible finished run, for deviations that must put one where null belongs. */
export function sampleExecution(): TaskExecution {
  return {
    activityIdentifier: 'a1b2c3d4-0000-4000-8000-000000000001',
    countEntitled: 1,
    countEntitledForProvisioning: 1,
    countEscrowed: 0,
    countEscrowedRaw: 0,
    countExported: 1,
    countExports: 1,
    countImported: 1,
    countImportedDeltas: 0,
    countImportedReferenceDeltas: 0,
    error: null,
    state: 'Succeeded',
    timeBegan: '2024-02-08T12:00:00Z',
    timeEnded: '2024-02-08T12:00:05Z',
  };
}
