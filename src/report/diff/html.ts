import { createHash } from 'node:crypto';
import { esc, escSay } from '../html/escape.js';
import type { RunDiff, StepDifference } from './compare.js';

const STYLE = `
body{margin:0;padding:1.5rem;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f2328;background:#f6f8fa}
h1{font-size:1.3rem;margin:0 0 .5rem}
table{border-collapse:collapse;background:#fff;margin:.5rem 0 1.5rem;width:100%}
th,td{border:1px solid #d1d9e0;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f4}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
.passed{color:#1a7f37}.failed{color:#cf222e}.error{color:#8250df}.skipped{color:#9a6700}
ul{margin:0;padding-left:1.1rem}
.dim{color:#59636e}
`;

const CSP = ["default-src 'none'", `style-src 'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'`, "base-uri 'none'", "form-action 'none'"].join('; ');

/**
 * The comparison as one self-contained page (no script, no external resource, a CSP that
 * forbids every script): a table of the differing cases with each step's status codes and the
 * properties present on one side only or typed differently. Everything from results is escaped.
 */
export function diffHtml(d: RunDiff): string {
  const rows = d.differing.map((c) => {
    const outcome = c.outcome[0] === c.outcome[1] ? `<span class="${esc(c.outcome[0])}">${esc(c.outcome[0])}</span> on both` : `A <span class="${esc(c.outcome[0])}">${esc(c.outcome[0])}</span>, B <span class="${esc(c.outcome[1])}">${esc(c.outcome[1])}</span>`;
    const steps = c.steps.length ? `<ul>${c.steps.map(stepItem).join('')}</ul>` : '<span class="dim">same status codes and shapes</span>';
    return `<tr><td><code>${escSay(c.id, 200)}</code><br><span class="dim">${escSay(c.title, 300)}</span></td><td>${outcome}</td><td>${steps}</td></tr>`;
  });
  const only = (label: string, ids: string[]) => (ids.length ? `<p>${label}: ${ids.map((id) => `<code>${escSay(id, 200)}</code>`).join(', ')}</p>` : '');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gsc diff</title><style>${STYLE}</style></head>
<body>
<h1>gsc diff</h1>
<p>A = <code>${escSay(d.a.label, 300)}</code> (${escSay(d.a.target, 300)})<br>B = <code>${escSay(d.b.label, 300)}</code> (${escSay(d.b.target, 300)})</p>
<p role="status">${d.same} case(s) the same, ${d.differing.length} differ; ${d.onlyA.length} only in A, ${d.onlyB.length} only in B.</p>
${rows.length ? `<table><thead><tr><th>case</th><th>outcome</th><th>steps that answered differently</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>` : '<p>No case differs.</p>'}
${only('Only in A', d.onlyA)}${only('Only in B', d.onlyB)}
</body></html>
`;
}

function stepItem(s: StepDifference): string {
  const [a, b] = s.status;
  const status = a === b ? `status ${esc(String(a ?? 'none'))} on both` : `status A <b>${esc(String(a ?? 'none'))}</b>, B <b>${esc(String(b ?? 'none'))}</b>`;
  const parts: string[] = [];
  const ptr = (p: string) => `<code>${p === '' ? '(the body)' : escSay(p, 200)}</code>`;
  if (s.shape.onlyA.length) parts.push(`only in A: ${s.shape.onlyA.slice(0, 50).map(ptr).join(', ')}`);
  if (s.shape.onlyB.length) parts.push(`only in B: ${s.shape.onlyB.slice(0, 50).map(ptr).join(', ')}`);
  for (const t of s.shape.types.slice(0, 50)) parts.push(`type of ${ptr(t.pointer)}: A ${esc(t.a.join('|'))}, B ${esc(t.b.join('|'))}`);
  const name = `${s.phase === 'cleanup' ? 'cleanup step' : 'step'} <code>${escSay(s.step, 80)}</code>`;
  return `<li>${name}: ${status}${parts.length ? `<ul>${parts.map((p) => `<li>${p}</li>`).join('')}</ul>` : ''}${s.truncated ? ' <span class="dim">(a body was truncated; its shape may be incomplete)</span>' : ''}</li>`;
}
