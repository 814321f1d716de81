import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** templateId is an Edm.String; a number or object is coerced instead of refused. */
export const templateIdNonStringAccepted: Deviation = {
  name: 'template-id-non-string-accepted',
  breaks: 'Create with a non-string templateId is refused with a 4xx',
  doc: DOCS.createJob,
  acceptCreate: 'not-string',
};
