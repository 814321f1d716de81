/**
 * Entry of the bench's child processes: `child.js TASK`, forked with IPC. The task's argument
 * arrives as the first message and its answer goes back the same way. Tasks are imported on
 * demand, so a cold measurement loads only what it measures. A serving task (the emulator) sends
 * its address first and its answer when it is asked to stop (see `serveChild` in support.ts).
 */
type Task = (arg: never) => Promise<unknown>;

const tasks: Record<string, () => Promise<Task>> = {
  load: async () => (await import('./load-tasks.js')).coldLoad as Task,
  parse: async () => (await import('./load-tasks.js')).coldParse as Task,
  'cli-run': async () => (await import('./run-tasks.js')).cliRun as Task,
  gets: async () => (await import('./floor.js')).gets as Task,
  'http-gets': async () => (await import('./floor.js')).httpGets as Task,
  emulator: async () => (await import('./emulator-task.js')).serveEmulator as Task,
};

const name = process.argv[2];
const task = name === undefined ? undefined : tasks[name];
if (task === undefined || !process.send) {
  process.stderr.write(`bench/child: usage: child.js TASK, forked with IPC by bench/run.js; tasks: ${Object.keys(tasks).join(', ')}\n`);
  process.exit(2);
}
const arg = await new Promise<unknown>((resolve) => process.once('message', resolve));
const result = await (await task())(arg as never);
// Exit only once the answer is out: a pending handle (a keep-alive socket) must not keep us alive.
process.send(result, () => process.exit(0));
