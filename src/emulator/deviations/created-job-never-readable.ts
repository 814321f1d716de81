import { DOCS, onSuccess, replaceWithError } from './helpers.js';
import type { Deviation } from './types.js';

/** GET answers 404 for every job, forever; polling never ends. */
export const createdJobNeverReadable: Deviation = {
  name: 'created-job-never-readable',
  breaks: 'A created job can be read back with GET (eventually)',
  doc: DOCS.getJob,
  reply: onSuccess('getJob', (r, ctx) =>
    replaceWithError(r, ctx, 404, 'not-found', 'NotFound', `The synchronization job '${ctx.params.jobId ?? ''}' does not exist.`),
  ),
};
