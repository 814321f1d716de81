import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** The job is stored (and so read back) with another template id. */
export const createdJobWrongTemplateId: Deviation = {
  name: 'created-job-wrong-template-id',
  breaks: 'A created job echoes the templateId it was created from',
  doc: DOCS.createJob,
  newJob: (job) => {
    job.templateId = `${job.templateId ?? ''}Legacy`;
  },
};
