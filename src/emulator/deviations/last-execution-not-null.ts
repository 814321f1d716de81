import { sampleExecution } from '../job.js';
import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** A well-formed execution record on a job that never ran. */
export const lastExecutionNotNull: Deviation = {
  name: 'last-execution-not-null',
  breaks: "A new job's lastExecution is null",
  doc: DOCS.createJob,
  newJob: (job) => {
    job.status.lastExecution = sampleExecution();
  },
};
