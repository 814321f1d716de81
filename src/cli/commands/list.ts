import { nothingSelected } from '../../plan/nothing-selected.js';
import { selectOrUsage } from '../../run/plan.js';
import { parseSettings } from '../args.js';
import { EXIT } from '../../run/exit-codes.js';
import { selectionFlags } from '../flags.js';
import { formatHelp } from '../help.js';
import type { CliIo } from '../io.js';
import { println } from '../io.js';
import { loadAndReport } from '../suites.js';
import { parseList } from '../../run/values.js';
import { settingsLabel } from '../run-options.js';

/** `gsc list`: the cases a run with the same selection would execute, one per line. */
export async function listCommand(argv: string[], io: CliIo): Promise<number> {
  const s = parseSettings(argv, selectionFlags, io.env);
  if (s.flag('help')) {
    println(io.stdout, formatHelp('list'));
    return EXIT.conformant;
  }
  const suites = await loadAndReport(s.positionals, io);
  if (!suites) return EXIT.usage;
  const selection = { ...(s.get('grep') !== undefined ? { grep: s.get('grep') } : {}), tags: parseList(s.get('tags')) };
  const planned = selectOrUsage(suites, selection, settingsLabel(s));
  if (planned.length === 0) {
    println(io.stderr, `gsc list: ${nothingSelected(suites, selection)}`);
    return EXIT.usage;
  }
  const width = Math.max(0, ...planned.map((p) => p.case.id.length));
  for (const { case: c } of planned) {
    const tags = c.tags.length ? `  [${c.tags.join(', ')}]` : '';
    const needs = c.needs?.length ? `  needs ${c.needs.map((n) => `{{${n}}}`).join(', ')}` : '';
    println(io.stdout, `${c.level.padEnd(7)}${c.id.padEnd(width + 2)}${c.title}${tags}${needs}`);
  }
  println(io.stdout, `${planned.length} case(s)`);
  return EXIT.conformant;
}
