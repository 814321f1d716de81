import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** A .NET TimeSpan written with its own ToString() (`10675199.02:48:05.4775807`) instead of as Edm.Duration. */
export const intervalNotIso8601: Deviation = {
  name: 'interval-not-iso8601',
  breaks: 'schedule.interval is an ISO-8601 duration',
  doc: DOCS.schedule,
  newJob: (job) => {
    job.schedule.interval = '10675199.02:48:05.4775807';
  },
};
