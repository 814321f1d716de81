import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** A well-formed quarantine record on a job that never ran. */
export const quarantineNotNull: Deviation = {
  name: 'quarantine-not-null',
  breaks: "A new job's quarantine is null",
  doc: DOCS.createJob,
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
};
