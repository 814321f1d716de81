import { DOCS, bodyOf, onSuccess } from './helpers.js';
import type { Deviation } from './types.js';

/** Create: the answer to a valid create, and what a create must refuse. */
export const CREATE: readonly Deviation[] = [
  /** The docs' example shows `HTTP/1.1 200 OK` while the prose (and the real service) say 201. */
  {
    name: 'create-answers-200', breaks: 'Create answers 201 Created', doc: DOCS.createJob,
    reply: onSuccess('createJob', (r) => ({ ...r, status: 200 })),
    mustFail: { probes: ['createStatus201'], cases: ['create/answers-201-with-a-job'] },
  },
  /** A gateway or framework default that labels the JSON body as text. */
  {
    name: 'create-content-type-not-json', breaks: 'Create answers with a JSON Content-Type', doc: DOCS.createJob,
    reply: onSuccess('createJob', (r) => ({ ...r, headers: { ...r.headers, 'content-type': 'text/plain; charset=utf-8' } })),
    mustFail: { probes: ['createContentTypeJson'], cases: ['create/answers-201-with-a-job'] },
  },
  /** The answer drops `id`, so a client cannot address the job it created. */
  {
    name: 'created-job-id-missing', breaks: 'A created job carries a non-empty string id', doc: DOCS.createJob,
    reply: onSuccess('createJob', (r) => {
      const { id: _id, ...body } = bodyOf(r);
      return { ...r, json: body };
    }),
    mustFail: { probes: ['createdIdNonEmpty'], cases: ['create/answers-201-with-a-job'] },
  },
  /** The answer has `"id": ""`. */
  {
    name: 'created-job-id-empty', breaks: 'A created job carries a non-empty string id', doc: DOCS.createJob,
    reply: onSuccess('createJob', (r) => ({ ...r, json: { ...bodyOf(r), id: '' } })),
    mustFail: { probes: ['createdIdNonEmpty'], cases: ['create/answers-201-with-a-job'] },
  },
  /** The job is stored (and so read back) with another template id. */
  {
    name: 'created-job-wrong-template-id', breaks: 'A created job echoes the templateId it was created from', doc: DOCS.createJob,
    newJob: (job) => {
      job.templateId = `${job.templateId ?? ''}Legacy`;
    },
    mustFail: { probes: ['createdEchoesTemplate'], cases: ['create/answers-201-with-a-job'] },
  },
  /** "The only required property is templateId"; this emulator creates a job without one. */
  {
    name: 'template-id-not-required', breaks: 'Create without templateId is refused with a 4xx', doc: DOCS.createJob,
    acceptCreate: 'missing',
    mustFail: { probes: ['missingTemplateRefused'], cases: ['create/requires-template-id'] },
  },
  /** A null templateId names no template. */
  {
    name: 'template-id-null-accepted', breaks: 'Create with templateId null is refused with a 4xx', doc: DOCS.createJob,
    acceptCreate: 'null',
    mustFail: { probes: ['nullTemplateRefused'], cases: ['create/rejects-null-template-id'] },
  },
  /** An empty templateId names no template. */
  {
    name: 'template-id-empty-accepted', breaks: 'Create with an empty templateId is refused with a 4xx', doc: DOCS.createJob,
    acceptCreate: 'empty',
    mustFail: { probes: ['emptyTemplateRefused'], cases: ['create/rejects-empty-template-id'] },
  },
  /** templateId is an Edm.String; a number or object is coerced instead of refused. */
  {
    name: 'template-id-non-string-accepted', breaks: 'Create with a non-string templateId is refused with a 4xx', doc: DOCS.createJob,
    acceptCreate: 'not-string',
    mustFail: { probes: ['nonStringTemplateRefused'], cases: ['create/rejects-non-string-template-id'] },
  },
  /** templateId "must match one of the templates created for this application/service principal". */
  {
    name: 'unknown-template-accepted', breaks: 'Create with a templateId the service principal has no template for is refused with a 4xx',
    doc: DOCS.createJob,
    acceptCreate: 'unknown-template',
    mustFail: { probes: ['unknownTemplateRefused'], cases: ['create/rejects-unknown-template-id'] },
  },
  /** The error is answered after the job was already stored. */
  {
    name: 'rejected-create-leaks-job', breaks: 'A refused create creates nothing', doc: DOCS.createJob,
    leakRejectedCreates: true,
    mustFail: { probes: ['refusedCreateCreatesNothing'], cases: ['create/rejects-unknown-template-id'] },
  },
  /** The parser exception escapes as a server error. */
  {
    name: 'malformed-json-500', breaks: 'A malformed JSON body answers 400', doc: DOCS.errors,
    reply: (r) => (r.problem === 'malformed-json' ? { ...r, status: 500 } : r),
    mustFail: { probes: ['malformedJson400'], cases: ['create/rejects-malformed-json'] },
  },
  /** Any service principal id exists (with the templates of the first one), so create answers 201. */
  {
    name: 'unknown-service-principal-accepted', breaks: 'A request naming an unknown service principal answers 404', doc: DOCS.createJob,
    phantomServicePrincipals: true,
    mustFail: { probes: ['unknownSp404'], cases: ['create/rejects-unknown-service-principal'] },
  },
  /** Ids derived from the template and service principal only: a second create replaces the first. */
  {
    name: 'duplicate-job-ids', breaks: 'Every created job gets its own id', doc: DOCS.createJob,
    jobId: (generated) => generated.replace(/[0-9a-f]{32}$/, '0'.repeat(32)),
    mustFail: { probes: ['distinctIds'], cases: ['create/second-job-of-a-template-has-a-new-id-or-is-refused'] },
  },
];
