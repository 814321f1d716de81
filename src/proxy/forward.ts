import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { request, type Dispatcher } from 'undici';

/** Headers about one hop of the connection, not the message: each side sets its own. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host']);

/** Request bodies beyond this answer 413 from the proxy: no Graph synchronization call sends one. */
export const REQUEST_LIMIT_BYTES = 16 * 1024 * 1024;

/** What went through, unredacted: the caller redacts before keeping anything. */
export interface Forwarded {
  request: { method: string; headers: Record<string, string>; body: Buffer };
  response?: { status: number; headers: Record<string, string>; body: Buffer };
  /** Why the upstream gave no (complete) answer. */
  failure?: string;
}

/** Reads the client's request body, up to the limit; undefined beyond it. */
export async function readRequest(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > REQUEST_LIMIT_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Header map with repeated values joined with ", " (as checks read them); names lower-case. */
function flat(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

/**
 * Sends the client's request to the upstream and streams the answer back unchanged: the status,
 * every header but the hop-by-hop ones, and the body byte for byte as it arrives, while a copy
 * is kept for the checks. When the upstream fails before answering, the client gets a 502 with
 * a Graph error body naming the cause.
 */
export async function forward(req: IncomingMessage, body: Buffer, res: ServerResponse, upstreamOrigin: string, dispatcher: Dispatcher): Promise<Forwarded> {
  const method = req.method ?? 'GET';
  const sent: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) sent[name] = value;
  const forwarded: Forwarded = { request: { method, headers: flat(req.headers), body } };
  let answer: Dispatcher.ResponseData;
  try {
    answer = await request(new URL(req.url ?? '/', upstreamOrigin), { method: method as Dispatcher.HttpMethod, headers: sent, body: body.length > 0 ? body : null, dispatcher });
  } catch (error) {
    forwarded.failure = `the upstream ${upstreamOrigin} gave no answer: ${(error as Error).message}`;
    const text = JSON.stringify({ error: { code: 'BadGateway', message: `gsc proxy: ${forwarded.failure}`, innerError: { date: new Date().toISOString().slice(0, 19) } } });
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
    return forwarded;
  }
  const raw: (string | string[])[] = [];
  for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) raw.push(name, value);
  res.writeHead(answer.statusCode, Object.fromEntries(chunk(raw)));
  const chunks: Buffer[] = [];
  try {
    for await (const part of answer.body as AsyncIterable<Buffer>) {
      chunks.push(part);
      res.write(part);
    }
    res.end();
  } catch (error) {
    forwarded.failure = `the upstream broke off its answer: ${(error as Error).message}`;
    res.destroy();
  }
  forwarded.response = { status: answer.statusCode, headers: flat(answer.headers), body: Buffer.concat(chunks) };
  return forwarded;
}

function chunk(raw: (string | string[])[]): [string, string | string[]][] {
  const pairs: [string, string | string[]][] = [];
  for (let i = 0; i < raw.length; i += 2) pairs.push([raw[i] as string, raw[i + 1]!]);
  return pairs;
}

/** The body as the checks read it: decompressed when the answer says it is encoded. */
export function decodedBody(body: Buffer, contentEncoding: string | undefined): Buffer {
  try {
    switch ((contentEncoding ?? '').trim().toLowerCase()) {
      case 'gzip':
      case 'x-gzip':
        return gunzipSync(body);
      case 'deflate':
        return inflateSync(body);
      case 'br':
        return brotliDecompressSync(body);
      default:
        return body;
    }
  } catch {
    return body;
  }
}
