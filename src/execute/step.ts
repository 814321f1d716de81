import type { Capture, Exchange, Expectation, Finding, RunError, Step, StepResult } from '../model/index.js';
import { parseJson, tooDeepMessage } from '../common/json-depth.js';
import { checkExchange, resolvePointer } from '../assert/index.js';
import type { ExecContext } from './context.js';
import { TransportError, type HttpRequest, type HttpResponse } from './http.js';
import { buildRequest, resolveExpectation } from './request.js';
import { routeIsMissing } from './route-missing.js';
import { MAX_WAIT_CODE, sendWithRetries } from './send.js';
import { PagingError, readAllPages } from './all-pages.js';
import { MissingVariableError } from './template.js';
import { unusableSegment, UnusableValueError } from './path-segment.js';
import { notPermitted } from './not-permitted.js';

/** A step's outcome plus what it captured, and whether the run must stop (target unreachable). */
export interface StepOutcome {
  result: StepResult;
  captured: Map<string, string>;
  /** Set when the target could not be reached at all: the run stops. */
  fatal?: RunError;
}

/**
 * Runs one step: sends its request (retrying throttling), checks the answer, and for an
 * `eventually` step repeats until the expectations hold or the time is up. The last exchange is
 * the one judged.
 */
export async function runStep(step: Step, phase: StepResult['phase'], vars: Map<string, string>, ctx: ExecContext): Promise<StepOutcome> {
  const started = performance.now();
  const base = { name: step.name, ...(step.fixture ? { fixture: step.fixture.name } : {}), phase, span: step.span, attempts: 0, retries: 0, findings: [] as Finding[] };
  const retryReasons: string[] = [];
  const finish = (extra: Partial<StepResult> & Pick<StepResult, 'status'>): StepResult => ({
    ...base, ...extra, ...(retryReasons.length ? { retryReasons } : {}), durationMs: Math.round(performance.now() - started),
  });
  const expectation = (() => {
    try {
      return resolveExpectation(step.expect, vars);
    } catch (err) {
      return err as Error;
    }
  })();
  if (expectation instanceof Error) return { result: finish({ status: 'error', error: variableError(expectation) }), captured: new Map() };

  // Every status the step names, its alternatives' included: worked out once, asked per answer.
  const named = statusesOf(expectation);
  const timeoutMs = step.eventually ? Math.min(step.eventually.timeoutMs, ctx.consistencyTimeoutMs) : 0;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    let req: HttpRequest;
    try {
      req = await buildRequest(step.request, ctx.baseUrl, vars, ctx.token);
    } catch (err) {
      if (err instanceof MissingVariableError || err instanceof UnusableValueError) return { result: finish({ status: 'error', error: variableError(err) }), captured: new Map() };
      return { result: finish({ status: 'error', error: { code: 'auth', message: ctx.redactor.text(messageOf(err)) } }), captured: new Map() };
    }
    const creates = step.request.creates === true;
    const intent = creates ? await ctx.tracker?.beforeCreate(req.url, templateIdOf(req)) : undefined;
    let response: HttpResponse;
    let durationMs: number;
    try {
      const sent = await sendWithRetries(ctx, req, { expects: (status) => namesExactly(named, status), phase });
      base.retries += sent.retries;
      retryReasons.push(...sent.retryReasons);
      base.attempts += 1 + sent.retries;
      response = sent.response;
      durationMs = sent.durationMs;
      if (step.request.pages === 'all') {
        const all = await readAllPages(ctx, req, response);
        base.retries += all.retries;
        base.attempts += all.pages - 1 + all.retries;
        response = all.response;
      }
    } catch (err) {
      if (err instanceof PagingError) {
        base.attempts += 1;
        return { result: finish({ status: 'error', error: { code: 'protocol', message: ctx.redactor.text(err.message) } }), captured: new Map() };
      }
      base.attempts += 1;
      if (creates) ctx.openCreates?.note(intent, err instanceof TransportError && err.sent === false ? 'never sent' : ctx.signal.aborted ? 'stopped by the interrupt before their answer came' : 'whose answer never came');
      if (creates) await ctx.tracker?.unanswered?.(intent);
      const error = transportError(err, ctx);
      return { result: finish({ status: 'error', error }), captured: new Map(), fatal: err instanceof TransportError && (err.kind === 'connect' || err.code === MAX_WAIT_CODE) ? error : undefined };
    }
    const exchange = record(req, response, durationMs, ctx);
    if (creates) track(ctx, intent, req, response.status, exchange);
    // Too deep to parse safely: the answer was never examined, so the step is an error, not a verdict.
    if (exchange.response.jsonError === tooDeepMessage()) {
      return { result: finish({ status: 'error', exchange, error: { code: 'protocol', message: `the answer (HTTP ${response.status}) ${tooDeepMessage()}` } }), captured: new Map() };
    }
    if (creates && response.status >= 500) {
      ctx.openCreates?.note(intent, `that answered ${response.status}`);
      await ctx.tracker?.unanswered?.(intent);
    }
    if (req.method === 'DELETE' && (response.status < 300 || response.status === 404)) ctx.tracker?.deleted(req.url, response.status);

    let findings: Finding[];
    try {
      findings = checkExchange(exchange, expectation, ctx.checks);
    } catch (err) {
      // A schema that does not load or a pattern that does not compile is the suite's fault, not the target's.
      return { result: finish({ status: 'error', exchange, error: { code: 'internal', message: messageOf(err) } }), captured: new Map() };
    }
    // Captured whatever the verdict: a create that wrongly succeeded still leaves a job to clean up.
    const captured = capture(step.captures, exchange);
    // A throttled answer was never processed, so it proves nothing: it must not pass a step that
    // expects "any 4xx" (or "any 5xx") just because 429 (or 503) happens to be one.
    const stillThrottled = (response.status === 429 || response.status === 503) && !namesExactly(named, response.status);
    if (findings.length === 0 && !stillThrottled) return { result: finish({ status: 'passed', exchange }), captured };
    // A create is never repeated: each repeat would make another job that no cleanup step names.
    // A route that does not exist will not appear by waiting, so its answer ends the step at once.
    if (performance.now() < deadline && !ctx.signal.aborted && !creates && !routeIsMissing(exchange)) {
      await ctx.sleep(Math.min(step.eventually?.intervalMs ?? 1000, Math.max(0, deadline - performance.now())), ctx.signal);
      continue;
    }
    if (stillThrottled) {
      return { result: finish({ status: 'error', exchange, error: { code: 'throttled', message: `the target still answered ${response.status} after ${base.retries} retries; try again later or lower --max-rps` } }), captured };
    }
    // Interrupted while the target had time left to become consistent: the claim was never settled.
    if (step.eventually && ctx.signal.aborted && performance.now() < deadline) {
      const message = `interrupted after ${base.attempts} attempt(s) while waiting for the target to become consistent; the last answer did not yet meet the expectations`;
      return { result: finish({ status: 'error', exchange, error: { code: 'aborted', message } }), captured };
    }
    // A 401/403 to the run's own token where success was needed: the case was never tested.
    const refused = notPermitted(step.request, statusesOf(expectation), exchange);
    if (refused) return { result: finish({ status: 'error', exchange, error: { ...refused, message: ctx.redactor.text(refused.message) } }), captured };
    return { result: finish({ status: 'failed', exchange, findings }), captured };
  }
}

