import { DOCS, bodiless, onSuccess } from './helpers.js';
import type { Deviation } from './types.js';

/** The result of the provisioning is dropped: 204 and no body. */
export const provisionOnDemand204: Deviation = {
  name: 'provision-on-demand-204',
  breaks: 'provisionOnDemand answers 200 with a stringKeyStringValuePair',
  doc: DOCS.provisionOnDemand,
  reply: onSuccess('provisionOnDemand', (r) => bodiless(r, 204)),
};
