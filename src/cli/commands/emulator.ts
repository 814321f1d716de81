import { runEmulatorCommand } from '../../emulator/index.js';
import type { CliIo } from '../io.js';

/** `gsc emulator`: the reference emulator owns its flags; see `gsc emulator --help`. */
export function emulatorCommand(argv: string[], io: CliIo): Promise<number> {
  return runEmulatorCommand(argv, { stdout: io.stdout, stderr: io.stderr, ...(io.signal ? { signal: io.signal } : {}) });
}
