import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** "The only required property is templateId"; this emulator creates a job without one. */
export const templateIdNotRequired: Deviation = {
  name: 'template-id-not-required',
  breaks: 'Create without templateId is refused with a 4xx',
  doc: DOCS.createJob,
  acceptCreate: 'missing',
};
