import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { tempDir as tempFolder } from '../fixtures/temp.js';

/** What a user sees after running one gsc command. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

class Capture extends Writable {
  text = '';
  constructor(private readonly onText?: (text: string) => void) {
    super();
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    this.onText?.(chunk.toString());
    done();
  }
}

/**
 * Runs `gsc ARGS` in-process, as a user would from `cwd`, with only the given environment.
 * `onOutput` sees the text as it is written, for commands that run until stopped.
 */
export async function gsc(args: string[], options: { env?: Record<string, string>; cwd?: string; signal?: AbortSignal; onOutput?: (stream: 'stdout' | 'stderr', text: string) => void } = {}): Promise<CliRun> {
  const stdout = new Capture((text) => options.onOutput?.('stdout', text));
  const stderr = new Capture((text) => options.onOutput?.('stderr', text));
  const code = await main(args, {
    stdout,
    stderr,
    env: { NO_COLOR: '1', ...options.env },
    cwd: options.cwd ?? process.cwd(),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A fresh folder for one test's reports, removed after the test file. */
export function tempDir(prefix = 'gsc-e2e-'): string {
  return tempFolder(prefix);
}

/** The flags that point a run at an emulator handle. */
export function targetFlags(emu: { url: string; fixtures: { token: string; servicePrincipalId: string; templateId: string } }): string[] {
  return ['--target', emu.url, '--token', emu.fixtures.token, '--service-principal', emu.fixtures.servicePrincipalId, '--template', emu.fixtures.templateId];
}
