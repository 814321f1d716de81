import { createHash } from 'node:crypto';
import { LEVELS } from '../../model/index.js';
import { CHART_ORDER } from './chart.js';

/**
 * Filters are pure CSS: each checkbox hides the cases of its status or level through `:has()`,
 * so the page needs no script at all and its Content-Security-Policy can forbid every script.
 * A CSS counter after the list counts the cases still shown (hidden boxes do not count).
 */
const FILTER_RULES = [
  ...CHART_ORDER.map((s) => `body:has(#show-${s}:not(:checked)) .case[data-status="${s}"]{display:none}`),
  ...LEVELS.map((l) => `body:has(#show-${l}:not(:checked)) .case[data-level="${l}"]{display:none}`),
].join('\n');

/** The page's only stylesheet; its hash is the one style the page's CSP allows. */
export const STYLE = `
:root{--bg:#f6f8fa;--card:#fff;--fg:#1f2328;--dim:#59636e;--line:#d1d9e0;--pass:#1a7f37;--fail:#cf222e;--err:#8250df;--skip:#9a6700;--mark:#fff1a8;--mark-line:#d4a72c;--code:#f6f8fa;--js:#0a3069;--jn:#0550ae;--jb:#cf222e;--jk:#953800;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--card:#151b23;--fg:#e6edf3;--dim:#9198a1;--line:#3d444d;--pass:#2f9e44;--fail:#e5534b;--err:#9a6ef0;--skip:#c69026;--mark:#4d3c00;--mark-line:#d4a72c;--code:#0d1117;--js:#a5d6ff;--jn:#79c0ff;--jb:#ff7b72;--jk:#ffa657}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1200px;margin:0 auto;padding:24px}
code,pre,.badge,table.headers{font-family:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
h1{font-size:22px;margin:0 0 2px}
h2{font-size:16px;margin:0 0 12px}
h4{font-size:13px;margin:10px 0 4px}
a{color:var(--jn)}
.facts{color:var(--dim);margin:0 0 16px}
.verdict{padding:12px 16px;border-radius:8px;border:1px solid;font-weight:600;margin:0 0 20px}
.verdict.conformant{border-color:var(--pass);background:color-mix(in srgb,var(--pass) 12%,var(--card))}
.verdict.non-conformant{border-color:var(--fail);background:color-mix(in srgb,var(--fail) 12%,var(--card))}
.verdict.incomplete{border-color:var(--skip);background:color-mix(in srgb,var(--skip) 14%,var(--card))}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:0 0 20px}
.summary-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:24px;align-items:center}
table.tally{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
table.tally th,table.tally td{padding:5px 10px;text-align:right;border-bottom:1px solid var(--line)}
table.tally th:first-child,table.tally td:first-child{text-align:left}
table.tally thead th{color:var(--dim);font-weight:500}
table.tally tr.informative td{color:var(--dim)}
table.tally td .dim{font-size:12px}
table.tally td.failed.some{color:var(--fail);font-weight:600}
table.tally td.error.some{color:var(--err);font-weight:600}
table.tally tr.informative td.failed.some{color:var(--dim);text-decoration:underline dotted}
.tally-note{color:var(--dim);font-size:12px;margin:6px 0 0}
figure{margin:0}
.chart{width:100%;max-width:560px;height:auto;display:block}
.seg.passed{fill:var(--pass)}.seg.failed{fill:var(--fail)}.seg.error{fill:var(--err)}.seg.skipped{fill:var(--skip)}
.seg.none{fill:none;stroke:var(--line);stroke-dasharray:4 3}
.seg-label{fill:#fff;font:600 12px system-ui,sans-serif}
.axis{fill:var(--fg);font:600 13px system-ui,sans-serif}.axis.count{fill:var(--dim);font-weight:400}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;color:var(--dim);font-size:12px;margin-top:8px}
.legend span::before{content:"";display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px;background:var(--line)}
.legend .passed::before{background:var(--pass)}.legend .failed::before{background:var(--fail)}.legend .error::before{background:var(--err)}.legend .skipped::before{background:var(--skip)}
ul.trouble{margin:12px 0 0;padding-left:20px}
ul.trouble li{margin:2px 0}
.filters{display:flex;flex-wrap:wrap;gap:10px 28px;align-items:center;padding:10px 16px}
.filters .group{display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.filters .group-name{color:var(--dim);margin-right:4px}
.chip{display:inline-flex;align-items:center;gap:6px;border:1px solid var(--line);border-radius:999px;padding:2px 10px;cursor:pointer;user-select:none;background:var(--card)}
.chip input{margin:0;accent-color:var(--jn)}
.chip:has(input:not(:checked)){opacity:.6}
.chip .n{color:var(--dim);font-variant-numeric:tabular-nums}
.cases{display:flex;flex-direction:column;gap:8px;counter-reset:shown}
.shown{order:-1;margin:0 0 4px;color:var(--dim);font-size:13px}
.shown::before{content:counter(shown) " "}
.case{counter-increment:shown;background:var(--card);border:1px solid var(--line);border-left:4px solid var(--line);border-radius:6px}
.case[data-status="passed"]{border-left-color:var(--pass)}.case[data-status="failed"]{border-left-color:var(--fail)}
.case[data-status="error"]{border-left-color:var(--err)}.case[data-status="skipped"]{border-left-color:var(--skip)}
summary{cursor:pointer;list-style:none}
summary::-webkit-details-marker{display:none}
.case>summary,.step>summary{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline;padding:8px 12px}
.case>summary::before,.step>summary::before{content:"\\25B8";color:var(--dim);width:10px}
.case[open]>summary::before,.step[open]>summary::before{content:"\\25BE"}
.badge{font-weight:600;font-size:11px;line-height:18px;padding:0 6px;border-radius:4px;color:#fff;min-width:46px;text-align:center;background:var(--dim)}
.badge.passed{background:var(--pass)}.badge.failed{background:var(--fail)}.badge.error{background:var(--err)}.badge.skipped{background:var(--skip)}
.level{font-size:11px;font-weight:600;border:1px solid var(--line);border-radius:4px;padding:0 5px;color:var(--dim)}
.id{font-weight:600}
.title{flex:1 1 240px;min-width:0}
.note{font-size:12px;color:var(--skip)}
.dur{color:var(--dim);font-size:12px}
.where{color:var(--dim)}
.case-body{padding:4px 16px 12px;border-top:1px solid var(--line)}
.meta{color:var(--dim);font-size:13px;overflow-wrap:anywhere}
.callout{background:var(--code);border:1px solid var(--line);border-left:3px solid var(--skip);border-radius:6px;padding:6px 10px;overflow-wrap:anywhere}
.callout.error{border-left-color:var(--err)}
ol.steps{list-style:none;padding:0;margin:8px 0;display:flex;flex-direction:column;gap:8px}
.step{border:1px solid var(--line);border-radius:6px}
.step>summary{padding:6px 10px}
.step>:not(summary){margin-left:14px;margin-right:14px}
ol.findings{margin:8px 0;padding-left:36px}
ol.findings p{margin:4px 0}
.check{color:var(--fail);font-weight:600}
dl{display:grid;grid-template-columns:max-content 1fr;gap:1px 12px;margin:0 0 8px}
dt{color:var(--dim)}
dd{margin:0;overflow-wrap:anywhere}
.exchange{display:grid;grid-template-columns:repeat(auto-fit,minmax(360px,1fr));gap:14px;margin-bottom:12px}
.exchange section{min-width:0}
.line{overflow-wrap:anywhere;margin:4px 0}
table.headers{border-collapse:collapse;width:100%;font-size:12px}
table.headers th{width:1%;text-align:left;color:var(--dim);font-weight:400;padding:0 12px 0 0;white-space:nowrap;vertical-align:top}
table.headers td{overflow-wrap:anywhere;padding:0}
pre.body{background:var(--code);border:1px solid var(--line);border-radius:6px;padding:8px 10px;max-height:520px;overflow:auto;white-space:pre-wrap;overflow-wrap:anywhere;margin:6px 0}
mark{color:inherit;border-radius:2px}
mark.hit,.http-status.hit{background:var(--mark);outline:2px solid var(--mark-line)}
mark.near{background:transparent;outline:2px dashed var(--mark-line)}
.http-status{padding:0 4px;border-radius:3px}
.js{color:var(--js)}.jn{color:var(--jn)}.jb,.jl{color:var(--jb)}.jk{color:var(--jk)}
.dim{color:var(--dim)}
footer{color:var(--dim);font-size:12px;margin-top:24px}
${FILTER_RULES}
`;

/**
 * The page's Content-Security-Policy: nothing may load or run except this stylesheet (by hash).
 * No `script-src` means `default-src 'none'` applies, so even markup that slipped past escaping
 * could run no script, load no image from the network and send no form. It holds no `"` or `<`,
 * so it goes into the meta tag's attribute as it is.
 */
export const CSP: string = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'`,
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
