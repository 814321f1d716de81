import type { Case, CaseResult, Finding, RunError, Step, StepResult } from '../model/index.js';
import { STATUS_RANK } from '../model/index.js';
import type { ExecContext } from './context.js';
import { runStep } from './step.js';
import { canResolve, referencedVariables } from './template.js';
import { unusableSegment } from './path-segment.js';

/** A case's result, and the error that must stop the whole run, if any. */
export interface CaseOutcome {
  result: CaseResult;
  fatal?: RunError;
}

/**
 * Runs a case: its steps in order until one does not pass, then every cleanup step whose
 * variables were captured. Cleanup never changes the verdict on the claim, but its own results
 * are kept so a report shows what may have been left behind.
 */
export async function runCase(c: Case, suiteId: string, runVars: ReadonlyMap<string, string>, ctx: ExecContext): Promise<CaseOutcome> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const vars = new Map(runVars);
  const steps: StepResult[] = [];
  let fatal: RunError | undefined;
  let stopped: string | undefined;
  let unsupported: string | undefined;
  // Variables some request path of this case uses: a value captured for one must be one segment.
  // Worked out when a step first captures something; most steps capture nothing.
  let inPathsOfCase: ReadonlySet<string> | undefined;
  const inPaths = (): ReadonlySet<string> => (inPathsOfCase ??= new Set([...c.steps, ...c.cleanup].flatMap((s) => referencedVariables(s.request.path))));

  for (const step of c.steps) {
    if (stopped || fatal) {
      steps.push(skippedStep(step, 'main', stopped ?? 'the run stopped'));
      continue;
    }
    if (ctx.signal.aborted) {
      stopped = 'interrupted';
      steps.push(skippedStep(step, 'main', stopped));
      continue;
    }
    const out = await runStep(step, 'main', vars, ctx);
    const unusable = out.captured.size === 0 ? [] : unusableCaptures(step, out.captured, inPaths());
    if (unusable.length > 0) {
      // The answer broke the contract, and the value is dropped: it never becomes a path.
      out.result = { ...out.result, status: out.result.status === 'error' ? 'error' : 'failed', findings: [...out.result.findings, ...unusable.map((u) => u.finding)] };
      for (const u of unusable) out.captured.delete(u.name);
    }
    steps.push(out.result);
    for (const [k, v] of out.captured) vars.set(k, v);
    fatal = out.fatal;
    if (out.result.status !== 'passed') {
      stopped = `step "${step.name}" did not pass`;
      if (c.optional && out.result.status === 'failed') unsupported = unsupportedRoute(out.result);
    }
  }

  for (const step of c.cleanup) {
    if (fatal) {
      steps.push(skippedStep(step, 'cleanup', 'the target cannot be reached'));
      continue;
    }
    const missing = templatesOf(step).find((t) => !canResolve(t, vars));
    if (missing !== undefined) {
      steps.push(skippedStep(step, 'cleanup', 'nothing to clean: a value it needs was never captured'));
      continue;
    }
    steps.push((await runStep(step, 'cleanup', vars, ctx)).result);
  }

  const main = steps.filter((s) => s.phase === 'main');
  const worst = main.reduce<StepResult['status']>((acc, s) => (STATUS_RANK[s.status] > STATUS_RANK[acc] ? s.status : acc), 'passed');
  const status = unsupported ? 'skipped' : ctx.signal.aborted && worst === 'passed' && main.some((s) => s.status === 'skipped') ? 'error' : worst;
  const result: CaseResult = {
    id: c.id, suite: suiteId, title: c.title, level: c.level, tags: c.tags, doc: c.doc, file: c.span.file, span: c.span,
    status, steps, startedAt, durationMs: Math.round(performance.now() - started),
  };
  if (unsupported) {
    result.skipReason = unsupported;
    result.skipCode = 'optional-route-missing';
  }
  const firstError = main.find((s) => s.status === 'error')?.error;
  if (status === 'error') result.error = firstError ?? { code: 'aborted', message: 'interrupted before every step ran' };
  return fatal ? { result, fatal } : { result };
}

/**
 * Captured values that a later request path would use, but that cannot be one path segment
 * (see {@link unusableSegment}): each is an "unusable id" finding at its capture.
 */
function unusableCaptures(step: Step, captured: ReadonlyMap<string, string>, inPaths: ReadonlySet<string>): { name: string; finding: Finding }[] {
  const out: { name: string; finding: Finding }[] = [];
  for (const c of step.captures) {
    const value = captured.get(c.name);
    const problem = value === undefined || !inPaths.has(c.name) ? undefined : unusableSegment(value);
    if (!problem) continue;
    out.push({ name: c.name, finding: {
      check: 'unusable-id',
      message: `unusable id: the ${c.pointer !== undefined ? `value at ${c.pointer || '/'}` : `header ${c.header}`} captured as \`${c.name}\` ${problem}; it is never put into a request path, and the job is found for cleanup by listing`,
      expected: 'one path segment: no / or \\, not . or .., no control character, valid Unicode',
      actual: value,
      ...(c.pointer !== undefined ? { pointer: c.pointer } : {}),
      span: c.span,
    } });
  }
  return out;
}

/**
 * An optional case whose route the target does not implement is skipped, not failed: the
 * answer was 404 or 405 and the step did not expect it.
 */
function unsupportedRoute(step: StepResult): string | undefined {
  const status = step.exchange?.response.status;
  if (status !== 404 && status !== 405) return undefined;
  if (step.findings.every((f) => f.check !== 'status-is-expected')) return undefined;
  const { method, url } = step.exchange!.request;
  return `the target answered ${status} to ${method} ${new URL(url).pathname}: it does not implement this optional route`;
}

function skippedStep(step: Step, phase: StepResult['phase'], reason: string): StepResult {
  return { name: step.name, ...(step.fixture ? { fixture: step.fixture.name } : {}), phase, status: 'skipped', skipReason: reason, findings: [], attempts: 0, retries: 0, durationMs: 0, span: step.span };
}

/** Every template a step's request uses, to tell whether its variables are known. */
function templatesOf(step: Step): string[] {
  const out = [step.request.path, ...Object.values(step.request.headers)];
  if (step.request.raw !== undefined) out.push(step.request.raw);
  if (step.request.json !== undefined) out.push(JSON.stringify(step.request.json));
  return out;
}
