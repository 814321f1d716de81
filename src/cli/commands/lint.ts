import { parseSettings } from '../args.js';
import { EXIT } from '../../run/exit-codes.js';
import { formatHelp } from '../help.js';
import type { CliIo } from '../io.js';
import { println } from '../io.js';
import { loadAndReport } from '../suites.js';

/** `gsc lint [paths…]`: everything a run checks before its first request, and nothing more. */
export async function lintCommand(argv: string[], io: CliIo): Promise<number> {
  const s = parseSettings(argv, [], io.env);
  if (s.flag('help')) {
    println(io.stdout, formatHelp('lint'));
    return EXIT.conformant;
  }
  const suites = await loadAndReport(s.positionals, io);
  if (!suites) return EXIT.usage;
  const cases = suites.reduce((n, x) => n + x.cases.length, 0);
  println(io.stdout, `gsc lint: ${suites.length} suite file(s), ${cases} case(s): no problems found`);
  return EXIT.conformant;
}
