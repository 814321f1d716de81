import { DecoratorHandler, request, type Dispatcher } from './undici.js';
import { createDispatcher, describeNetworkPath, proxyThatFailed, type NetworkPath } from './network-path.js';

/** A request ready to send: variables resolved, credentials attached. */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The operation it calls, for latency by operation: the method and the path as the suite writes it. */
  operation?: string;
}

/** A response as received: lower-case header names, body decoded as UTF-8. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Why a request got no answer. `connect` means the target could not be reached at all, which
 * stops a run early; the others end only the step.
 */
export class TransportError extends Error {
  constructor(
    readonly kind: 'connect' | 'timeout' | 'protocol' | 'throttled' | 'aborted',
    /** The underlying code (`ECONNREFUSED`, `UND_ERR_HEADERS_TIMEOUT`…), for retry decisions. */
    readonly code: string,
    message: string,
    /**
     * Whether the request went out before no answer came: true, it may have taken effect (a
     * create may have made its job); false, it never left; undefined when not known.
     */
    readonly sent?: boolean,
  ) {
    super(message);
  }
}

/** The code of a request held back at the last moment because `mayWrite` said no: nothing was sent. */
export const HELD_BACK = 'GSC_HELD_BACK';

/**
 * Asks `mayWrite` when the request has its connection, right before its first byte is written,
 * and drops it unsent when the answer is no: a request queued for a connection must not go out
 * after the run was told to wait.
 */
class LastMomentCheck extends DecoratorHandler {
  constructor(
    handler: Dispatcher.DispatchHandler,
    private readonly mayWrite: () => boolean,
  ) {
    super(handler);
  }

  onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void {
    if (!this.mayWrite()) {
      controller.abort(Object.assign(new Error('held back: the run is waiting'), { code: HELD_BACK }));
      return;
    }
    // undici's type declarations omit the decorator's methods; the class has them.
    (DecoratorHandler.prototype as Dispatcher.DispatchHandler).onRequestStart?.call(this, controller, context);
  }
}

