import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** resetScope parsed as a plain enum: one member works, the documented combination is refused. */
export const restartRejectsFlags: Deviation = {
  name: 'restart-rejects-flags',
  breaks: 'restart accepts a comma-separated flags resetScope such as "Watermark, Escrows, QuarantineState"',
  doc: DOCS.restartCriteria,
  rejectCombinedResetScope: true,
};
