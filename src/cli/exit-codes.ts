/**
 * Exit codes, documented in `gsc --help` and the README. CI scripts branch on them, so they
 * never change meaning.
 */
export const EXIT = {
  /** Every case at the failing level passed. */
  conformant: 0,
  /** A case at the failing level failed: the target broke the contract. */
  nonConformant: 1,
  /** Bad invocation or invalid suite/config files: nothing was sent. */
  usage: 2,
  /** The target could not be tested: unreachable, credentials rejected, or cases in error. */
  untestable: 3,
  /** Interrupted by the user (SIGINT). */
  interrupted: 130,
} as const;

/** Raised for a mistake in the invocation; the message says what to do. Exits 2. */
export class UsageError extends Error {}
