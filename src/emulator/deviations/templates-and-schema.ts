import { DOCS, bodyOf, onSuccess, replaceWithError } from './helpers.js';
import type { Deviation } from './types.js';

/** Templates and a job's schema. */
export const TEMPLATES_AND_SCHEMA: readonly Deviation[] = [
  /** The docs' table types it String; the metadata says Edm.Boolean. */
  {
    name: 'template-discoverable-string', breaks: "A template's discoverable is a boolean", doc: DOCS.template,
    reply: onSuccess('listTemplates', (r) => {
      const body = bodyOf(r);
      const value = (body.value as Record<string, unknown>[]).map((t) => ({ ...t, discoverable: String(t.discoverable) }));
      return { ...r, json: { ...body, value } };
    }),
    mustFail: { probes: ['discoverableBoolean'], cases: ['templates/answers-200-with-templates'] },
  },
  /** The docs' table types it String; this sends the GUID without its dashes. */
  {
    name: 'template-application-id-not-guid', breaks: "A template's applicationId is a GUID", doc: DOCS.template,
    reply: onSuccess('listTemplates', (r) => {
      const body = bodyOf(r);
      const value = (body.value as Record<string, unknown>[]).map((t) => ({ ...t, applicationId: String(t.applicationId).replace(/-/g, '') }));
      return { ...r, json: { ...body, value } };
    }),
    mustFail: { probes: ['applicationIdGuid'], cases: ['templates/answers-200-with-templates'] },
  },
  /** The schema read fails on the server. */
  {
    name: 'schema-get-500', breaks: "GET a job's schema answers 200 with a synchronizationSchema", doc: DOCS.getSchema,
    reply: onSuccess('getJobSchema', (r, ctx) =>
      replaceWithError(r, ctx, 500, 'internal', 'InternalServerError', 'An internal server error occurred.'),
    ),
    mustFail: { probes: ['schemaGet200'], cases: ['schema/answers-200-with-a-schema'] },
  },
  /** The schema update echoes what it stored instead of No Content. */
  {
    name: 'schema-put-200', breaks: "PUT of a job's schema answers 204 with no body", doc: 'https://learn.microsoft.com/graph/api/synchronization-synchronizationschema-update?view=graph-rest-1.0',
    reply: onSuccess('putJobSchema', (r) => ({ ...r, status: 200, headers: { ...r.headers, 'content-type': 'application/json' }, json: { directories: [], synchronizationRules: [] } })),
    mustFail: { probes: ['schemaPut204'], cases: ['schema/put-of-its-own-schema-answers-204'] },
  },
];
