import { selectCases } from '../../plan/select.js';
import { nothingSelected } from '../../plan/nothing-selected.js';
import { coverageLine, coverageTable, coveredPointLines, uncoveredStatusLines } from '../../report/coverage.js';
import { parseSettings } from '../args.js';
import { contractCoverage, parseMinCoverage } from '../../run/coverage.js';
import { EXIT } from '../../run/exit-codes.js';
import { coverageFlags } from '../flags.js';
import { formatHelp } from '../help.js';
import type { CliIo } from '../io.js';
import { println } from '../io.js';
import { loadAndReport } from '../suites.js';
import { parseList } from '../../run/values.js';

/**
 * `gsc coverage [paths…]`: the operations in specs/ set against the cases that exercise them,
 * without sending anything. `--min-coverage P` exits 1 below P percent.
 */
export async function coverageCommand(argv: string[], io: CliIo): Promise<number> {
  const s = parseSettings(argv, coverageFlags, io.env);
  if (s.flag('help')) {
    println(io.stdout, formatHelp('coverage'));
    return EXIT.conformant;
  }
  const min = parseMinCoverage(s.get('min-coverage'), s.source('min-coverage')?.label ?? '--min-coverage');
  const suites = await loadAndReport(s.positionals, io);
  if (!suites) return EXIT.usage;
  const selection = { grep: s.get('grep'), tags: parseList(s.get('tags')) };
  const selected = selectCases(suites, selection);
  if (selected.length === 0) {
    println(io.stderr, `gsc coverage: ${nothingSelected(suites, selection)}`);
    return EXIT.usage;
  }
  const coverage = contractCoverage(selected.map((p) => p.case));
  for (const line of coverageTable(coverage)) println(io.stdout, line);
  const missing = uncoveredStatusLines(coverage);
  if (missing.length) println(io.stdout, ['', 'Status codes no case checks:', ...missing.map((l) => `  ${l}`)].join('\n'));
  if (s.flag('verbose')) println(io.stdout, ['', 'Covered points (strictest level, operation, point: cases):', ...coveredPointLines(coverage).map((l) => `  ${l}`)].join('\n'));
  println(io.stdout, `\n${coverageLine(coverage)}`);
  if (min !== undefined && coverage.percent < min) {
    println(io.stderr, `gsc coverage: contract coverage ${coverage.percent}% is below --min-coverage ${min}%`);
    return EXIT.nonConformant;
  }
  return EXIT.conformant;
}
