import type { IncomingMessage, ServerResponse } from 'node:http';
import { newGuid } from '../ids.js';
import { graphError, JSON_CONTENT_TYPE } from '../reply.js';
import { Player } from './player.js';
import type { RecordedExchange } from './recording.js';

/**
 * The request listener of `gsc emulator --replay`: each request gets the recorded answer it
 * matches (status, headers and body as recorded), or a Graph-shaped `501 NoRecordedAnswer` that
 * names the request, with the same line passed to `log`.
 */
export function createReplayListener(exchanges: readonly RecordedExchange[], file: string, log: (line: string) => void): (req: IncomingMessage, res: ServerResponse) => void {
  const player = new Player(exchanges);
  return (req, res) => {
    // The body is not part of the match (an SDK may send fresh GUIDs in it), but it must be read.
    req.resume();
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      const found = player.answer(method, path);
      if (found) {
        send(res, found);
        return;
      }
      const message = `No recorded answer for ${method} ${path.slice(0, 300)}: ${file} holds ${player.size} exchanges, ${player.answered} already replayed; none left with this method and path (ids must have been handed out by an earlier recorded answer).`;
      log(`gsc emulator: ${message}`);
      const clientId = req.headers['client-request-id'];
      const requestId = newGuid();
      const reply = graphError({ requestId, clientRequestId: typeof clientId === 'string' ? clientId.slice(0, 200) : requestId }, 501, 'no-route', 'NoRecordedAnswer', message);
      const body = JSON.stringify(reply.json);
      res.writeHead(501, { 'content-type': JSON_CONTENT_TYPE, 'content-length': Buffer.byteLength(body), 'request-id': requestId });
      res.end(body);
    });
  };
}

function send(res: ServerResponse, exchange: RecordedExchange): void {
  res.sendDate = false;
  const headers: [string, string][] = [...exchange.headers];
  if (exchange.body.length > 0 || exchange.status !== 204) headers.push(['content-length', String(exchange.body.length)]);
  res.writeHead(exchange.status, exchange.statusText || undefined, headers.flat());
  res.end(exchange.body);
}
