import type { Reply, RequestContext } from '../context.js';
import type { Env } from '../env.js';
import { enumMember, RESET_SCOPE_MEMBERS, SECRET_KEYS } from '../enums.js';
import { NEVER_INTERVAL, RUNNING_INTERVAL } from '../job.js';
import { ACCEPTED_SECRET_TOKEN } from '../behaviours.js';
import { emptyReply, graphError } from '../reply.js';
import type { Route } from '../router.js';
import { badRequest, checkPairs, job, jsonBody, principal, typeName } from './common.js';
import { provisionOnDemand } from './provision.js';

/**
 * start: the schedule becomes Active and the status NotRun, which the status page defines as
 * "configured, and possibly started, but hasn't completed its first run" (the emulator never runs).
 */
function startJob(ctx: RequestContext, env: Env): Reply {
  const found = job(ctx, env, false);
  if (!found.ok) return found.reply;
  const body = jsonBody(ctx, true);
  if (!body.ok) return body.reply;
  if (!env.hooks.skipEffects.has('start')) {
    const { schedule, status } = found.value.doc;
    schedule.state = 'Active';
    if (schedule.interval === NEVER_INTERVAL) schedule.interval = RUNNING_INTERVAL;
    status.code = 'NotRun';
  }
  return emptyReply();
}

function pauseJob(ctx: RequestContext, env: Env): Reply {
  const found = job(ctx, env, false);
  if (!found.ok) return found.reply;
  const body = jsonBody(ctx, true);
  if (!body.ok) return body.reply;
  if (!env.hooks.skipEffects.has('pause')) {
    found.value.doc.schedule.state = 'Paused';
    found.value.doc.status.code = 'Paused';
  }
  return emptyReply();
}

/** Parses a flags-enum string such as "Watermark, Escrows, QuarantineState"; a message when wrong. */
function resetScopeProblem(criteria: unknown, env: Env): string | undefined {
  if (criteria === undefined || criteria === null) return undefined;
  if (typeof criteria !== 'object' || Array.isArray(criteria)) return `criteria must be an object such as {"resetScope": "Watermark, Escrows"}, not ${typeName(criteria)}.`;
  const scope = (criteria as { resetScope?: unknown }).resetScope;
  if (scope === undefined || scope === null || scope === '') return undefined;
  const valid = RESET_SCOPE_MEMBERS.join(', ');
  if (typeof scope !== 'string') return `criteria.resetScope must be a comma-separated string of ${valid}; got ${typeName(scope)}.`;
  const members = scope.split(',');
  const unknown = members.find((m) => enumMember(RESET_SCOPE_MEMBERS, m) === undefined);
  if (unknown !== undefined) return `criteria.resetScope: '${unknown.trim()}' is not a synchronizationJobRestartScope member; use a comma-separated list of ${valid}.`;
  if (env.hooks.rejectCombinedResetScope && members.length > 1) return `criteria.resetScope must be a single value.`;
  return undefined;
}

function restartJob(ctx: RequestContext, env: Env): Reply {
  const found = job(ctx, env, false);
  if (!found.ok) return found.reply;
  const body = jsonBody(ctx, true);
  if (!body.ok) return body.reply;
  const problem = resetScopeProblem(body.value.criteria, env);
  if (problem) return badRequest(ctx, problem);
  const { schedule, status } = found.value.doc;
  schedule.state = 'Active';
  if (schedule.interval === NEVER_INTERVAL) schedule.interval = RUNNING_INTERVAL;
  Object.assign(status, { code: 'NotRun', quarantine: null, countSuccessiveCompleteFailures: 0 });
  return emptyReply();
}

/** Checks the optional `credentials` and `useSavedCredentials` of both validateCredentials forms. */
function credentialsProblem(body: Record<string, unknown>): string | undefined {
  if (body.useSavedCredentials !== undefined && typeof body.useSavedCredentials !== 'boolean') {
    return `useSavedCredentials must be true or false, not ${typeName(body.useSavedCredentials)}.`;
  }
  if (body.credentials === undefined || body.credentials === null) return undefined;
  const pairs = checkPairs(body.credentials, 'credentials', (k) => enumMember(SECRET_KEYS, k));
  return pairs.ok ? undefined : pairs.message;
}

function validateCredentials(ctx: RequestContext, env: Env): Reply {
  const found = job(ctx, env, false);
  if (!found.ok) return found.reply;
  const body = jsonBody(ctx, false);
  if (!body.ok) return body.reply;
  const problem = credentialsProblem(body.value);
  if (problem) return badRequest(ctx, problem);
  if (env.behave.checkCredentials && !acceptedByTheApplication(body.value.credentials)) {
    return graphError(ctx, 400, 'invalid-request', 'BadRequest', 'The credentials were rejected by the application: validate with the SecretToken and BaseAddress it issued.');
  }
  return emptyReply();
}

/** The credentials-checked behaviour: the application accepts only its own SecretToken. */
function acceptedByTheApplication(credentials: unknown): boolean {
  if (!Array.isArray(credentials)) return false;
  return credentials.some((c) => c !== null && typeof c === 'object' && (c as { key?: unknown }).key === 'SecretToken' && (c as { value?: unknown }).value === ACCEPTED_SECRET_TOKEN);
}

/** The collection-bound overload: no job yet, so it names the template to validate against. */
function validateCredentialsCollection(ctx: RequestContext, env: Env): Reply {
  const sp = principal(ctx, env);
  if (!sp.ok) return sp.reply;
  const body = jsonBody(ctx, false);
  if (!body.ok) return body.reply;
  const { templateId, applicationIdentifier } = body.value;
  if (templateId !== undefined && templateId !== null && !sp.value.templates.some((t) => t.id === templateId)) {
    return badRequest(ctx, `templateId ${JSON.stringify(templateId)} does not match any template of this service principal.`);
  }
  if (applicationIdentifier !== undefined && applicationIdentifier !== null && typeof applicationIdentifier !== 'string') {
    return badRequest(ctx, `applicationIdentifier must be a string, not ${typeName(applicationIdentifier)}.`);
  }
  const problem = credentialsProblem(body.value);
  return problem ? badRequest(ctx, problem) : emptyReply();
}

const action = (name: string): string => `servicePrincipals/{sp}/synchronization/jobs/{jobId}/${name}`;

/** Bound actions, each reachable as `…/start` and as `…/microsoft.graph.start`. */
export const actionRoutes: Route[] = [
  {
    pattern: 'servicePrincipals/{sp}/synchronization/jobs/validateCredentials',
    boundAction: true,
    methods: { POST: { operation: 'validateCredentialsCollection', handle: validateCredentialsCollection } },
  },
  { pattern: action('start'), boundAction: true, methods: { POST: { operation: 'startJob', handle: startJob } } },
  { pattern: action('pause'), boundAction: true, methods: { POST: { operation: 'pauseJob', handle: pauseJob } } },
  { pattern: action('restart'), boundAction: true, methods: { POST: { operation: 'restartJob', handle: restartJob } } },
  { pattern: action('validateCredentials'), boundAction: true, methods: { POST: { operation: 'validateCredentials', handle: validateCredentials } } },
  { pattern: action('provisionOnDemand'), boundAction: true, methods: { POST: { operation: 'provisionOnDemand', handle: provisionOnDemand } } },
];
