import { DOCS, bodyOf, onSuccess } from './helpers.js';
import type { Deviation } from './types.js';

/** The docs' table types it String; this sends the GUID without its dashes. */
export const templateApplicationIdNotGuid: Deviation = {
  name: 'template-application-id-not-guid',
  breaks: "A template's applicationId is a GUID",
  doc: DOCS.template,
  reply: onSuccess('listTemplates', (r) => {
    const body = bodyOf(r);
    const value = (body.value as Record<string, unknown>[]).map((t) => ({ ...t, applicationId: String(t.applicationId).replace(/-/g, '') }));
    return { ...r, json: { ...body, value } };
  }),
};
