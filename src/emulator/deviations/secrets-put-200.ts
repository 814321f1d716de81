import { JSON_CONTENT_TYPE } from '../reply.js';
import { DOCS, onSuccess } from './helpers.js';
import type { Deviation } from './types.js';

/** The OpenAPI declares a `{value}` body for this PUT; answering one (with 200) follows it instead of the docs. */
export const secretsPut200: Deviation = {
  name: 'secrets-put-200',
  breaks: 'PUT secrets answers 204 with an empty body',
  doc: DOCS.secrets,
  reply: onSuccess('putSecrets', (r, ctx) => ({
    ...r,
    status: 200,
    headers: { ...r.headers, 'content-type': JSON_CONTENT_TYPE, 'odata-version': '4.0' },
    json: { '@odata.context': `${ctx.base}/$metadata#servicePrincipals('${ctx.params.sp ?? ''}')/synchronization/secrets`, value: [] },
  })),
};
