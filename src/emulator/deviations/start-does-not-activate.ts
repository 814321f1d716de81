import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** start answers 204 and changes nothing. */
export const startDoesNotActivate: Deviation = {
  name: 'start-does-not-activate',
  breaks: "start makes the job's schedule Active",
  doc: DOCS.start,
  skipEffect: 'start',
};
