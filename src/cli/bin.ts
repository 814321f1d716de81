#!/usr/bin/env node
import { project } from '../run/project.js';

// `gsc --version` is asked by scripts and CI set-ups to check what they have: it answers before
// the CLI is imported (main() answers it the same way), at about the cost of Node's own start.
const first = process.argv[2];
if ((first === '--version' || first === '-v') && process.argv.length === 3) {
  // A reader that closed the pipe before the version came (`gsc --version | true`) wanted nothing.
  process.stdout.on('error', () => {});
  process.stdout.write(`${project().version}\n`);
} else await cli();

async function cli(): Promise<void> {
  const [{ redactText }, { lastWords }, { main }, { surviveClosedOutput }] = await Promise.all([import('../common/redact.js'), import('./last-words.js'), import('./main.js'), import('./io.js')]);
  // `gsc run | head -1`: the reader leaves, the run goes on to its cleanup, reports and verdict.
  surviveClosedOutput(process.stdout, 'stdout', process.stderr);
  surviveClosedOutput(process.stderr, 'stderr');

  // The first SIGINT or SIGTERM stops the requests in flight at once, then cleanup runs under
  // --cleanup-timeout; the second signal leaves now.
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (): void => {
    interrupts++;
    if (interrupts === 1 && process.argv[2] === 'run') {
      process.stderr.write('\ngsc: interrupted; stopping the requests in flight and cleaning up (Ctrl-C again to stop now)\n');
      controller.abort();
      return;
    }
    if (interrupts === 1) {
      controller.abort();
      return;
    }
    if (process.argv[2] === 'run') process.stderr.write(redactText(`\ngsc: stopped before cleanup finished. ${lastWords() ?? 'The ledger in the report folder lists what may be left; remove it with gsc cleanup.'}\n`));
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const code = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  });
  process.exitCode = code;
}
