import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** An empty templateId names no template. */
export const templateIdEmptyAccepted: Deviation = {
  name: 'template-id-empty-accepted',
  breaks: 'Create with an empty templateId is refused with a 4xx',
  doc: DOCS.createJob,
  acceptCreate: 'empty',
};
