import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** templateId "must match one of the templates created for this application/service principal". */
export const unknownTemplateAccepted: Deviation = {
  name: 'unknown-template-accepted',
  breaks: 'Create with a templateId the service principal has no template for is refused with a 4xx',
  doc: DOCS.createJob,
  acceptCreate: 'unknown-template',
};
