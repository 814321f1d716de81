/** Bench results as text: one block per section, ours next to the baseline with the ratio spelt out. */
import type { Reference, Row, Section, Target, Unit } from './types.js';

/** A figure with its unit, rounded to what the measurement can tell. */
export function formatValue(value: number, unit: Unit): string {
  const digits = unit === '/s' ? (value >= 100 ? 0 : 1) : unit === 'MB' ? (value >= 100 ? 0 : 1) : value >= 100 ? 0 : value >= 10 ? 1 : 2;
  const n = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unit === '/s' ? `${n}/s` : `${n} ${unit}`;
}

/** "12× faster", "2.1× slower (+45 ms)", "1.4× more (+20 MB)": which way is better depends on the unit. */
export function compare(ours: number, baseline: number, unit: Unit): string {
  if (!(ours > 0) || !(baseline > 0)) return '';
  const times = (r: number): string => `${r >= 10 ? Math.round(r) : r.toFixed(r >= 2 ? 1 : 2)}×`;
  if (unit === '/s') return ours >= baseline ? `${times(ours / baseline)} faster` : `${times(baseline / ours)} slower`;
  const delta = ours - baseline;
  const signed = `${delta >= 0 ? '+' : '−'}${formatValue(Math.abs(delta), unit)}`;
  if (unit === 'ms') return ours > baseline ? `${times(ours / baseline)} slower (${signed})` : `${times(baseline / ours)} faster (${signed})`;
  return ours > baseline ? `${times(ours / baseline)} more (${signed})` : `${times(baseline / ours)} less (${signed})`;
}

const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - s.length));
const padLeft = (s: string, n: number): string => ' '.repeat(Math.max(0, n - s.length)) + s;

function rowLines(rows: Row[]): string[] {
  const cells = rows.map((r) => [r.metric, formatValue(r.ours, r.unit), r.baseline === undefined ? '—' : formatValue(r.baseline, r.unit), r.baseline === undefined ? '' : compare(r.ours, r.baseline, r.unit)]);
  const head = ['metric', 'ours', 'baseline', 'ours vs baseline'];
  const w = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => `   ${pad(c[0]!, w[0]!)}  ${padLeft(c[1]!, w[1]!)}  ${padLeft(c[2]!, w[2]!)}  ${c[3]}`.trimEnd();
  return [line(head), ...cells.map(line)];
}

function referenceLines(refs: Reference[], rows: Row[]): string[] {
  const sources = [...new Set(refs.map((r) => r.source))];
  return sources.flatMap((source) => [
    `   reference (${source}):`,
    ...refs
      .filter((r) => r.source === source)
      .map((ref) => {
        const row = ref.compareTo === undefined ? undefined : rows.find((r) => r.metric === ref.compareTo);
        const vs = row ? `; ours ${formatValue(row.ours, row.unit)} is ${compare(row.ours, ref.value, ref.unit)}` : '';
        return `     ${ref.label}: ${formatValue(ref.value, ref.unit)}${vs}`;
      }),
  ]);
}

/** "PASS  gsc list vs node -e 0: 2.91×, at most 3.5×" or "MISS … (by 12%)". */
export function formatTarget(t: Target): string {
  const x = (r: number): string => `${r.toFixed(r >= 10 ? 1 : 2)}×`;
  if (!Number.isFinite(t.ratio)) return `MISS  ${t.label}: not measured${t.reason ? ` (${t.reason})` : ''}, target ${t.bound} ${x(t.limit)}`;
  const by = t.pass ? '' : ` (missed by ${Math.abs(Math.round((t.ratio / t.limit - 1) * 100))}%)`;
  return `${t.pass ? 'PASS' : 'MISS'}  ${t.label}: ${x(t.ratio)}, target ${t.bound} ${x(t.limit)}${by}`;
}

/** The whole section as lines of text. */
export function formatSection(s: Section): string[] {
  return [
    s.title,
    `   ours:     ${s.ours}`,
    `   baseline: ${s.baseline}`,
    '',
    ...rowLines(s.rows),
    ...(s.references.length > 0 ? ['', ...referenceLines(s.references, s.rows)] : []),
    ...s.notes.map((n) => `   note: ${n}`),
    ...(s.targets && s.targets.length > 0 ? ['', ...s.targets.map((t) => `   ${formatTarget(t)}`)] : []),
  ];
}
