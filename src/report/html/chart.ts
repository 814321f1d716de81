import { LEVELS } from '../../model/index.js';
import type { Status } from '../../model/index.js';
import type { LevelTally } from '../verdict.js';

/** Statuses in the order the bars stack them: the good news first, then what needs reading. */
export const CHART_ORDER: readonly Status[] = ['passed', 'failed', 'error', 'skipped'];

const LABEL_W = 70;
const BAR_W = 420;
const COUNT_W = 70;
const ROW_H = 26;
const GAP = 12;

/**
 * An inline SVG chart: one 100 % stacked bar per requirement level (passed, failed, error,
 * skipped), its count at the end, a `<title>` on each segment for hover, and a text
 * alternative for screen readers. Colours come from the page's stylesheet classes, so no
 * inline style is needed under the page's Content-Security-Policy.
 */
export function levelChart(tally: LevelTally): string {
  const rows = LEVELS.map((level, i) => {
    const y = i * (ROW_H + GAP);
    const counts = tally[level];
    const total = CHART_ORDER.reduce((n, s) => n + counts[s], 0);
    let x = LABEL_W;
    const segments = CHART_ORDER.filter((s) => counts[s] > 0).map((s) => {
      const w = (counts[s] / total) * BAR_W;
      const rect = `<rect class="seg ${s}" x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${ROW_H}"><title>${level}: ${counts[s]} ${s}</title></rect>`;
      const label = w >= 22 ? `<text class="seg-label" x="${(x + w / 2).toFixed(1)}" y="${y + ROW_H / 2 + 4}" text-anchor="middle">${counts[s]}</text>` : '';
      x += w;
      return rect + label;
    });
    const empty = total === 0 ? `<rect class="seg none" x="${LABEL_W}" y="${y}" width="${BAR_W}" height="${ROW_H}"><title>${level}: no cases</title></rect>` : '';
    return [
      `<text class="axis" x="0" y="${y + ROW_H / 2 + 5}">${level}</text>`,
      empty,
      ...segments,
      `<text class="axis count" x="${LABEL_W + BAR_W + 10}" y="${y + ROW_H / 2 + 5}">${total === 0 ? 'none' : `${total} ${total === 1 ? 'case' : 'cases'}`}</text>`,
    ].join('');
  });
  const height = LEVELS.length * (ROW_H + GAP) - GAP;
  const alt = LEVELS.map((l) => `${l}: ${CHART_ORDER.map((s) => `${tally[l][s]} ${s}`).join(', ')}`).join('; ');
  return `<svg class="chart" viewBox="0 0 ${LABEL_W + BAR_W + COUNT_W} ${height}" role="img" aria-label="${alt}" xmlns="http://www.w3.org/2000/svg">${rows.join('')}</svg>`;
}
