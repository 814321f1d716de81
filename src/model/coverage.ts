import type { Level } from './suite.js';

/**
 * One point of the contract a case can check: a documented status code of an operation, or a
 * property of the body its success answer documents (a JSON pointer, array items as `*`).
 */
export interface ContractPoint {
  /** `GET /servicePrincipals/{servicePrincipal-id}/synchronization/jobs`. */
  operation: string;
  kind: 'status' | 'property';
  /** `201`, `2XX`, `default` (an error answer); or the property's pointer, `/status/code`. */
  point: string;
  /** For a property: the status whose body documents it. */
  status?: string;
}

/** A contract point and the cases that check it. */
export interface CoveredPoint extends ContractPoint {
  /** The ids of the cases that check it; empty when none does. */
  cases: string[];
  /** The strictest requirement level of those cases; absent when uncovered. */
  level?: Level;
  /** How a property is asserted: by a value expectation on it, or only by a schema check. */
  by?: 'value' | 'schema';
}

/** Coverage of one operation. */
export interface OperationCoverage {
  operation: string;
  statuses: { covered: number; total: number };
  properties: { covered: number; total: number };
}

/** How much of the contract in `specs/` the selected cases check. */
export interface Coverage {
  /** Covered points over all points, 0–100, one decimal. */
  percent: number;
  covered: number;
  total: number;
  operations: OperationCoverage[];
  points: CoveredPoint[];
  /** `--min-coverage`, when given. */
  minimum?: number;
  /** Set when `percent` is below `minimum`: the run fails (exit 1) whatever its verdict. */
  belowMinimum?: boolean;
}
