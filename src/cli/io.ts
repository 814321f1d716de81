import { redactText } from '../common/redact.js';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on SIGINT/SIGTERM by the binary; never by tests unless they mean to. */
  signal?: AbortSignal;
}

/**
 * The same io, with every line written to stdout and stderr passed through the redactor: a
 * secret echoed by a target (in an error code, a template id) is never printed, whichever part
 * of the tool prints it.
 */
export function redactedIo(io: CliIo): CliIo {
  return { ...io, stdout: redacting(io.stdout), stderr: redacting(io.stderr) };
}

function redacting<T extends NodeJS.WritableStream>(stream: T): T {
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk);
    return (stream.write as (c: string, ...r: unknown[]) => boolean)(redactText(text), ...rest);
  };
  return new Proxy(stream, {
    get(target, prop) {
      if (prop === 'write') return write;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
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
