import type { AuthProblem } from '../auth.js';
import type { Reply, RequestContext } from '../context.js';
import type { JobDoc } from '../job.js';
import type { ActionEffect, CreateProblem, Deviation } from './types.js';

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
    newJob: (job) => deviations.forEach((d) => d.newJob?.(job)),
    jobId: (generated, templateId) => deviations.reduce((id, d) => d.jobId?.(id, templateId) ?? id, generated),
    reply: (reply, ctx) => deviations.reduce((r, d) => d.reply?.(r, ctx) ?? r, reply),
  };
}