/** Options of the HTTP client; the defaults suit a real tenant. */
export interface HttpOptions {
  /** Per-request limit for the whole exchange, headers and body together. @default 30000 */
  timeoutMs?: number;
  /** Bodies larger than this are an error, not a memory problem. @default 16 MiB */
  maxResponseBytes?: number;
  /** Proxy and extra trusted CAs (`--proxy`, `HTTPS_PROXY`, `--ca-file`). @default straight out */
  network?: NetworkPath;
}

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const TLS_TRUST_CODES = new Set(['SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** Where a request carries its `mayWrite` to the dispatcher composed once per client. */
const MAY_WRITE = Symbol('gsc.mayWrite');

/** Why a request was stopped by its own time limit (told apart from the caller's signal). */
const TIMED_OUT = Symbol('gsc.timedOut');

/**
 * What stops one request: its time limit or the caller's signal. undici takes an EventEmitter as
 * a request's `signal` as well as an AbortSignal; this one is a flag and its listeners, where an
 * AbortController per request costs an EventTarget, its event and its listener bookkeeping,
 * which was a measurable part of each request's cost (docs/benchmarks.md).
 */
class RequestStop {
  aborted = false;
  reason: unknown = undefined;
  private listeners: (() => void)[] = [];

  /** undici listens for `abort` (with `once`, and checks that `on` exists). */
  on(_event: 'abort', listener: () => void): this {
    this.listeners.push(listener);
    return this;
  }

  once(event: 'abort', listener: () => void): this {
    return this.on(event, listener);
  }

  removeListener(_event: 'abort', listener: () => void): this {
    const at = this.listeners.indexOf(listener);
    if (at !== -1) this.listeners.splice(at, 1);
    return this;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
  }
}

/** One keep-alive connection pool per run, shared by every step. */
export class HttpClient {
  private readonly agent: Dispatcher;
  /** The agent with the last-moment check in front, composed once: a request without `mayWrite` passes through. */
  private readonly guarded: Dispatcher;
  private readonly timeoutMs: number;
  private readonly via: string | undefined;
  /**
   * The requests in flight under each caller's signal: one listener per signal aborts them all,
   * instead of a listener and an `AbortSignal.any` per request.
   */
  private readonly inFlight = new WeakMap<AbortSignal, Set<RequestStop>>();
  private readonly network: NetworkPath;

  constructor(options: HttpOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.via = options.network ? describeNetworkPath(options.network) : undefined;
    this.network = options.network ?? {};
    this.agent = createDispatcher(options.network ?? {}, {
      keepAliveTimeout: 10_000,
      connect: { timeout: Math.min(this.timeoutMs, 10_000) },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      maxResponseSize: options.maxResponseBytes ?? 16 * 1024 * 1024,
    });
    this.guarded = this.agent.compose((dispatch) => (opts, handler) => {
      const mayWrite = (opts as { [MAY_WRITE]?: () => boolean })[MAY_WRITE];
      return dispatch(opts, mayWrite ? new LastMomentCheck(handler, mayWrite) : handler);
    });
  }

  /**
   * Sends one request; throws {@link TransportError} when no complete answer arrived within the
   * timeout (a body trickling in counts against it too), or when `signal` aborted it. With
   * `mayWrite`, the request is sent only if it says yes right before the first byte goes out;
   * otherwise it throws a TransportError whose code is {@link HELD_BACK}, having sent nothing.
   */
  async send(req: HttpRequest, signal?: AbortSignal, mayWrite?: () => boolean): Promise<HttpResponse> {
    const stop = new RequestStop();
    const timer = setTimeout(() => stop.abort(TIMED_OUT), this.timeoutMs);
    const group = signal ? this.follow(signal) : undefined;
    if (signal?.aborted) stop.abort(signal.reason);
    else group?.add(stop);
    // Whether the request reached its connection: a failure after that may hide an effect.
    let went = false;
    const mayGo = (): boolean => {
      const ok = mayWrite ? mayWrite() : true;
      if (ok) went = true;
      return ok;
    };
    try {
      const res = await request(req.url, {
        method: req.method as 'GET',
        headers: req.headers,
        body: req.body,
        dispatcher: this.guarded,
        // undici's types name AbortSignal and EventEmitter; it calls on/once/removeListener.
        signal: stop as unknown as AbortSignal,
        ...{ [MAY_WRITE]: mayGo },
      });
      const body = await res.body.text();
      const headers: Record<string, string> = {};
      for (const name in res.headers) {
        const value = res.headers[name];
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      return { status: res.statusCode, headers, body };
    } catch (err) {
      const origin = safeOrigin(req.url);
      if (errorCode(err) === HELD_BACK) throw new TransportError('protocol', HELD_BACK, `${req.method} ${origin}… was held back unsent`, false);
      if (signal?.aborted) {
        throw new TransportError('aborted', 'GSC_ABORTED', went ? `${req.method} ${origin}… was sent and then stopped before its answer came: the run was interrupted` : `${req.method} ${origin}… was stopped before it was sent: the run was interrupted`, went);
      }
      if (stop.aborted && stop.reason === TIMED_OUT) {
        throw new TransportError('timeout', 'GSC_TIMEOUT', `${req.method} ${origin}… got no complete answer within ${this.timeoutMs} ms (--timeout bounds headers and body together)`, went);
      }
      const e = toTransportError(err, req, this.timeoutMs, this.via, this.network);
      throw new TransportError(e.kind, e.code, e.message, went);
    } finally {
      clearTimeout(timer);
      group?.delete(stop);
    }
  }

  /** The set of requests in flight under `signal`, listening to it once. */
  private follow(signal: AbortSignal): Set<RequestStop> {
    let group = this.inFlight.get(signal);
    if (!group) {
      const requests = new Set<RequestStop>();
      group = requests;
      this.inFlight.set(signal, requests);
      signal.addEventListener('abort', () => {
        for (const c of requests) c.abort(signal.reason);
      }, { once: true });
    }
    return group;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

function errorCode(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: unknown }; errors?: { code?: unknown }[] };
  for (const c of [e?.code, e?.cause?.code, e?.errors?.[0]?.code]) if (typeof c === 'string') return c;
  return 'UNKNOWN';
}

function toTransportError(err: unknown, req: HttpRequest, timeoutMs: number, via: string | undefined, network: NetworkPath): TransportError {
  const code = errorCode(err);
  const origin = safeOrigin(req.url);
  const proxy = CONNECT_CODES.has(code) ? proxyThatFailed(network, err) : undefined;
  if (proxy) {
    return new TransportError('connect', code, `cannot connect to the proxy ${proxy} (${code}), so nothing reached ${origin}: is the proxy running, and is --proxy (or HTTPS_PROXY / HTTP_PROXY) right?`);
  }
  if (CONNECT_CODES.has(code)) {
    const check = via ? `requests go ${via}: are the proxy and --target right?` : 'is the target running, and is --target right?';
    return new TransportError('connect', code, `cannot connect to ${origin} (${code}): ${check}`);
  }
  if (TIMEOUT_CODES.has(code)) {
    return new TransportError('timeout', code, `${req.method} ${origin}… got no complete answer within ${timeoutMs} ms (${code})`);
  }
  const detail = err instanceof Error ? err.message : String(err);
  // A TLS-inspecting proxy re-signs answers with its own CA, which Node does not know.
  const fix = TLS_TRUST_CODES.has(code) ? ': the certificate is not trusted; if a proxy inspects TLS, give its CA with --ca-file FILE.pem (or NODE_EXTRA_CA_CERTS)' : '';
  return new TransportError('protocol', code, `${req.method} ${origin}… failed: ${detail} (${code})${fix}`);
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}
