/**
 * Child task: an emulator in a process of its own, for a section whose figure depends on the
 * server keeping up (section 5). In the bench process it would share the event loop and the heap
 * with whatever ran before; here it has a core's worth of scheduling to itself and starts cold
 * every time, so a section measures the same way alone or after others.
 *
 * Protocol (over the IPC channel `child.js` opens): once listening, it sends what a run needs
 * ({@link EmulatorAddress}); it closes when the parent sends `'close'` (or the parent goes away),
 * and its task then answers with {@link EmulatorStopped}.
 */
import { startEmulator, type ChaosOptions, type EmulatorHandle } from '../src/emulator/index.js';
import { cpuTimeMs } from './support.js';

/** How to start the emulator. */
export interface EmulatorTaskInput {
  chaos?: ChaosOptions;
}

/** What a run needs to aim at the emulator: the shape `emulatorFlags` and `emulatorEnv` read. */
export type EmulatorAddress = Pick<EmulatorHandle, 'url' | 'fixtures'>;

/** The child's last word, once the emulator has closed. */
export interface EmulatorStopped {
  requests: number;
  /** CPU time (user + system) of the emulator's process, start-up included: how busy the server was. */
  cpuMs: number;
}

/** The message that asks the emulator child to close. */
export const CLOSE_EMULATOR = 'close';

/** Child task: serves until asked to close. */
export async function serveEmulator(input: EmulatorTaskInput): Promise<EmulatorStopped> {
  const emu = await startEmulator({ port: 0, ...(input.chaos ? { chaos: input.chaos } : {}) });
  const closing = new Promise<void>((resolve) => {
    process.on('message', (m) => {
      if (m === CLOSE_EMULATOR) resolve();
    });
    process.once('disconnect', () => resolve());
  });
  const address: EmulatorAddress = { url: emu.url, fixtures: emu.fixtures };
  process.send?.(address);
  await closing;
  const requests = emu.requestCount();
  await emu.close();
  return { requests, cpuMs: cpuTimeMs() };
}
