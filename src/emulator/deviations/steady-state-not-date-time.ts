import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** DateTime.MinValue in the .NET invariant culture's format instead of ISO 8601. */
export const steadyStateNotDateTime: Deviation = {
  name: 'steady-state-not-date-time',
  breaks: 'steadyStateFirstAchievedTime and steadyStateLastAchievedTime are date-times',
  doc: DOCS.status,
  newJob: (job) => {
    job.status.steadyStateFirstAchievedTime = '1/1/0001 12:00:00 AM';
    job.status.steadyStateLastAchievedTime = '1/1/0001 12:00:00 AM';
  },
};
