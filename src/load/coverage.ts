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
  const hits = new Map<string, { cases: Set<string>; level: Level; by: 'value' | 'schema' }>();
  const hit = (key: string, c: Case, by: 'value' | 'schema'): void => {
    const h = hits.get(key);
    if (!h) return void hits.set(key, { cases: new Set([c.id]), level: c.level, by });
    h.cases.add(c.id);
    if (LEVELS.indexOf(c.level) < LEVELS.indexOf(h.level)) h.level = c.level;
    if (by === 'value') h.by = 'value';
  };
  for (const c of cases) {
    for (const step of [...c.steps, ...c.cleanup]) {
      const op = contract.operations.find((o) => o.method === step.request.method && pathMatches(step.request.path, o.path));
      if (!op) continue;
      const matchers = step.expect.status?.anyOf;
      for (const status of op.statuses) {
        if (matchers && statusCovered(status, matchers)) hit(keyOf(op.name, 'status', status), c, 'value');
        if (matchers && !statusAllows(status, matchers)) continue;
        for (const [pointer, by] of assertedPointers(step, contract)) hit(keyOf(op.name, 'property', pointer, status), c, by);
      }
    }
  }
  const points: CoveredPoint[] = contract.operations.flatMap((op) =>
    op.points.map((p) => {
      const h = hits.get(keyOf(p.operation, p.kind, p.point, p.status));
      return h ? { ...p, cases: [...h.cases].sort(), level: h.level, ...(p.kind === 'property' ? { by: h.by } : {}) } : { ...p, cases: [] };
    }),
  );
  const covered = points.filter((p) => p.cases.length > 0).length;
  return { percent: percentOf(covered, points.length), covered, total: points.length, operations: contract.operations.map((op) => operationCoverage(op, points)), points };
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
