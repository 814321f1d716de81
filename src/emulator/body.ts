import { MAX_JSON_DEPTH, nestsDeeperThan } from '../common/json-depth.js';
import type { IncomingMessage } from 'node:http';

/** What reading a request body gave. */
export type BodyResult = { kind: 'ok'; body: Buffer } | { kind: 'too-large' } | { kind: 'aborted' };

/**
 * Reads the whole body, up to `limit` bytes. Beyond it the rest is drained (so the client can
 * read our 413 instead of a reset) up to a cap, and then the socket is dropped.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    const drainCap = Math.max(limit * 16, 16 * 1024 * 1024);
    const finish = (result: BodyResult): void => {
      req.removeAllListeners('data');
      resolve(result);
    };
    if (tooLarge && declared > drainCap) {
      finish({ kind: 'too-large' });
      return;
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (tooLarge) {
        chunks.length = 0;
        if (size > drainCap) req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish(tooLarge ? { kind: 'too-large' } : { kind: 'ok', body: Buffer.concat(chunks) }));
    // A client that vanishes mid-body gets no answer; the promise still settles.
    req.on('error', () => finish({ kind: 'aborted' }));
    req.on('close', () => {
      if (!req.complete) finish({ kind: 'aborted' });
    });
  });
}

/** The outcome of parsing a body that must be a JSON object. */
export type JsonObjectResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; kind: 'malformed' | 'not-object' | 'empty'; message: string };

/**
 * Parses a body that must hold one JSON object. `optional` bodies may be empty (actions such as
 * start take none).
 */
export function parseJsonObject(body: Buffer, optional: boolean): JsonObjectResult {
  const text = body.toString('utf8');
  if (text.trim() === '') {
    return optional
      ? { ok: true, value: {} }
      : { ok: false, kind: 'empty', message: 'The request body is empty; send a JSON object.' };
  }
  if (nestsDeeperThan(text)) {
    return { ok: false, kind: 'malformed', message: `The request body nests deeper than ${MAX_JSON_DEPTH} levels; send a flatter JSON object.` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, kind: 'malformed', message: `The request body is not valid JSON (${why}); send a JSON object.` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return { ok: false, kind: 'not-object', message: `The request body must be a JSON object, not ${got}.` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
