import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** A null templateId names no template. */
export const templateIdNullAccepted: Deviation = {
  name: 'template-id-null-accepted',
  breaks: 'Create with templateId null is refused with a 4xx',
  doc: DOCS.createJob,
  acceptCreate: 'null',
};
