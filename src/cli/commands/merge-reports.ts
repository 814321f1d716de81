import { EXIT } from '../../run/exit-codes.js';
import { mergeReports } from '../../run/merge-reports.js';
import { parseList } from '../../run/values.js';
import { summaryLine } from '../../report/verdict.js';
import { parseSettings } from '../args.js';
import { mergeFlags } from '../flags.js';
import { formatHelp } from '../help.js';
import type { CliIo } from '../io.js';
import { println } from '../io.js';

/** `gsc merge-reports DIR… --out DIR`: one report from the shards' results.json; the exit code says the merged verdict. */
export async function mergeReportsCommand(argv: string[], io: CliIo): Promise<number> {
  const s = parseSettings(argv, mergeFlags, io.env);
  if (s.flag('help')) {
    println(io.stdout, formatHelp('merge-reports'));
    return EXIT.conformant;
  }
  if (s.positionals.length === 0) {
    println(io.stderr, 'gsc merge-reports: give the folders the shards wrote, e.g. gsc merge-reports shards/* --out reports (see --help)');
    return EXIT.usage;
  }
  const reporters = s.get('reporter');
  const out = s.get('out');
  const merged = await mergeReports({ inputs: s.positionals, cwd: io.cwd, stdout: io.stdout, ...(out !== undefined ? { out } : {}), ...(reporters !== undefined ? { reporters: parseList(reporters) } : {}) });
  println(io.stdout, `gsc: merged ${s.positionals.length} shard report(s): ${merged.verdict}`);
  println(io.stdout, summaryLine(merged.counts, merged.durationMs));
  return merged.aborted?.code === 'aborted' ? EXIT.interrupted : { conformant: EXIT.conformant, 'non-conformant': EXIT.nonConformant, incomplete: EXIT.untestable }[merged.verdict];
}
