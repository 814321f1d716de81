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
  /** An unexpected error inside gsc: a bug to report (GSC_DEBUG=1 shows the stack). */
  internal: 4,
  /** Interrupted by the user (SIGINT). */
  interrupted: 130,
} as const;

/**
 * A mistake in the options or the invocation; the message says what to do, exactly as `gsc`
 * prints it. `run()` rejects with it instead of exiting; the CLI exits with {@link exitCode}.
 */
export class GscUsageError extends Error {
  /** Stable, for `catch` blocks that branch on it. */
  readonly code: 'usage' | 'suite' = 'usage';
  /** What `gsc` exits with for this error. */
  readonly exitCode: number = EXIT.usage;
  constructor(message: string) {
    super(message);
    this.name = 'GscUsageError';
  }
}

/** The CLI's name for {@link GscUsageError}. */
export const UsageError = GscUsageError;
/** The CLI's name for {@link GscUsageError}. */
export type UsageError = GscUsageError;
