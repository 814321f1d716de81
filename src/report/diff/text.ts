import { say } from '../explain.js';
import { plural } from '../text.js';
import type { RunDiff, StepDifference } from './compare.js';

/** At most this many pointers per list, so one very different body cannot flood a log. */
const MAX_POINTERS = 20;

/** The comparison as console text: a header, each differing case with its steps, then the unmatched ids. */
export function diffText(d: RunDiff): string[] {
  const lines = [
    `gsc diff: A = ${say(d.a.label, 300)} (${say(d.a.target, 300)})`,
    `          B = ${say(d.b.label, 300)} (${say(d.b.target, 300)})`,
    `${plural(d.same, 'case')} the same, ${d.differing.length} differ; ${d.onlyA.length} only in A, ${d.onlyB.length} only in B`,
  ];
  for (const c of d.differing) {
    lines.push('', `${say(c.id, 200)} — ${say(c.title, 200)}`);
    if (c.outcome[0] !== c.outcome[1]) lines.push(`  outcome: A ${c.outcome[0]}, B ${c.outcome[1]}`);
    for (const s of c.steps) lines.push(...stepLines(s));
  }
  if (d.onlyA.length) lines.push('', `Only in A: ${d.onlyA.map((id) => say(id, 200)).join(', ')}`);
  if (d.onlyB.length) lines.push('', `Only in B: ${d.onlyB.map((id) => say(id, 200)).join(', ')}`);
  return lines;
}

function stepLines(s: StepDifference): string[] {
  const name = `${s.phase === 'cleanup' ? 'cleanup step' : 'step'} "${say(s.step, 80)}"`;
  const [a, b] = s.status;
  const lines = [`  ${name}: ${a === b ? `status ${a ?? 'none'} on both` : `status A ${a ?? 'none (not sent)'}, B ${b ?? 'none (not sent)'}`}${s.truncated ? ' (a body was truncated in results.json; its shape may be incomplete)' : ''}`];
  const list = (label: string, pointers: string[]) => {
    if (!pointers.length) return;
    const shown = pointers.slice(0, MAX_POINTERS).map((p) => (p === '' ? '(the body)' : say(p, 200)));
    lines.push(`    ${label}: ${shown.join(', ')}${pointers.length > shown.length ? `, and ${pointers.length - shown.length} more` : ''}`);
  };
  list('only in A', s.shape.onlyA);
  list('only in B', s.shape.onlyB);
  for (const t of s.shape.types.slice(0, MAX_POINTERS)) lines.push(`    type of ${t.pointer === '' ? '(the body)' : say(t.pointer, 200)}: A ${t.a.join('|')}, B ${t.b.join('|')}`);
  if (s.shape.types.length > MAX_POINTERS) lines.push(`    and ${s.shape.types.length - MAX_POINTERS} more type differences`);
  return lines;
}
