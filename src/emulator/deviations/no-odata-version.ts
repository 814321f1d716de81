import { DOCS, without } from './helpers.js';
import type { Deviation } from './types.js';

/** A plain JSON API behind the Graph URL. */
export const noOdataVersion: Deviation = {
  name: 'no-odata-version',
  breaks: 'JSON answers carry OData-Version: 4.0',
  doc: DOCS.headers,
  reply: (r) => ({ ...r, headers: without(r.headers, 'odata-version') }),
};
