import type { Reply, RequestContext } from '../context.js';
import type { Env } from '../env.js';
import { entityReply, graphError } from '../reply.js';
import { badRequest, job, jsonBody, typeName } from './common.js';

/** The documented limit: 5 requests per 10 seconds (the window is `provisionWindowMs`). */
const MAX_CALLS = 5;

interface Parameter {
  ruleId: string;
  subjects: Subject[];
}

interface Subject {
  objectId: string;
  objectTypeName: string;
}

/** `parameters: [{ruleId, subjects: [{objectId, objectTypeName}]}]`, or a message saying what is wrong. */
function parametersOf(parameters: unknown): Parameter[] | string {
  const example = 'send {"parameters": [{"ruleId": "<rule id>", "subjects": [{"objectId": "<id>", "objectTypeName": "User"}]}]}';
  if (!Array.isArray(parameters) || parameters.length === 0) return `parameters must be a non-empty array, not ${typeName(parameters)}; ${example}.`;
  const out: Parameter[] = [];
  for (const [i, p] of parameters.entries()) {
    const param = p as { ruleId?: unknown; subjects?: unknown } | null;
    if (param === null || typeof param !== 'object' || typeof param.ruleId !== 'string' || param.ruleId === '') {
      return `parameters[${i}].ruleId must be a non-empty string; ${example}.`;
    }
    if (!Array.isArray(param.subjects) || param.subjects.length === 0) return `parameters[${i}].subjects must be a non-empty array; ${example}.`;
    const subjects: Subject[] = [];
    for (const [j, s] of param.subjects.entries()) {
      const subject = s as Partial<Subject> | null;
      if (subject === null || typeof subject.objectId !== 'string' || typeof subject.objectTypeName !== 'string') {
        return `parameters[${i}].subjects[${j}] must be {"objectId": "<string>", "objectTypeName": "<string>"}.`;
      }
      subjects.push({ objectId: subject.objectId, objectTypeName: subject.objectTypeName });
    }
    out.push({ ruleId: param.ruleId, subjects });
  }
  return out;
}

/** Rule ids of a job's schema. */
function ruleIds(rules: readonly unknown[]): string[] {
  return rules.map((r) => (r !== null && typeof r === 'object' ? (r as { id?: unknown }).id : undefined)).filter((id): id is string => typeof id === 'string');
}

/**
 * provisionOnDemand answers 200 with a stringKeyStringValuePair whose key and value are JSON
 * in strings, as the docs' examples show. Over 5 calls in 10 s per service principal answer 429.
 */
export function provisionOnDemand(ctx: RequestContext, env: Env): Reply {
  const found = job(ctx, env, false);
  if (!found.ok) return found.reply;
  const body = jsonBody(ctx, false);
  if (!body.ok) return body.reply;
  const parameters = parametersOf(body.value.parameters);
  if (typeof parameters === 'string') return badRequest(ctx, parameters);
  if (env.behave.checkRules) {
    // The real answer to a rule the job lacks (microsoft-graph-docs-contrib#4247).
    const held = ruleIds(found.value.schema.synchronizationRules);
    const missing = parameters.find((p) => !held.includes(p.ruleId));
    if (missing) {
      return graphError(ctx, 400, 'invalid-request', 'RequestParameterInvalid', `The rule '${missing.ruleId}' was specified in the request. However, the job does not include the rule. Read the rule ids from GET …/jobs/{id}/schema (synchronizationRules[].id).`);
    }
  }
  if (!env.store.withinRate(`provision:${found.value.servicePrincipalId}`, env.now(), MAX_CALLS, env.provisionWindowMs)) {
    const reply = graphError(ctx, 429, 'throttled', 'TooManyRequests', 'provisionOnDemand is limited to 5 requests per 10 seconds; wait and retry.');
    return { ...reply, headers: { ...reply.headers, 'retry-after': String(Math.max(1, Math.ceil(env.provisionWindowMs / 1000))) } };
  }
  const now = new Date(env.now()).toISOString();
  const first = parameters[0]?.subjects[0] as Subject;
  const steps = [
    { name: 'EntryImport', type: 'Import', status: 'Success', description: `Retrieved ${first.objectTypeName} '${first.objectId}'`, timestamp: now, details: {} },
    { name: 'EntryExportAdd', type: 'Export', status: 'Success', description: `Provisioned ${first.objectTypeName} '${first.objectId}'`, timestamp: now, details: {} },
  ];
  const value = {
    action: 'Create',
    provisioningSteps: steps,
    sourceIdentity: { id: first.objectId, type: first.objectTypeName, displayName: null, details: null },
    statusInfo: { status: 'Success', errorCode: null, reason: null },
    startTime: now,
    endTime: now,
  };
  return entityReply(200, ctx, 'microsoft.graph.stringKeyStringValuePair', {
    key: JSON.stringify({ result: 'Success', details: {} }),
    value: JSON.stringify(value),
  });
}
