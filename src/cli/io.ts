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
    // A reader that went away (`gsc run | head -1`) closed the stream: what it would have read is
    // dropped, and the command goes on to its cleanup, its reports and its verdict.
    if (closed(stream)) return dropped(rest);
    const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk);
    try {
      return (stream.write as (c: string, ...r: unknown[]) => boolean)(redactText(text), ...rest);
    } catch {
      // A file stream writes synchronously and throws (a full disk, /dev/full): that stream is done too.
      failed.add(stream);
      return dropped(rest);
    }
  };
  return new Proxy(stream, {
    get(target, prop) {
      if (prop === 'write') return write;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Streams whose write threw: nothing more is written to them. */
const failed = new WeakSet<object>();

/**
 * Whether output to `stream` can no longer be read: its pipe was closed by the reader (EPIPE
 * destroys the stream), it was ended, or a write to it threw.
 */
export function closed(stream: NodeJS.WritableStream): boolean {
  const s = stream as { destroyed?: boolean; writableEnded?: boolean };
  return failed.has(stream) || s.destroyed === true || s.writableEnded === true;
}

/** A dropped write still calls its callback, so a caller waiting on it goes on. */
function dropped(rest: unknown[]): boolean {
  const callback = rest.at(-1);
  if (typeof callback === 'function') queueMicrotask(() => (callback as () => void)());
  return true;
}

/**
 * Keeps the process alive when its stdout or stderr is closed by the reader: Node reports the
 * failed write (EPIPE) as an 'error' event, and an 'error' event no one listens to ends the
 * process with a stack trace, before a run's cleanup and reports. With this listener the stream
 * is only marked destroyed, {@link redactedIo} drops what is written to it from then on, and the
 * command finishes with its own exit code. An error other than a closed pipe (EIO: the terminal
 * went away) is said once on the other stream, if that one still reads.
 */
export function surviveClosedOutput(stream: NodeJS.WritableStream, name: string, other?: NodeJS.WritableStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED' || other === undefined || closed(other)) return;
    try {
      other.write(`gsc: cannot write to ${name} (${err.code ?? err.message}); nothing more is written there\n`);
    } catch {
      // Neither stream reads any more: there is no one left to tell.
    }
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
