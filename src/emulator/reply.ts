import type { ServerResponse } from 'node:http';
import type { Problem, Reply, RequestContext } from './context.js';

/** The Content-Type Graph sends on JSON bodies, byte for byte. */
export const JSON_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** A JSON answer with Graph's Content-Type and OData-Version. */
export function jsonReply(status: number, json: unknown): Reply {
  return { status, headers: { 'content-type': JSON_CONTENT_TYPE, 'odata-version': '4.0' }, json };
}

/** A JSON entity or collection answer, with `@odata.context` first as Graph orders it. */
export function entityReply(status: number, ctx: RequestContext, context: string, body: object): Reply {
  return jsonReply(status, { '@odata.context': `${ctx.base}/$metadata#${context}`, ...body });
}

/** A 204 (or other) answer with no body and so no Content-Type. */
export function emptyReply(status = 204): Reply {
  return { status, headers: {} };
}

/**
 * `innerError.date` as Graph writes it: UTC without an offset (`2024-02-08T12:07:31`), which is
 * what broke strict clients (https://github.com/microsoftgraph/msgraph-sdk-java/issues/1785), so the
 * emulator keeps it.
 */
export function graphDate(now: Date = new Date()): string {
  return now.toISOString().slice(0, 19);
}

/** An error answer with Graph's exact body shape. */
export function graphError(
  ctx: Pick<RequestContext, 'requestId' | 'clientRequestId'>,
  status: number,
  problem: Problem,
  code: string,
  message: string,
): Reply {
  const innerError = { date: graphDate(), 'request-id': ctx.requestId, 'client-request-id': ctx.clientRequestId };
  return { ...jsonReply(status, { error: { code, message, innerError } }), problem };
}

/** Adds the headers every answer carries; deviations run after this and may remove them. */
export function withCommonHeaders(reply: Reply, ctx: Pick<RequestContext, 'requestId' | 'clientRequestId'>): Reply {
  const headers: Record<string, string> = {
    ...reply.headers,
    'request-id': ctx.requestId,
    'client-request-id': ctx.clientRequestId,
    date: new Date().toUTCString(),
  };
  if (reply.close) headers.connection = 'close';
  return { ...reply, headers };
}

/** Writes a reply; never throws, even when the client has gone. */
export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? '');
  // Node adds a Date header of its own unless told not to; ours is already in the reply.
  res.sendDate = false;
  const headers: Record<string, string | number> = { ...reply.headers };
  if (body.length > 0 || reply.status !== 204) headers['content-length'] = Buffer.byteLength(body);
  try {
    res.writeHead(reply.status, headers);
    res.end(body);
  } catch {
    res.destroy();
  }
}
