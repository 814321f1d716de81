import { Agent, request } from 'undici';

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
    readonly kind: 'connect' | 'timeout' | 'protocol',
    /** The underlying code (`ECONNREFUSED`, `UND_ERR_HEADERS_TIMEOUT`…), for retry decisions. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Options of the HTTP client; the defaults suit a real tenant. */
export interface HttpOptions {
  /** Per-request limit for headers and for the body, each. @default 30000 */
  timeoutMs?: number;
  /** Bodies larger than this are an error, not a memory problem. @default 16 MiB */
  maxResponseBytes?: number;
}

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** One keep-alive connection pool per run, shared by every step. */
export class HttpClient {
  private readonly agent: Agent;
  private readonly timeoutMs: number;

  constructor(options: HttpOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.agent = new Agent({
      keepAliveTimeout: 10_000,
      connect: { timeout: Math.min(this.timeoutMs, 10_000) },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      maxResponseSize: options.maxResponseBytes ?? 16 * 1024 * 1024,
    });
  }

  /** Sends one request; throws {@link TransportError} when no complete answer arrived. */
  async send(req: HttpRequest): Promise<HttpResponse> {
    try {
      const res = await request(req.url, {
        method: req.method as 'GET',
        headers: req.headers,
        body: req.body,
        dispatcher: this.agent,
      });
      const body = await res.body.text();
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      return { status: res.statusCode, headers, body };
    } catch (err) {
      throw toTransportError(err, req, this.timeoutMs);
    }
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

function toTransportError(err: unknown, req: HttpRequest, timeoutMs: number): TransportError {
  const code = errorCode(err);
  const origin = safeOrigin(req.url);
  if (CONNECT_CODES.has(code)) {
    return new TransportError('connect', code, `cannot connect to ${origin} (${code}): is the target running, and is --target right?`);
  }
  if (TIMEOUT_CODES.has(code)) {
    return new TransportError('timeout', code, `${req.method} ${origin}… got no complete answer within ${timeoutMs} ms (${code})`);
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new TransportError('protocol', code, `${req.method} ${origin}… failed: ${detail} (${code})`);
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}
