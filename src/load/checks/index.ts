/**
 * The checks run on suites after the schema, by scope. To add one, write it next to its
 * kin and list it here; the loader runs every entry in order.
 */
import type { AcrossCheck, CaseCheck, FileCheck } from './context.js';
import { uniqueCaseIds, uniqueStepNames } from './duplicate-ids.js';
import { noCredentials, knownOperations, oneBody, statusExpected, uniqueHeaders } from './requests.js';
import { refsResolve } from './refs.js';
import { schemaKey } from './schema-key.js';
import { durationsParse, patternsCompile, pointersWellFormed } from './values.js';
import { knownVariables } from './variables.js';

export type { AcrossCheck, CaseCheck, CaseSite, CheckEnv, FileCheck, FileSite } from './context.js';

/** Checks on one file. */
export const FILE_CHECKS: readonly FileCheck[] = [schemaKey];

/** Checks on one case, in the order their findings read best. */
export const CASE_CHECKS: readonly CaseCheck[] = [
  // structure
  uniqueStepNames,
  statusExpected,
  oneBody,
  uniqueHeaders,
  // values
  durationsParse,
  pointersWellFormed,
  patternsCompile,
  knownVariables,
  // references to the world outside the file
  refsResolve,
  knownOperations,
  noCredentials,
];

/** Checks across every file. */
export const ACROSS_CHECKS: readonly AcrossCheck[] = [uniqueCaseIds];
