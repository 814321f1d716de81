import { LEVELS } from '../model/index.js';
import type { Case, Coverage, CoveredPoint, Level, OperationCoverage, StatusMatcher, Step } from '../model/index.js';
import type { Contract, ContractOperation } from './contract.js';
import { pathMatches } from './operations.js';

/**
 * Sets the contract against the cases: which documented status codes and which documented body
 * properties some case checks, derived from each step's request (its operation) and its
 * expectations, so suites need not say what they cover.
 * - A status point is covered by a step that expects exactly that code (`201`); a `2XX` key by
 *   `2xx` or any 2xx code; `default` (the error answer) by any 4xx or 5xx expectation.
 * - A property point is covered by a step whose expected status allows that answer and which
 *   asserts the property: a value expectation at it or below it (`by: value`, array indexes read
 *   as `*`), or a schema check whose schema documents it (`by: schema`).
 */
export function computeCoverage(contract: Contract, cases: readonly Case[]): Coverage {
  // Steps that call the same operation with the same expectations cover the same points: their
  // points are worked out once per distinct step, then each case only joins its step's group.
  const groups = new Map<string, StepGroup>();
  for (const c of cases) {
    for (const step of c.steps) joinGroup(groups, step, c, contract);
    for (const step of c.cleanup) joinGroup(groups, step, c, contract);
  }
  const hits = new Map<string, { groups: StepGroup[]; by: 'value' | 'schema' }>();
  for (const g of groups.values()) {
    for (const [key, by] of g.keys) {
      const h = hits.get(key);
      if (!h) hits.set(key, { groups: [g], by });
      else {
        h.groups.push(g);
        if (by === 'value') h.by = 'value';
      }
    }
  }
  // Points covered by the same groups share one sorted list of cases.
  const lists = new Map<string, { cases: string[]; level: Level }>();
  const covering = (groupsOf: StepGroup[]): { cases: string[]; level: Level } => {
    const key = groupsOf.map((g) => g.index).join(',');
    let found = lists.get(key);
    if (!found) {
      const ids = new Set<string>();
      let rank = LEVELS.length;
      for (const g of groupsOf) {
        for (const id of g.cases) ids.add(id);
        rank = Math.min(rank, g.rank);
      }
      found = { cases: [...ids].sort(), level: LEVELS[rank]! };
      lists.set(key, found);
    }
    return found;
  };
  const points: CoveredPoint[] = contract.operations.flatMap((op) =>
    op.points.map((p) => {
      const h = hits.get(keyOf(p.operation, p.kind, p.point, p.status));
      if (!h) return { ...p, cases: [] };
      const { cases: covered, level } = covering(h.groups);
      return { ...p, cases: [...covered], level, ...(p.kind === 'property' ? { by: h.by } : {}) };
    }),
  );
  const covered = points.filter((p) => p.cases.length > 0).length;
  return { percent: percentOf(covered, points.length), covered, total: points.length, operations: contract.operations.map((op) => operationCoverage(op, points)), points };
}

/** The steps, of any cases, that call one operation with the same expectations, and what they cover. */
interface StepGroup {
  index: number;
  /** The points they cover (see {@link keyOf}), with how. */
  keys: Map<string, 'value' | 'schema'>;
  cases: Set<string>;
  /** The strictest level of their cases, as an index of LEVELS. */
  rank: number;
}

function joinGroup(groups: Map<string, StepGroup>, step: Step, c: Case, contract: Contract): void {
  const signature = signatureOf(step);
  let g = groups.get(signature);
  if (!g) {
    g = { index: groups.size, keys: coveredKeys(step, contract), cases: new Set(), rank: LEVELS.length };
    groups.set(signature, g);
  }
  if (g.keys.size === 0) return;
  g.cases.add(c.id);
  const rank = LEVELS.indexOf(c.level);
  if (rank < g.rank) g.rank = rank;
}

