import { DOCS, onSuccess, replaceWithError } from './helpers.js';
import type { Deviation } from './types.js';

/** The schema read fails on the server. */
export const schemaGet500: Deviation = {
  name: 'schema-get-500',
  breaks: "GET a job's schema answers 200 with a synchronizationSchema",
  doc: DOCS.getSchema,
  reply: onSuccess('getJobSchema', (r, ctx) =>
    replaceWithError(r, ctx, 500, 'internal', 'InternalServerError', 'An internal server error occurred.'),
  ),
};
