import { bodyIsEmpty } from './checks/body-is-empty.js';
import { bodyIsJson } from './checks/body-is-json.js';
import { bodyMatchesSchema } from './checks/body-matches-schema.js';
import { headerEquals } from './checks/header-equals.js';
import { headerIsPresent } from './checks/header-is-present.js';
import { headerMatchesPattern } from './checks/header-matches-pattern.js';
import { statusIsExpected } from './checks/status-is-expected.js';
import { valueContains } from './checks/value-contains.js';
import { valueEquals } from './checks/value-equals.js';
import { valueHasType } from './checks/value-has-type.js';
import { valueIsNonEmpty } from './checks/value-is-non-empty.js';
import { valueIsPresent } from './checks/value-is-present.js';
import { valueMatchesPattern } from './checks/value-matches-pattern.js';
import { bothWays } from './negation.js';
import type { CheckDefinition, PredicateDefinition } from './types.js';

// Each predicate gives two checks, as written then negated (`value-equals`, `value-differs`): the
// negated twin is derived, never a second file that could drift from it. The casts widen each
// predicate's own part type to the registry's; `checkExchange` feeds a check only the parts
// its own `select` returned.
const headerPredicates = [headerIsPresent, headerEquals, headerMatchesPattern] as PredicateDefinition[];
const valuePredicates = [valueIsPresent, valueHasType, valueEquals, valueMatchesPattern, valueIsNonEmpty, valueContains] as PredicateDefinition[];

/** The claims a suite may negate with `not:`, as written. */
export const predicates: readonly PredicateDefinition[] = [...headerPredicates, ...valuePredicates];

/** Every check, in the order their findings are listed for one expectation. */
export const checks: readonly CheckDefinition[] = [
  // status
  statusIsExpected,
  // headers
  ...headerPredicates.flatMap(bothWays),
  // body as a whole
  bodyIsEmpty,
  bodyIsJson,
  bodyMatchesSchema,
  // values at JSON pointers
  ...valuePredicates.flatMap(bothWays),
];
