/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on SIGINT/SIGTERM by the binary; never by tests unless they mean to. */
  signal?: AbortSignal;
}

/** Writes a line to a stream. */
export function println(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}

/**
 * Colour when the stream is a terminal, unless NO_COLOR says otherwise (FORCE_COLOR forces it).
 * GitHub Actions logs are no terminal but render ANSI colour, so colour stays on there.
 */
export function useColor(stream: { isTTY?: boolean }, env: CliIo['env']): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.GITHUB_ACTIONS === 'true') return true;
  return Boolean(stream.isTTY) && env.CI === undefined;
}