/** Tells the ledger how a create ended, before anything else can go wrong. */
function track(ctx: ExecContext, intent: string | undefined, req: HttpRequest, status: number, exchange: Exchange): void {
  const id = (exchange.response.json as { id?: unknown } | undefined)?.id;
  // An id that cannot be a path segment is never made one: the intent stays open, so the job
  // is found by listing (the run's end note and `gsc cleanup` name it), never deleted by a path.
  if (status >= 200 && status < 300 && typeof id === 'string' && id && !unusableSegment(id)) {
    ctx.tracker?.created(intent, `${req.url.replace(/\/+$/, '')}/${encodeURIComponent(id)}`, id);
  } else if (status >= 400 && status < 500) ctx.tracker?.rejected(intent, status);
  else if (status < 500) {
    if (status >= 200 && status < 300) ctx.openCreates?.note(intent, typeof id === 'string' && id ? `whose ${status} answer named an id that cannot be a path segment` : `whose ${status} answer had no job id`);
    ctx.tracker?.settled?.(intent);
  }
}

function templateIdOf(req: HttpRequest): string | undefined {
  try {
    const id = (JSON.parse(req.body ?? '') as { templateId?: unknown }).templateId;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Only a status written out exactly counts as expecting throttling: a case that expects `4xx`
 * for a bad request must not pass because the target answered 429.
 */
function namesExactly(matchers: readonly (number | string)[] | undefined, status: number): boolean {
  return (matchers ?? []).includes(status);
}

/** Every status an expectation names, its alternatives' included. */
function statusesOf(e: Expectation): (number | string)[] {
  return [...(e.status?.anyOf ?? []), ...(e.anyOf ?? []).flatMap(statusesOf)];
}

/** The exchange as reports will see it: credentials and known secrets removed. */
function record(req: HttpRequest, res: HttpResponse, durationMs: number, ctx: ExecContext): Exchange {
  const body = ctx.redactor.text(res.body);
  const response: Exchange['response'] = { status: res.status, headers: ctx.redactor.headers(res.headers), body };
  if (body.trim() !== '') {
    const parsed = parseJson(body);
    if (parsed.ok) response.json = parsed.value;
    else response.jsonError = parsed.error;
  }
  const request: Exchange['request'] = { method: req.method, url: ctx.redactor.text(req.url), headers: ctx.redactor.headers(req.headers) };
  if (req.body !== undefined) request.body = ctx.redactor.text(req.body);
  return { request, response, durationMs: Math.round(durationMs) };
}

function captureValue(c: Capture, exchange: Exchange): string | undefined {
  if (c.header !== undefined) return exchange.response.headers[c.header.toLowerCase()];
  const found = resolvePointer(exchange.response.json, c.pointer ?? '');
  if (!found.found || found.value === null || found.value === undefined) return undefined;
  return typeof found.value === 'string' ? found.value : JSON.stringify(found.value);
}

function capture(captures: Capture[], exchange: Exchange): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of captures) {
    const v = captureValue(c, exchange);
    if (v !== undefined) out.set(c.name, v);
  }
  return out;
}

function variableError(err: Error): RunError {
  return { code: 'variable', message: err.message };
}

function transportError(err: unknown, ctx: ExecContext): RunError {
  if (err instanceof TransportError) return { code: err.kind, message: ctx.redactor.text(err.message), ...(err.sent !== undefined ? { sent: err.sent } : {}) };
  return { code: 'internal', message: ctx.redactor.text(messageOf(err)) };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
