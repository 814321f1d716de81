import { cleanupCommand } from './commands/cleanup.js';
import { emulatorCommand } from './commands/emulator.js';
import { lintCommand } from './commands/lint.js';
import { listCommand } from './commands/list.js';
import { runCommand } from './commands/run.js';
import { EXIT, UsageError } from './exit-codes.js';
import { formatHelp } from './help.js';
import type { CliIo } from './io.js';
import { println } from './io.js';
import { project } from './project.js';
import { closest } from './suggest.js';

type Command = (argv: string[], io: CliIo) => Promise<number>;

/** The command registry: the first word of the command line picks one. */
const registry: Record<string, Command> = {
  run: runCommand,
  lint: lintCommand,
  list: listCommand,
  emulator: emulatorCommand,
  cleanup: cleanupCommand,
};

/**
 * The whole CLI as a function: argv in, exit code out. Every error a user can cause becomes a
 * message and exit 2; anything else is reported as an internal error with no stack trace unless
 * GSC_DEBUG is set.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    println(io.stdout, formatHelp(rest[0]));
    return first === undefined ? EXIT.usage : EXIT.conformant;
  }
  if (first === '--version' || first === '-v') {
    println(io.stdout, project().version);
    return EXIT.conformant;
  }
  const command = registry[first];
  if (!command) {
    const guess = closest(first, Object.keys(registry));
    println(io.stderr, `gsc: unknown command ${JSON.stringify(first)}${guess ? `: did you mean \`gsc ${guess}\`?` : ''} (gsc --help lists the commands)`);
    return EXIT.usage;
  }
  try {
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
    return 4;
  }
}
