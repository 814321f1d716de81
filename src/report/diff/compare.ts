import type { CaseResult, Status, StepResult } from '../../model/index.js';
import { compareShapes, shapeOf, type ShapeDifference } from './shape.js';

/** One side of a comparison: a run's results file, and what to call it. */
export interface DiffSide {
  label: string;
  target: string;
  cases: readonly CaseResult[];
}

/** How one step's answers differ between the two targets. */
export interface StepDifference {
  step: string;
  phase: StepResult['phase'];
  /** The response status on each side; undefined when no request was sent. */
  status: [number | undefined, number | undefined];
  shape: ShapeDifference;
  /** True when a body was cut in a results file, so its shape may be incomplete. */
  truncated: boolean;
}

/** How one case differs: its outcome, and each step that answered differently. */
export interface CaseDifference {
  id: string;
  title: string;
  outcome: [Status, Status];
  steps: StepDifference[];
}

/** The whole comparison of two runs of the same suites against two targets. */
export interface RunDiff {
  a: Omit<DiffSide, 'cases'>;
  b: Omit<DiffSide, 'cases'>;
  /** Cases run on both sides that differ in outcome, a status code or a body's shape. */
  differing: CaseDifference[];
  /** Cases run on both sides with the same outcome, status codes and shapes. */
  same: number;
  onlyA: string[];
  onlyB: string[];
}

/** Compares the cases both runs share, by id, and their steps, by phase and name. */
export function diffRuns(a: DiffSide, b: DiffSide): RunDiff {
  const byId = new Map(b.cases.map((c) => [c.id, c]));
  const inA = new Set(a.cases.map((c) => c.id));
  const differing: CaseDifference[] = [];
  let same = 0;
  for (const ca of a.cases) {
    const cb = byId.get(ca.id);
    if (!cb) continue;
    const d = diffCase(ca, cb);
    if (d) differing.push(d);
    else same++;
  }
  return {
    a: { label: a.label, target: a.target },
    b: { label: b.label, target: b.target },
    differing,
    same,
    onlyA: a.cases.filter((c) => !byId.has(c.id)).map((c) => c.id),
    onlyB: b.cases.filter((c) => !inA.has(c.id)).map((c) => c.id),
  };
}

function diffCase(a: CaseResult, b: CaseResult): CaseDifference | undefined {
  const key = (s: StepResult) => `${s.phase}\u0000${s.name}`;
  const stepsB = new Map((b.steps ?? []).map((s) => [key(s), s]));
  const steps: StepDifference[] = [];
  for (const sa of a.steps ?? []) {
    const sb = stepsB.get(key(sa));
    if (!sb) continue;
    const ra = sa.exchange?.response;
    const rb = sb.exchange?.response;
    const shape = compareShapes(shapeOf(ra?.json), shapeOf(rb?.json));
    const statusDiffers = ra?.status !== rb?.status;
    if (!statusDiffers && shape.onlyA.length + shape.onlyB.length + shape.types.length === 0) continue;
    const truncated = Boolean((ra as { bodyTruncated?: boolean } | undefined)?.bodyTruncated || (rb as { bodyTruncated?: boolean } | undefined)?.bodyTruncated);
    steps.push({ step: sa.name, phase: sa.phase, status: [ra?.status, rb?.status], shape, truncated });
  }
  if (a.status === b.status && steps.length === 0) return undefined;
  return { id: a.id, title: a.title, outcome: [a.status, b.status], steps };
}
