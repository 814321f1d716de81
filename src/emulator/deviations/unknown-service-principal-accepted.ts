import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** Any service principal id exists (with the templates of the first one), so create answers 201. */
export const unknownServicePrincipalAccepted: Deviation = {
  name: 'unknown-service-principal-accepted',
  breaks: 'A request naming an unknown service principal answers 404',
  doc: DOCS.createJob,
  phantomServicePrincipals: true,
};
