import type { Reply, RequestContext } from '../context.js';
import type { CreateProblem } from '../deviations/types.js';
import type { Env } from '../env.js';
import type { ServicePrincipalFixture, TemplateFixture } from '../fixtures/types.js';
import { newJobId } from '../ids.js';
import { newJobDoc, RUNNING_INTERVAL, type JobDoc } from '../job.js';
import { entityReply, graphError } from '../reply.js';
import type { StoredJob } from '../store.js';
import { badRequest, contextPath, jsonBody, principal, typeName } from './common.js';

type Settings = JobDoc['synchronizationJobSettings'];

/** What is wrong with `templateId`, with the message the 400 carries. */
function templateProblem(value: unknown, sp: ServicePrincipalFixture): { problem: CreateProblem; message: string } | undefined {
  const offered = sp.templates.map((t) => t.id).join(', ');
  const fix = `send {"templateId": "<id>"} with one of this service principal's templates: ${offered}`;
  if (value === undefined) return { problem: 'missing', message: `templateId is required; ${fix}.` };
  if (value === null) return { problem: 'null', message: `templateId must not be null; ${fix}.` };
  if (typeof value !== 'string') return { problem: 'not-string', message: `templateId must be a string, not ${typeName(value)}; ${fix}.` };
  if (value.trim() === '') return { problem: 'empty', message: `templateId must not be empty; ${fix}.` };
  if (!sp.templates.some((t) => t.id === value)) {
    return { problem: 'unknown-template', message: `templateId '${value}' does not match any template of this service principal; ${fix}.` };
  }
  return undefined;
}

/** `synchronizationJobSettings`, if sent, must be `[{name, value}]`. */
function settingsOf(value: unknown): Settings | string {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return `synchronizationJobSettings must be an array of {"name": …, "value": …}, not ${typeName(value)}.`;
  const out: Settings = [];
  for (const [i, item] of value.entries()) {
    const s = item as { name?: unknown; value?: unknown } | null;
    const valueOk = s !== null && (s?.value === undefined || s.value === null || typeof s.value === 'string');
    if (s === null || typeof s !== 'object' || typeof s.name !== 'string' || s.name === '' || !valueOk) {
      return `synchronizationJobSettings[${i}] must be {"name": "<non-empty string>", "value": "<string or null>"}.`;
    }
    out.push({ name: s.name, value: (s.value as string | null | undefined) ?? null });
  }
  return out;
}

/** The template's settings, overridden by name by those the request sent. */
function mergeSettings(template: TemplateFixture | undefined, sent: Settings): Settings {
  const merged = new Map((template?.jobSettings ?? []).map((s) => [s.name, s.value] as const));
  for (const s of sent) merged.set(s.name, s.value);
  return [...merged].map(([name, value]) => ({ name, value }));
}

function store(env: Env, sp: ServicePrincipalFixture, rawTemplateId: unknown, settings: Settings): StoredJob {
  const templateId = typeof rawTemplateId === 'string' ? rawTemplateId : rawTemplateId == null ? null : JSON.stringify(rawTemplateId);
  const template = sp.templates.find((t) => t.id === templateId);
  const id = env.hooks.jobId(newJobId(templateId ?? 'job', sp.id), templateId ?? '');
  const doc = newJobDoc(id, templateId, mergeSettings(template, settings));
  if (env.behave.startsPaused) {
    // The Entra cross-tenant and cloud-sync examples: a new job Paused, Disabled, PT40M, progress [].
    Object.assign(doc.status, { code: 'Paused', progress: [] });
    doc.schedule.interval = RUNNING_INTERVAL;
  }
  env.hooks.newJob(doc);
  const stored: StoredJob = {
    servicePrincipalId: sp.id,
    doc,
    schema: structuredClone(template?.schema ?? { directories: [], synchronizationRules: [] }),
    createdAt: env.now(),
  };
  env.store.put(stored);
  return stored;
}

/**
 * POST …/jobs. `templateId` is required and must name one of the service principal's
 * templates; any problem with it answers **400** `BadRequest` (Graph documents no code for an
 * unknown template, and 400 is what "the request is wrong" means), and nothing is created.
 */
export function createJob(ctx: RequestContext, env: Env): Reply {
  const sp = principal(ctx, env);
  if (!sp.ok) return sp.reply;
  if (env.store.count() >= env.maxJobs) {
    return graphError(ctx, 403, 'invalid-request', 'QuotaExceeded', `The emulator holds ${env.maxJobs} jobs, its limit; delete jobs, or start it with a higher --max-jobs.`);
  }
  const body = jsonBody(ctx, false);
  if (!body.ok) return body.reply;
  const settings = settingsOf(body.value.synchronizationJobSettings);
  if (typeof settings === 'string') return badRequest(ctx, settings);
  const problem = templateProblem(body.value.templateId, sp.value);
  if (problem && !env.hooks.acceptCreate.has(problem.problem)) {
    if (env.hooks.leakRejectedCreates) store(env, sp.value, body.value.templateId, settings);
    return badRequest(ctx, problem.message);
  }
  const job = store(env, sp.value, body.value.templateId, settings);
  return entityReply(201, ctx, contextPath(sp.value.id, 'jobs/$entity'), structuredClone(job.doc));
}
