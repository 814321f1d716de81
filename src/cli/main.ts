import { EXIT, UsageError } from '../run/exit-codes.js';
import { formatHelp } from './help.js';
import type { CliIo } from './io.js';
import { println, redactedIo } from './io.js';
import { addSecrets } from '../common/redact.js';
import { cleanupFlags, runFlags } from './flags.js';
import { project } from '../run/project.js';
import { didYouMean as closest } from '../common/did-you-mean.js';

type Command = (argv: string[], io: CliIo) => Promise<number>;

/**
 * The command registry: the first word of the command line picks one. Each is imported only
 * when chosen, so `gsc --version` or `gsc list` does not pay for MSAL, the emulator or undici.
 */
const registry: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./commands/run.js')).runCommand,
  lint: async () => (await import('./commands/lint.js')).lintCommand,
  list: async () => (await import('./commands/list.js')).listCommand,
  emulator: async () => (await import('./commands/emulator.js')).emulatorCommand,
  proxy: async () => (await import('./commands/proxy.js')).proxyCommand,
  cleanup: async () => (await import('./commands/cleanup.js')).cleanupCommand,
  'merge-reports': async () => (await import('./commands/merge-reports.js')).mergeReportsCommand,
  coverage: async () => (await import('./commands/coverage.js')).coverageCommand,
  diff: async () => (await import('./commands/diff.js')).diffCommand,
  baseline: async () => (await import('./commands/baseline.js')).baselineCommand,
};

/**
 * The whole CLI as a function: argv in, exit code out. Every error a user can cause becomes a
 * message and exit 2; anything else is reported as an internal error with no stack trace unless
 * GSC_DEBUG is set.
 */
export async function main(argv: string[], given: CliIo): Promise<number> {
  addSecrets(...secretInputs(argv, given.env));
  const io = redactedIo(given);
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    println(io.stdout, formatHelp(rest[0]));
    return first === undefined ? EXIT.usage : EXIT.conformant;
  }
  if (first === '--version' || first === '-v') {
    println(io.stdout, project().version);
    return EXIT.conformant;
  }
  const load = registry[first];
  if (!load) {
    const guess = closest(first, Object.keys(registry));
    println(io.stderr, `gsc: unknown command ${JSON.stringify(first)}${guess ? `: did you mean \`gsc ${guess}\`?` : ''} (gsc --help lists the commands)`);
    return EXIT.usage;
  }
  try {
    const command = await load();
    return await command(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      println(io.stderr, `gsc ${first}: ${err.message}`);
      return EXIT.usage;
    }
    const message = err instanceof Error ? err.message : String(err);
    println(io.stderr, `gsc ${first}: internal error: ${message}`);
    if (io.env.GSC_DEBUG && err instanceof Error && err.stack) println(io.stderr, err.stack);
    else println(io.stderr, 'This is a bug in gsc; set GSC_DEBUG=1 for details and report it.');
    return EXIT.internal;
  }
}

/**
 * The secrets the user hands over on the command line or in the environment (`--token`,
 * `GSC_CLIENT_SECRET`…), known to the redactor before anything is printed: a usage error or a
 * target's answer that echoes one must not show it.
 */
function secretInputs(argv: readonly string[], env: CliIo['env']): string[] {
  const out: string[] = [];
  for (const def of [...runFlags, ...cleanupFlags].filter((d) => d.secret === true)) {
    if (def.env !== undefined && env[def.env]) out.push(env[def.env]!.trim());
    argv.forEach((arg, i) => {
      if (arg === `--${def.name}` && argv[i + 1] !== undefined) out.push(argv[i + 1]!);
      else if (arg.startsWith(`--${def.name}=`)) out.push(arg.slice(def.name.length + 3));
    });
  }
  return out;
}
