import type { AuthProblem } from '../auth.js';
import type { Reply, RequestContext } from '../context.js';
import type { JobDoc } from '../job.js';

/** Why a create request's `templateId` is refused; a deviation may accept one kind. */
export type CreateProblem = 'missing' | 'null' | 'empty' | 'not-string' | 'unknown-template';

/** A state change an action makes; a deviation may skip one. */
export type ActionEffect = 'start' | 'pause';

/**
 * The places where a deviation may bend the emulator. Every field is optional; a deviation
 * sets the one (rarely two) it needs, so it breaks exactly one contract point.
 */
export interface DeviationHooks {
  /** Let requests with this credential problem through as if authenticated. */
  acceptAuth?: AuthProblem;
  /** Create the job anyway when `templateId` has this problem. */
  acceptCreate?: CreateProblem;
  /** A create refused for its `templateId` still stores a job (the answer stays an error). */
  leakRejectedCreates?: true;
  /** Any service principal id exists, with the templates of the first fixture one. */
  phantomServicePrincipals?: true;
  /** DELETE answers as usual but keeps the job. */
  keepOnDelete?: true;
  /** The action answers as usual but changes nothing. */
  skipEffect?: ActionEffect;
  /** restart refuses a resetScope naming more than one member. */
  rejectCombinedResetScope?: true;
  /** Bound actions spelled `microsoft.graph.<name>` are not routed (answer 404). */
  rejectQualifiedActions?: true;
  /** A read-only token may write (create, delete, act) like a full one. */
  readOnlyTokensWrite?: true;
  /** PUT secrets accepts keys that are not synchronizationSecret members. */
  acceptUnknownSecretKeys?: true;
  /** Changes a job as it is created (and stored, so later reads show it too). */
  newJob?(job: JobDoc): void;
  /** Picks the id of a new job instead of the generated one. */
  jobId?(generated: string, templateId: string): string;
  /** Rewrites an answer just before it is written (common headers already set). */
  reply?(reply: Reply, ctx: RequestContext): Reply;
}

/**
 * What must fail while a deviation is on, alone: the proof that the probes and the shipped suite
 * can see the contract point it breaks. The self-tests read these lists and nothing else.
 */
export interface MustFail {
  /**
   * Ids of the probes in `test/emulator/probes.ts` that fail. Exactly these fail and every other
   * probe holds: that is what "breaks one contract point" means.
   */
  probes: readonly [string, ...string[]];
  /**
   * Ids of shipped suite cases (`create/answers-201-with-a-job`) that fail. At least these fail;
   * cases that need the broken point as a precondition may fail too, and the kill matrix
   * report lists them.
   */
  cases: readonly [string, ...string[]];
}

/** A named, documented way for the emulator to break the contract on purpose. */
export interface Deviation extends DeviationHooks {
  /** Stable kebab-case name, as given to `--deviate`. */
  name: string;
  /** The contract point it breaks, one sentence, e.g. "Create answers 201 Created". */
  breaks: string;
  /** Where the contract point is documented. */
  doc?: string;
  /** The probes and suite cases that must fail while it is on. */
  mustFail: MustFail;
}
