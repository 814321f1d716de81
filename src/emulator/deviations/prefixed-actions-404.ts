import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** Only the short spelling is routed. */
export const prefixedActions404: Deviation = {
  name: 'prefixed-actions-404',
  breaks: 'Bound actions also answer when spelled microsoft.graph.<action> (as the PowerShell SDK calls them)',
  doc: DOCS.start,
  rejectQualifiedActions: true,
};
