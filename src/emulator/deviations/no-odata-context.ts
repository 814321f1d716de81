import { DOCS, bodyOf } from './helpers.js';
import type { Deviation } from './types.js';

/** Bodies without OData control information. */
export const noOdataContext: Deviation = {
  name: 'no-odata-context',
  breaks: 'Entity and collection bodies carry @odata.context',
  doc: DOCS.odata,
  reply: (r) => {
    if (r.status >= 300 || r.json === null || typeof r.json !== 'object' || Array.isArray(r.json)) return r;
    const { '@odata.context': _context, ...body } = bodyOf(r);
    return { ...r, json: body };
  },
};
