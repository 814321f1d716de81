import { sampleExecution } from '../job.js';
import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** A well-formed execution record on a job that never ran. */
export const lastSuccessfulExecutionWithExportsNotNull: Deviation = {
  name: 'last-successful-execution-with-exports-not-null',
  breaks: "A new job's lastSuccessfulExecutionWithExports is null",
  doc: DOCS.createJob,
  newJob: (job) => {
    job.status.lastSuccessfulExecutionWithExports = sampleExecution();
  },
};
