import type { Finding, SourceSpan } from '../model/index.js';
import type { CheckDefinition, Judgement, NegatablePart, PredicateDefinition } from './types.js';

function finding(check: string, message: string, expected: unknown, judgement: Judgement, span: SourceSpan): Finding {
  const out: Finding = { check, message, expected, actual: judgement.actual, span };
  if (judgement.pointer !== undefined) out.pointer = judgement.pointer;
  return out;
}

/** The check for the claim as written: a finding when it does not hold. */
function asWritten<Part extends NegatablePart>(predicate: PredicateDefinition<Part>): CheckDefinition<Part> {
  return {
    name: predicate.name,
    claim: predicate.claim,
    needsJson: predicate.needsJson,
    select: (expectation) => predicate.select(expectation).filter((part) => part.negated !== true),
    run(exchange, part, ctx) {
      const j = predicate.judge(exchange, part, ctx);
      if (j.holds) return [];
      const message = j.unmet === undefined ? `${j.subject} must ${j.claim}` : `${j.subject} must ${j.unmet} and ${j.claim}`;
      return [finding(predicate.name, message, j.expected, j, part.span)];
    },
  };
}

/**
 * The check for the claim under `not`: a finding when it holds, or when it cannot be judged
 * (`unmet`), where hurl reports a type mismatch whichever way the predicate is asked.
 */
function negated<Part extends NegatablePart>(predicate: PredicateDefinition<Part>): CheckDefinition<Part> {
  const { name, claim } = predicate.negation;
  return {
    name,
    claim,
    needsJson: predicate.needsJson,
    select: (expectation) => predicate.select(expectation).filter((part) => part.negated === true),
    run(exchange, part, ctx) {
      const j = predicate.judge(exchange, part, ctx);
      if (!j.holds && j.unmet === undefined) return [];
      // Worded as the claim as written is ("X must Y"), so every finding reads the same way.
      const message = j.holds ? `${j.subject} must not ${j.claim}` : `${j.subject} must ${j.unmet} and not ${j.claim}`;
      return [finding(name, message, { not: j.expected }, j, part.span)];
    },
  };
}

/** The two checks a predicate gives: as written, then negated (the order findings are listed in). */
export function bothWays<Part extends NegatablePart>(predicate: PredicateDefinition<Part>): [CheckDefinition<Part>, CheckDefinition<Part>] {
  return [asWritten(predicate), negated(predicate)];
}
