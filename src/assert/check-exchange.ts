import type { Exchange, Expectation, Finding, SourceSpan } from '../model/index.js';
import { checks } from './registry.js';
import type { CheckContext } from './types.js';

function byPosition(a: SourceSpan | undefined, b: SourceSpan | undefined): number {
  if (a === undefined || b === undefined) return 0;
  return a.line - b.line || a.col - b.col;
}

/**
 * Runs every registered check that the expectation asks for. Findings come in the order of the
 * expectations in the suite file, then registry order, so reports read like the case does.
 * Checks that read the body stay quiet when it is not JSON; `body-is-json` says so once.
 * @throws SchemaLoadError or InvalidExpectationError when an expectation cannot be evaluated
 * (a broken schema, a bad pattern): an error of the run, not a finding against the target.
 */
export function checkExchange(exchange: Exchange, expectation: Expectation, ctx: CheckContext): Finding[] {
  if (expectation.anyOf !== undefined && expectation.anyOf.length > 0) return checkAlternatives(exchange, expectation.anyOf, ctx);
  const hasJson = exchange.response.json !== undefined;
  const findings: Finding[] = [];
  for (const check of checks) {
    if (check.needsJson && !hasJson) continue;
    for (const part of check.select(expectation)) findings.push(...check.run(exchange, part, ctx));
  }
  // Array.prototype.sort is stable: findings of one expectation keep their registry order.
  return findings.sort((a, b) => byPosition(a.span, b.span));
}

/**
 * `anyOf`: no finding when one alternative holds. Otherwise the findings of the alternative
 * whose status the answer has (what it tried to be), else of the first, so a report says what
 * the answer lacks rather than listing every way it could have passed.
 */
function checkAlternatives(exchange: Exchange, alternatives: readonly Expectation[], ctx: CheckContext): Finding[] {
  const results = alternatives.map((a) => checkExchange(exchange, a, ctx));
  if (results.some((f) => f.length === 0)) return [];
  const aimed = results.find((f) => !f.some((x) => x.check === 'status-is-expected'));
  return aimed ?? results[0] ?? [];
}
