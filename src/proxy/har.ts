import type { Exchange } from '../model/index.js';

/** A HAR 1.2 name/value pair. */
interface HarPair {
  name: string;
  value: string;
}

/** One HAR 1.2 entry (http://www.softwareishard.com/blog/har-12-spec/), from a redacted exchange. */
export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: { method: string; url: string; httpVersion: string; cookies: HarPair[]; headers: HarPair[]; queryString: HarPair[]; postData?: { mimeType: string; text: string }; headersSize: -1; bodySize: number };
  response: { status: number; statusText: string; httpVersion: string; cookies: HarPair[]; headers: HarPair[]; content: { size: number; mimeType: string; text: string }; redirectURL: string; headersSize: -1; bodySize: number };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
}

/** A whole HAR 1.2 document. */
export interface Har {
  log: { version: '1.2'; creator: { name: string; version: string }; entries: HarEntry[] };
}

const pairs = (headers: Record<string, string>): HarPair[] => Object.entries(headers).map(([name, value]) => ({ name, value }));

/**
 * A HAR entry for an exchange the proxy already redacted: credentials are `[REDACTED]` in the
 * headers, URL and bodies before they get here. Bodies are kept as decoded text (as browsers
 * write `content.text`), so the entry's headers may still say `content-encoding: gzip`.
 */
export function harEntry(exchange: Exchange, startedAt: string): HarEntry {
  const url = new URL(exchange.request.url);
  const body = exchange.request.body ?? '';
  const request: HarEntry['request'] = {
    method: exchange.request.method,
    url: exchange.request.url,
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers: pairs(exchange.request.headers),
    queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
    headersSize: -1,
    bodySize: Buffer.byteLength(body),
  };
  if (body !== '') request.postData = { mimeType: exchange.request.headers['content-type'] ?? 'application/octet-stream', text: body };
  const text = exchange.response.body;
  return {
    startedDateTime: startedAt,
    time: exchange.durationMs,
    request,
    response: {
      status: exchange.response.status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(exchange.response.headers),
      content: { size: Buffer.byteLength(text), mimeType: exchange.response.headers['content-type'] ?? '', text },
      redirectURL: '',
      headersSize: -1,
      bodySize: Buffer.byteLength(text),
    },
    cache: {},
    timings: { send: 0, wait: exchange.durationMs, receive: 0 },
  };
}

/** The HAR document for the entries, in the order the exchanges started. */
export function harDocument(entries: HarEntry[], version: string): Har {
  return { log: { version: '1.2', creator: { name: 'graph-sync-conformance', version }, entries } };
}
