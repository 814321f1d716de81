import { checkExchange } from '../assert/index.js';
import type { CaseResult, Exchange, Finding, RunError, StepResult } from '../model/index.js';
import type { Contract } from './contract.js';
import { operationFor } from './contract.js';
import { requestExpectation, responseExpectation, spanOf } from './expectations.js';

/** One exchange that passed through the proxy, already redacted. */
export interface ProxiedExchange {
  /** 1 for the first exchange. */
  seq: number;
  exchange: Exchange;
  startedAt: string;
  /** The upstream could not be reached or broke off: the client got a 502 from the proxy. */
  error?: RunError;
}

/**
 * The request as checks read a response: the same checks judge both directions, so a request
 * body is held to its schema by `body-matches-schema`, its headers by the header checks.
 */
function requestAsMessage(exchange: Exchange): Exchange {
  const body = exchange.request.body ?? '';
  const message: Exchange['response'] = { status: 0, headers: exchange.request.headers, body };
  if (body !== '') {
    try {
      message.json = JSON.parse(body);
    } catch (error) {
      message.jsonError = (error as Error).message;
    }
  }
  return { ...exchange, response: message };
}

/** Findings about the request say so, since the checks word them as about "the body". */
function aboutRequest(f: Finding): Finding {
  return { ...f, message: `request ${f.message}` };
}

function step(name: string, findings: Finding[], proxied: ProxiedExchange, span: CaseResult['span']): StepResult {
  return { name, phase: 'main', status: findings.length > 0 ? 'failed' : 'passed', findings, exchange: proxied.exchange, attempts: 1, retries: 0, durationMs: proxied.exchange.durationMs, span };
}

/**
 * Judges one exchange against the contract, as a case named by its operation: a `request` step
 * (what the client sent) and a `response` step (what the upstream answered). An exchange with
 * an operation the specs do not hold is skipped as unknown, never failed.
 */
export function judgeExchange(proxied: ProxiedExchange, contract: Contract, basePath: string): CaseResult {
  const { exchange, seq } = proxied;
  const url = new URL(exchange.request.url);
  const method = exchange.request.method;
  const { operation, apiPath, nearest } = operationFor(contract, basePath, method, url.pathname);
  const head = { id: `${String(seq).padStart(4, '0')} ${operation?.operationId ?? 'unknown'}`, suite: 'proxy', title: `${method} ${apiPath}`, level: 'MUST' as const, startedAt: proxied.startedAt, durationMs: exchange.durationMs };
  if (operation === undefined) {
    const near = nearest.length > 0 ? `; the nearest documented: ${nearest.map((o) => `${o.method} ${o.path}`).join(', ')}` : '';
    const where = basePath !== '' && !url.pathname.startsWith(basePath) ? ` (the path is not below the upstream's base path ${basePath})` : '';
    return { ...head, tags: ['proxy', 'unknown'], doc: '', file: 'specs/', span: { file: 'specs/', line: 1, col: 1 }, status: 'skipped', steps: [], skipReason: `unknown operation: specs/ holds no ${method} ${apiPath}${where}${near}` };
  }
  const span = spanOf(operation);
  const base = { ...head, tags: ['proxy', operation.operationId ?? operation.path], doc: operation.doc ?? '', file: operation.file, span };
  const ctx = { schemas: contract.schemas };
  const requestFindings = checkExchange(requestAsMessage(exchange), requestExpectation(operation, (exchange.request.body ?? '') !== ''), ctx).map(aboutRequest);
  const steps = [step('request', requestFindings, proxied, span)];
  if (proxied.error) return { ...base, status: 'error', error: proxied.error, steps };
  steps.push(step('response', checkExchange(exchange, responseExpectation(operation, exchange.response.status), ctx), proxied, span));
  return { ...base, status: steps.some((s) => s.status === 'failed') ? 'failed' : 'passed', steps };
}