/** What coverage reads of a step: its request's method and path, its expected status, value pointers and schemas. */
function signatureOf(step: Step): string {
  const e = step.expect;
  let s = `${step.request.method}\u0000${step.request.path}\u0000${(e.status?.anyOf ?? ['-']).join(',')}`;
  for (const v of e.values) if (!v.negated) s += `\u0000v${v.pointer}`;
  for (const x of e.schemas) s += `\u0000s${x.pointer}\u0001${x.ref}`;
  return s;
}

/** The points one step covers (see {@link computeCoverage}), with how: `value` wins over `schema`. */
function coveredKeys(step: Step, contract: Contract): Map<string, 'value' | 'schema'> {
  const keys = new Map<string, 'value' | 'schema'>();
  const op = contract.operations.find((o) => o.method === step.request.method && pathMatches(step.request.path, o.path));
  if (!op) return keys;
  const add = (key: string, by: 'value' | 'schema'): void => {
    if (keys.get(key) !== 'value') keys.set(key, by);
  };
  const matchers = step.expect.status?.anyOf;
  const asserted = assertedPointers(step, contract);
  for (const status of op.statuses) {
    if (matchers && statusCovered(status, matchers)) add(keyOf(op.name, 'status', status), 'value');
    if (matchers && !statusAllows(status, matchers)) continue;
    for (const [pointer, by] of asserted) add(keyOf(op.name, 'property', pointer, status), by);
  }
  return keys;
}

/** `covered / total` as a percentage with one decimal; 100 when there is nothing to cover. */
export function percentOf(covered: number, total: number): number {
  return total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10;
}

function operationCoverage(op: ContractOperation, points: CoveredPoint[]): OperationCoverage {
  const mine = points.filter((p) => p.operation === op.name);
  const tally = (kind: CoveredPoint['kind']) => {
    const of = mine.filter((p) => p.kind === kind);
    return { covered: of.filter((p) => p.cases.length > 0).length, total: of.length };
  };
  return { operation: op.name, statuses: tally('status'), properties: tally('property') };
}

function keyOf(operation: string, kind: string, point: string, status?: string): string {
  return `${operation}\u0000${kind}\u0000${status ?? ''}\u0000${point}`;
}

/** True when the step's expected status checks the documented one (see {@link computeCoverage}). */
function statusCovered(documented: string, matchers: readonly StatusMatcher[]): boolean {
  if (documented === 'default') return matchers.some((m) => (typeof m === 'number' ? m >= 400 : m === '4xx' || m === '5xx'));
  if (/^\dXX$/i.test(documented)) return matchers.some((m) => String(m)[0] === documented[0]);
  return matchers.includes(Number(documented));
}

/** True when an answer with the documented status would meet the step's expected status. */
function statusAllows(documented: string, matchers: readonly StatusMatcher[]): boolean {
  if (documented === 'default') return statusCovered(documented, matchers);
  return matchers.some((m) => (typeof m === 'number' ? String(m) === documented || (/^\dXX$/i.test(documented) && String(m)[0] === documented[0]) : m[0] === documented[0]));
}

/** The pointers a step asserts, array indexes as `*`, with how. */
function assertedPointers(step: Step, contract: Contract): [string, 'value' | 'schema'][] {
  const out: [string, 'value' | 'schema'][] = [];
  for (const v of step.expect.values) {
    if (v.negated) continue;
    const segments = generic(v.pointer).split('/');
    // Asserting /status/code asserts /status too.
    for (let i = 2; i <= segments.length; i++) out.push([segments.slice(0, i).join('/'), 'value']);
  }
  for (const s of step.expect.schemas) {
    const base = generic(s.pointer);
    if (base) out.push([base, 'schema']);
    for (const p of contract.propertiesOf(s.ref)) out.push([`${base}${p}`, 'schema']);
  }
  return out;
}

/** `/value/0/id` → `/value/*\/id`: an index stands for any item. */
function generic(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, '/*');
}
