import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stringify } from '../../common/yaml.js';
import type { CaseResult } from '../../model/index.js';
import { headline } from '../../report/explain.js';
import { parseSettings } from '../args.js';
import { EXIT, UsageError } from '../../run/exit-codes.js';
import { baselineFlags } from '../flags.js';
import { formatHelp } from '../help.js';
import type { CliIo } from '../io.js';
import { println } from '../io.js';
import { readResultsFile } from '../../run/results-file.js';

/**
 * `gsc baseline --from results.json`: a starting baseline listing every case that failed in
 * that run, each with its first finding as the reason to review. Printed on stdout, ready to
 * redirect into a file, or written with `--out FILE`.
 */
export async function baselineCommand(argv: string[], io: CliIo): Promise<number> {
  const s = parseSettings(argv, baselineFlags, io.env);
  if (s.flag('help')) {
    println(io.stdout, formatHelp('baseline'));
    return EXIT.conformant;
  }
  if (s.positionals.length > 0) throw new UsageError(`unexpected ${JSON.stringify(s.positionals[0])}: give the results file with --from FILE`);
  const from = s.get('from');
  if (from === undefined) throw new UsageError('--from FILE is required: the results.json of the run to start from, e.g. --from reports/results.json');
  const results = readResultsFile(from, io.cwd, '--from').doc;
  const text = baselineYaml(results.cases, results.target, from, results.startedAt);
  const out = s.get('out');
  if (out === undefined) {
    io.stdout.write(text);
    return EXIT.conformant;
  }
  try {
    writeFileSync(resolve(io.cwd, out), text, 'utf8');
  } catch (err) {
    throw new UsageError(`--out ${out}: cannot write it (${(err as Error).message})`);
  }
  const n = new Set(results.cases.filter((c) => c.status === 'failed').map((c) => c.id.replace(/#\d+$/, ''))).size;
  println(io.stderr, `gsc baseline: wrote ${n} known deviation(s) to ${out}; review each reason, then run with --baseline ${out}`);
  return EXIT.conformant;
}

/** The baseline file's text: a comment saying where it came from, then one entry per failed case. */
export function baselineYaml(cases: readonly CaseResult[], target: string, from: string, startedAt: string): string {
  const failed = cases.filter((c) => c.status === 'failed');
  const head = [
    `# gsc baseline: known deviations of ${oneLine(target)}`,
    `# from ${oneLine(from)} (run started ${oneLine(startedAt)}). Review each reason; add \`expires: YYYY-MM-DD\``,
    '# to make a failure count again after that day. Use with: gsc run --baseline FILE (docs/baselines.md)',
  ];
  if (failed.length === 0) return `${head.join('\n')}\n# No case failed in that run: nothing to accept.\n[]\n`;
  // A repeated run (`--repeat`) names each round `id#3`; the baseline names the case, once.
  const byCase = new Map<string, CaseResult>();
  for (const c of failed) {
    const id = c.id.replace(/#\d+$/, '');
    if (!byCase.has(id)) byCase.set(id, c);
  }
  const entries = [...byCase].map(([id, c]) => ({ case: id, reason: `TODO: why this is accepted. It failed with: ${headline(c)}` }));
  return `${head.join('\n')}\n${stringify(entries, { lineWidth: 0 })}`;
}

function oneLine(text: string): string {
  return String(text).replace(/[\r\n]+/g, ' ');
}
