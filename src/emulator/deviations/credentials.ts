import { JSON_CONTENT_TYPE } from '../reply.js';
import { DOCS, onSuccess } from './helpers.js';
import type { Deviation } from './types.js';

/** Secrets and credentials: saving synchronization secrets and validating them. */
export const CREDENTIALS: readonly Deviation[] = [
  /** Any key is stored, so a misspelt BaseAddress is silently ignored later. */
  {
    name: 'secret-key-unchecked', breaks: 'PUT secrets refuses keys that are not synchronizationSecret members', doc: DOCS.secrets,
    acceptUnknownSecretKeys: true,
    mustFail: { probes: ['secretKeyChecked'], cases: ['secrets/rejects-unknown-key'] },
  },
  /** The OpenAPI declares a `{value}` body for this PUT; answering one (with 200) follows it instead of the docs. */
  {
    name: 'secrets-put-200', breaks: 'PUT secrets answers 204 with an empty body', doc: DOCS.secrets,
    reply: onSuccess('putSecrets', (r, ctx) => ({
      ...r,
      status: 200,
      headers: { ...r.headers, 'content-type': JSON_CONTENT_TYPE, 'odata-version': '4.0' },
      json: { '@odata.context': `${ctx.base}/$metadata#servicePrincipals('${ctx.params.sp ?? ''}')/synchronization/secrets`, value: [] },
    })),
    mustFail: { probes: ['secretsPut204'], cases: ['secrets/put-answers-204'] },
  },
  /** A 200 with no body where the docs say 204. */
  {
    name: 'validate-credentials-200', breaks: 'validateCredentials answers 204', doc: DOCS.validateCredentials,
    reply: onSuccess('validateCredentials', (r) => ({ ...r, status: 200 })),
    mustFail: { probes: ['validateCredentials204'], cases: ['validate-credentials/answers-204', 'validate-credentials/refusal-is-a-graph-error'] },
  },
];
