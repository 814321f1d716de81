import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** The parser exception escapes as a server error. */
export const malformedJson500: Deviation = {
  name: 'malformed-json-500',
  breaks: 'A malformed JSON body answers 400',
  doc: DOCS.errors,
  reply: (r) => (r.problem === 'malformed-json' ? { ...r, status: 500 } : r),
};
