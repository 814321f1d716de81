import { DOCS, bodyOf, onSuccess } from './helpers.js';
import type { Deviation } from './types.js';

/** The docs' table types it String; the metadata says Edm.Boolean. */
export const templateDiscoverableString: Deviation = {
  name: 'template-discoverable-string',
  breaks: "A template's discoverable is a boolean",
  doc: DOCS.template,
  reply: onSuccess('listTemplates', (r) => {
    const body = bodyOf(r);
    const value = (body.value as Record<string, unknown>[]).map((t) => ({ ...t, discoverable: String(t.discoverable) }));
    return { ...r, json: { ...body, value } };
  }),
};
