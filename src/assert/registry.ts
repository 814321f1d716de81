import { bodyIsEmpty } from './checks/body-is-empty.js';
import { bodyIsJson } from './checks/body-is-json.js';
import { bodyMatchesSchema } from './checks/body-matches-schema.js';
import { headerEquals } from './checks/header-equals.js';
import { headerIsAbsent } from './checks/header-is-absent.js';
import { headerIsPresent } from './checks/header-is-present.js';
import { headerMatchesPattern } from './checks/header-matches-pattern.js';
import { statusIsExpected } from './checks/status-is-expected.js';
import { valueContains } from './checks/value-contains.js';
import { valueDiffers } from './checks/value-differs.js';
import { valueExcludes } from './checks/value-excludes.js';
import { valueEquals } from './checks/value-equals.js';
import { valueHasType } from './checks/value-has-type.js';
import { valueIsAbsent } from './checks/value-is-absent.js';
import { valueIsNonEmpty } from './checks/value-is-non-empty.js';
import { valueIsPresent } from './checks/value-is-present.js';
import { valueMatchesPattern } from './checks/value-matches-pattern.js';
import type { CheckDefinition } from './types.js';

/** Every check, in the order their findings are listed for one expectation. */
export const checks: readonly CheckDefinition[] = [
  // status
  statusIsExpected,
  // headers
  headerIsPresent,
  headerIsAbsent,
  headerEquals,
  headerMatchesPattern,
  // body as a whole
  bodyIsEmpty,
  bodyIsJson,
  bodyMatchesSchema,
  // values at JSON pointers
  valueIsPresent,
  valueIsAbsent,
  valueHasType,
  valueEquals,
  valueDiffers,
  valueMatchesPattern,
  valueIsNonEmpty,
  valueContains,
  valueExcludes,
];
