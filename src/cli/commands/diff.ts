import { resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import { diffHtml, diffRuns, diffText } from '../../report/diff/index.js';
import { parseSettings } from '../args.js';
import { EXIT, UsageError } from '../../run/exit-codes.js';
import { diffFlags } from '../flags.js';
import { formatHelp } from '../help.js';
import type { CliIo } from '../io.js';
import { println } from '../io.js';
import { readResultsFile } from '../results-file.js';

/**
 * `gsc diff A/results.json B/results.json`: the same cases run against two targets, compared by
 * outcome, status codes and the shape of each response body. Exit 0 when nothing differs, 1 when
 * something does, so a script can tell.
 */
export async function diffCommand(argv: string[], io: CliIo): Promise<number> {
  const s = parseSettings(argv, diffFlags, io.env);
  if (s.flag('help')) {
    println(io.stdout, formatHelp('diff'));
    return EXIT.conformant;
  }
  if (s.positionals.length !== 2) throw new UsageError(`give two results files, e.g. gsc diff emulator/results.json tenant/results.json (got ${s.positionals.length})`);
  const [pathA, pathB] = s.positionals as [string, string];
  const a = readResultsFile(pathA, io.cwd, 'A');
  const b = readResultsFile(pathB, io.cwd, 'B');
  const d = diffRuns({ label: pathA, target: a.target, cases: a.cases }, { label: pathB, target: b.target, cases: b.cases });
  for (const line of diffText(d)) println(io.stdout, line);
  const html = s.get('html');
  if (html !== undefined) {
    try {
      writeFileSync(resolve(io.cwd, html), diffHtml(d), 'utf8');
    } catch (err) {
      throw new UsageError(`--html ${html}: cannot write it (${(err as Error).message})`);
    }
    println(io.stderr, `gsc diff: wrote ${html}`);
  }
  return d.differing.length + d.onlyA.length + d.onlyB.length === 0 ? EXIT.conformant : EXIT.nonConformant;
}
