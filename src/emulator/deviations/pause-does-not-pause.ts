import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** pause answers 204 and changes nothing. */
export const pauseDoesNotPause: Deviation = {
  name: 'pause-does-not-pause',
  breaks: "pause makes the job's schedule and status Paused",
  doc: DOCS.pause,
  skipEffect: 'pause',
};
