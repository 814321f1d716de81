import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, TransportError } from '../../src/execute/http.js';
import { gsc } from '../e2e/support.js';

/** A loopback target that answers at once, then sends its body one byte a second, forever. */
let server: Server;
let url = '';
const timers = new Set<NodeJS.Timeout>();
beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const timer = setInterval(() => res.write(' '), 1000);
    timers.add(timer);
    res.on('close', () => {
      clearInterval(timer);
      timers.delete(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`;
});
afterAll(async () => {
  for (const t of timers) clearInterval(t);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('--timeout bounds the whole exchange', () => {
  it('a body trickling one byte a second ends at the deadline, as a timeout error', async () => {
    const http = new HttpClient({ timeoutMs: 1500 });
    const started = performance.now();
    const err = await http.send({ method: 'GET', url: `${url}/servicePrincipals/x/synchronization/templates`, headers: {} }).catch((e: unknown) => e);
    const took = performance.now() - started;
    await http.close();

    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ kind: 'timeout', message: expect.stringContaining('got no complete answer within 1500 ms (--timeout bounds headers and body together)') });
    expect(took).toBeGreaterThanOrEqual(1400);
    expect(took).toBeLessThan(5000);
  });

  it('an aborted signal stops a request in flight at once', async () => {
    const http = new HttpClient({ timeoutMs: 60_000 });
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 300);
    const started = performance.now();
    const err = await http.send({ method: 'GET', url: `${url}/x`, headers: {} }, stop.signal).catch((e: unknown) => e);
    await http.close();
    expect(err).toMatchObject({ kind: 'aborted' });
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('gsc run against such a target ends with exit 3 and says the answer never completed', async () => {
    const started = performance.now();
    const r = await gsc(['run', '--target', url, '--token', 'TEST-ONLY-trickle', '--service-principal', 'sp', '--template', 't', '--timeout', '2s', '--ledger', 'off', '--reporter', 'console']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('got no complete answer within 2000 ms');
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 30_000);
});
