import { readFileSync } from 'node:fs';

/** One recorded exchange, as replay needs it. */
export interface RecordedExchange {
  /** Position in the recording, from 1, for messages. */
  index: number;
  method: string;
  /** Path and query as the client sent them: `/v1.0/servicePrincipals/…/jobs`. */
  path: string;
  status: number;
  statusText: string;
  headers: [string, string][];
  body: Buffer;
}

/** A recording that cannot be replayed; the message names the file, the entry and what is wrong. */
export class RecordingError extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Headers that describe the recorded transfer, not the answer: the replay sends its own. */
const TRANSFER_HEADERS = new Set(['content-length', 'transfer-encoding', 'content-encoding', 'connection', 'keep-alive']);

/**
 * Reads a HAR 1.2 file (`log.entries[]`, as `gsc proxy --record` and browsers' developer tools
 * write it) into the exchanges to replay, in recorded order.
 * @throws RecordingError for a missing or unreadable file, bad JSON, or an entry without a
 * request method and URL or a response status.
 */
export function readRecording(file: string): RecordedExchange[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RecordingError(`--replay ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let har: unknown;
  try {
    har = JSON.parse(text);
  } catch (error) {
    throw new RecordingError(`--replay ${file}: not JSON (${(error as Error).message}); a HAR file is JSON with log.entries`);
  }
  const entries = isObject(har) && isObject(har.log) ? har.log.entries : undefined;
  if (!Array.isArray(entries)) throw new RecordingError(`--replay ${file}: no log.entries array; is it a HAR file (gsc proxy --record FILE.har writes one)?`);
  return entries.map((entry, i) => toExchange(entry, i + 1, file));
}

function toExchange(entry: unknown, index: number, file: string): RecordedExchange {
  const where = `--replay ${file}: log.entries[${index - 1}]`;
  const request = isObject(entry) ? entry.request : undefined;
  const response = isObject(entry) ? entry.response : undefined;
  if (!isObject(request) || typeof request.method !== 'string' || typeof request.url !== 'string') throw new RecordingError(`${where} has no request.method and request.url`);
  if (!isObject(response) || typeof response.status !== 'number' || !Number.isInteger(response.status) || response.status < 100 || response.status > 599) {
    throw new RecordingError(`${where} has no response.status between 100 and 599`);
  }
  let path: string;
  try {
    const url = new URL(request.url);
    path = `${url.pathname}${url.search}`;
  } catch {
    throw new RecordingError(`${where}: request.url ${JSON.stringify(request.url.slice(0, 200))} is not an absolute URL`);
  }
  const headers = (Array.isArray(response.headers) ? response.headers : [])
    .filter((h): h is { name: string; value: string } => isObject(h) && typeof h.name === 'string' && typeof h.value === 'string')
    .filter((h) => !TRANSFER_HEADERS.has(h.name.toLowerCase()) && !h.name.startsWith(':'))
    .map((h): [string, string] => [h.name, h.value]);
  const content = isObject(response.content) ? response.content : {};
  const raw = typeof content.text === 'string' ? content.text : '';
  const body = content.encoding === 'base64' ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  return { index, method: request.method.toUpperCase(), path, status: response.status, statusText: typeof response.statusText === 'string' ? response.statusText : '', headers, body };
}
