import { JSON_CONTENT_TYPE } from '../reply.js';
import { DOCS, bodiless, bodyOf, onSuccess, replaceWithError } from './helpers.js';
import type { Deviation } from './types.js';

/** Reading, listing and deleting jobs. */
export const READ_LIST_DELETE: readonly Deviation[] = [
  /** GET answers 404 for every job, forever; polling never ends. */
  {
    name: 'created-job-never-readable', breaks: 'A created job can be read back with GET (eventually)', doc: DOCS.getJob,
    reply: onSuccess('getJob', (r, ctx) =>
      replaceWithError(r, ctx, 404, 'not-found', 'NotFound', `The synchronization job '${ctx.params.jobId ?? ''}' does not exist.`),
    ),
    mustFail: { probes: ['createdReadable'], cases: ['create/job-readable-by-id'] },
  },
  /** The answer carries another id, as a cache keyed on the wrong thing would. */
  {
    name: 'get-returns-other-id', breaks: 'GET answers the job that was asked for (same id)', doc: DOCS.getJob,
    reply: onSuccess('getJob', (r) => {
      const body = bodyOf(r);
      return { ...r, json: { ...body, id: String(body.id).replace(/[0-9a-f]{32}$/, 'f'.repeat(32)) } };
    }),
    mustFail: { probes: ['getSameId'], cases: ['get/answers-200-with-the-job'] },
  },
  /** The collection answers an empty `value` whatever exists. */
  {
    name: 'list-omits-jobs', breaks: 'List returns the jobs that exist', doc: DOCS.listJobs,
    reply: onSuccess('listJobs', (r) => ({ ...r, json: { ...bodyOf(r), value: [] } })),
    mustFail: { probes: ['listContainsCreated'], cases: ['create/job-appears-in-list'] },
  },
  /** A bare JSON array, as many non-OData APIs answer. */
  {
    name: 'list-not-wrapped', breaks: 'List answers an object with a `value` array', doc: DOCS.listJobs,
    reply: onSuccess('listJobs', (r) => ({ ...r, json: bodyOf(r).value })),
    mustFail: { probes: ['listWrapped'], cases: ['list/answers-200-with-value'] },
  },
  /** DELETE answers 204 but keeps the job. */
  {
    name: 'delete-keeps-job', breaks: 'A deleted job is gone (GET eventually answers 404)', doc: DOCS.deleteJob,
    keepOnDelete: true,
    mustFail: { probes: ['deleteRemoves'], cases: ['create/deleted-job-reads-404', 'delete/answers-204-then-gone'] },
  },
  /** A 200 echoing what was deleted, as some REST frameworks do. */
  {
    name: 'delete-answers-200', breaks: 'Delete answers 204 with an empty body', doc: DOCS.deleteJob,
    reply: onSuccess('deleteJob', (r, ctx) => ({
      ...r,
      status: 200,
      headers: { ...r.headers, 'content-type': JSON_CONTENT_TYPE, 'odata-version': '4.0' },
      json: { id: ctx.params.jobId ?? '' },
    })),
    mustFail: { probes: ['deleteStatus204Empty'], cases: ['delete/answers-204-then-gone'] },
  },
  /** Deletes are made idempotent, so a typo in the id goes unnoticed. */
  {
    name: 'delete-unknown-answers-204', breaks: 'Deleting a job that does not exist answers 404', doc: DOCS.deleteJob,
    reply: (r, ctx) => (ctx.operation === 'deleteJob' && r.problem === 'not-found' ? bodiless(r, 204) : r),
    mustFail: { probes: ['deleteUnknown404'], cases: ['delete/deleting-twice-answers-404'] },
  },
];
