import type { AuthProblem } from '../auth.js';
import type { Reply, RequestContext } from '../context.js';
import { closest } from '../distance.js';
import type { JobDoc } from '../job.js';
import { ACTIONS } from './actions.js';
import { AUTH } from './auth.js';
import { CREATE } from './create.js';
import { CREDENTIALS } from './credentials.js';
import { ERRORS } from './errors.js';
import { HEADERS } from './headers.js';
import { JOB_STATE } from './job-state.js';
import { READ_LIST_DELETE } from './read-list-delete.js';
import { TEMPLATES_AND_SCHEMA } from './templates-and-schema.js';
import type { ActionEffect, CreateProblem, Deviation } from './types.js';

export type { Deviation, DeviationHooks, MustFail, CreateProblem, ActionEffect } from './types.js';

/** Every deviation, one contract area after the other; a new deviation joins its area's list. */
const DEVIATIONS: readonly Deviation[] = [
  ...CREATE,
  ...JOB_STATE,
  ...AUTH,
  ...READ_LIST_DELETE,
  ...ERRORS,
  ...ACTIONS,
  ...CREDENTIALS,
  ...TEMPLATES_AND_SCHEMA,
  ...HEADERS,
];

/** Every deviation the emulator can apply, in a stable order. */
export function listDeviations(): Deviation[] {
  return [...DEVIATIONS];
}

/**
 * The deviations named, in the order given. An unknown name throws an Error that lists every
 * valid one, so a typo on the command line is easy to fix.
 */
export function resolveDeviations(names: readonly string[]): Deviation[] {
  const unknown = names.filter((n) => !DEVIATIONS.some((d) => d.name === n));
  if (unknown.length > 0) {
    const hints = unknown.map((n) => {
      const near = closest(n, DEVIATIONS.map((d) => d.name));
      return near ? `'${n}' (did you mean '${near}'?)` : `'${n}'`;
    });
    throw new Error(`unknown deviation ${hints.join(', ')}; valid names: ${DEVIATIONS.map((d) => d.name).join(', ')}`);
  }
  return [...new Set(names)].map((n) => DEVIATIONS.find((d) => d.name === n) as Deviation);
}

/** All selected deviations folded into one set of hooks the handlers consult. */
export interface Hooks {
  acceptAuth: ReadonlySet<AuthProblem>;
  acceptCreate: ReadonlySet<CreateProblem>;
  leakRejectedCreates: boolean;
  phantomServicePrincipals: boolean;
  keepOnDelete: boolean;
  skipEffects: ReadonlySet<ActionEffect>;
  rejectCombinedResetScope: boolean;
  acceptUnknownSecretKeys: boolean;
  rejectQualifiedActions: boolean;
  readOnlyTokensWrite: boolean;
  newJob(job: JobDoc): void;
  jobId(generated: string, templateId: string): string;
  reply(reply: Reply, ctx: RequestContext): Reply;
}

function set<T>(values: (T | undefined)[]): ReadonlySet<T> {
  return new Set(values.filter((v): v is T => v !== undefined));
}

/** Folds deviations in the order given; with none, every hook is the correct behaviour. */
export function composeHooks(deviations: readonly Deviation[]): Hooks {
  const has = (pick: (d: Deviation) => unknown): boolean => deviations.some((d) => pick(d) !== undefined);
  return {
    acceptAuth: set(deviations.map((d) => d.acceptAuth)),
    acceptCreate: set(deviations.map((d) => d.acceptCreate)),
    leakRejectedCreates: has((d) => d.leakRejectedCreates),
    phantomServicePrincipals: has((d) => d.phantomServicePrincipals),
    keepOnDelete: has((d) => d.keepOnDelete),
    skipEffects: set(deviations.map((d) => d.skipEffect)),
    rejectCombinedResetScope: has((d) => d.rejectCombinedResetScope),
    acceptUnknownSecretKeys: has((d) => d.acceptUnknownSecretKeys),
    rejectQualifiedActions: has((d) => d.rejectQualifiedActions),
    readOnlyTokensWrite: has((d) => d.readOnlyTokensWrite),
    newJob: (job) => deviations.forEach((d) => d.newJob?.(job)),
    jobId: (generated, templateId) => deviations.reduce((id, d) => d.jobId?.(id, templateId) ?? id, generated),
    reply: (reply, ctx) => deviations.reduce((r, d) => d.reply?.(r, ctx) ?? r, reply),
  };
}
