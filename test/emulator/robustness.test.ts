import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { Client } from './client.js';

let c: Client;

beforeAll(async () => {
  c = new Client(await startEmulator({ bodyLimitBytes: 64 * 1024 }));
});
afterAll(() => c.handle.close());

/** Sends raw bytes and collects what comes back until the server closes or `ms` passes. */
function raw(bytes: Buffer | string, ms = 2000): Promise<string> {
  const { port } = new URL(c.handle.origin);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), '127.0.0.1', () => socket.end(bytes));
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(done, ms);
    socket.on('data', (d) => chunks.push(d));
    socket.on('close', done);
    socket.on('error', done);
  });
}

async function stillServes(): Promise<void> {
  expect((await c.send('GET', c.jobs)).status).toBe(200);
}

describe('bad input never crashes the emulator', () => {
  it('answers 413 to a body over the limit, declared or chunked, and creates nothing', async () => {
    const before = c.handle.jobs().length;
    const big = JSON.stringify({ templateId: 'BoxOutDelta', pad: 'x'.repeat(100 * 1024) });
    const declared = await c.send('POST', c.jobs, { raw: big });
    expect(declared.status).toBe(413);
    expect(declared.json.error.code).toBe('RequestEntityTooLarge');
    const stream = new ReadableStream({
      start(ctl) {
        ctl.enqueue(new TextEncoder().encode(big));
        ctl.close();
      },
    });
    const chunked = await fetch(c.handle.url + c.jobs, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.handle.fixtures.token}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(c.handle.jobs()).toHaveLength(before);
    await stillServes();
  });

  it('answers 400 to bad percent-encoding in the path', async () => {
    const res = await c.send('GET', `${c.jobs}/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain('percent-encoding');
  });

  it('answers 431 to huge headers and 400 to random bytes, then keeps serving', async () => {
    const huge = await raw(`GET /v1.0${c.jobs} HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    for (let i = 0; i < 5; i++) {
      const garbage = await raw(randomBytes(512));
      expect(garbage === '' || /^HTTP\/1\.1 400 /.test(garbage)).toBe(true);
    }
    await stillServes();
  });

  it('answers 400 to random bytes as a JSON body, on every write route', async () => {
    const id = await c.newJob();
    for (const path of [c.jobs, c.job(id, '/restart'), c.job(id, '/provisionOnDemand'), `/servicePrincipals/${c.sp}/synchronization/secrets`]) {
      const res = await c.send(path.endsWith('secrets') ? 'PUT' : 'POST', path, { raw: randomBytes(256).toString('latin1') });
      expect(res.status).toBe(400);
    }
  });

  it('never answers 5xx to random JSON bodies or odd paths', async () => {
    let seed = 1234;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const value = (depth: number): unknown => {
      const pick = rand(depth > 2 ? 5 : 7);
      if (pick === 0) return null;
      if (pick === 1) return rand(2) === 0;
      if (pick === 2) return rand(1e6) - 5e5;
      if (pick === 3) return ['', 'BoxOutDelta', 'Watermark, Nope', 'x'.repeat(rand(300)), '\u0000\ud800'][rand(5)];
      if (pick === 4) return 'Full';
      if (pick === 5) return Array.from({ length: rand(4) }, () => value(depth + 1));
      const keys = ['templateId', 'criteria', 'resetScope', 'credentials', 'key', 'value', 'parameters', 'subjects', 'synchronizationJobSettings', 'name'];
      return Object.fromEntries(Array.from({ length: rand(5) }, () => [keys[rand(keys.length)], value(depth + 1)]));
    };
    const id = await c.newJob();
    const targets: [string, string][] = [
      ['POST', c.jobs], ['POST', c.job(id, '/restart')], ['POST', c.job(id, '/validateCredentials')],
      ['POST', `${c.jobs}/validateCredentials`], ['PUT', `/servicePrincipals/${c.sp}/synchronization/secrets`],
    ];
    for (let i = 0; i < 150; i++) {
      const [method, path] = targets[i % targets.length] as [string, string];
      const res = await c.send(method, path, { json: value(0) });
      expect(res.status, `${method} ${path} ${res.text}`).toBeLessThan(500);
    }
    for (const path of ['/v1.0', '/', '/v1.0/servicePrincipals', `/v1.0${c.jobs}/a/b/c/d/e`, '/beta/%2F%2F', `/v1.0${c.jobs}//start`, '/v1.0/%00']) {
      const res = await fetch(c.handle.origin + path, { headers: { authorization: `Bearer ${c.handle.fixtures.token}` } });
      expect(res.status, path).toBeLessThan(500);
    }
  });

  it('keeps serving others while a client sends its headers very slowly', async () => {
    const { port } = new URL(c.handle.origin);
    const slow: Socket = connect(Number(port), '127.0.0.1');
    await new Promise((r) => slow.once('connect', r));
    slow.write(`GET /v1.0${c.jobs} HTTP/1.1\r\nHost: x\r\n`);
    let slowEnded = false;
    slow.once('close', () => (slowEnded = true));
    slow.once('data', () => (slowEnded = true));
    await stillServes();
    // Served while the slow client still holds its connection, unanswered: nobody waited for it to time out.
    expect(slowEnded).toBe(false);
    slow.destroy();
  });

  it('gives 100 parallel creates 100 distinct ids', async () => {
    const answers = await Promise.all(Array.from({ length: 100 }, () => c.create()));
    expect(answers.every((a) => a.status === 201)).toBe(true);
    expect(new Set(answers.map((a) => a.json.id)).size).toBe(100);
  });
});

describe('lifecycle', () => {
  it('close() ends keep-alive connections promptly and the port stops answering', async () => {
    const h = await startEmulator();
    const { port } = new URL(h.origin);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(`GET /v1.0/servicePrincipals/${h.fixtures.servicePrincipalId}/synchronization/jobs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${h.fixtures.token}\r\nConnection: keep-alive\r\n\r\n`);
    await new Promise((r) => socket.once('data', r));
    const closed = new Promise((r) => socket.once('close', r));
    const started = performance.now();
    await h.close();
    await closed;
    // Ended by close(), not left to the emulator's keep-alive timeout (5 s), which would end it too, later.
    expect(performance.now() - started).toBeLessThan(2500);
    await expect(fetch(h.url)).rejects.toThrow();
    expect(h.requestCount()).toBe(1);
  });

  it('hides a new job from reads for consistencyDelayMs, as Graph eventual consistency does, while writes see it', async () => {
    // A delay no busy machine outlasts between the create and the reads.
    const h = await startEmulator({ consistencyDelayMs: 10 * 60_000 });
    const e = new Client(h);
    try {
      const id = await e.newJob();
      expect((await e.send('GET', e.job(id))).status).toBe(404);
      expect((await e.send('GET', e.jobs)).json.value).toEqual([]);
      expect((await e.send('DELETE', e.job(id))).status).toBe(204);
    } finally {
      await h.close();
    }
  });

  it('shows the job to reads once consistencyDelayMs has passed', async () => {
    const h = await startEmulator({ consistencyDelayMs: 100 });
    const e = new Client(h);
    try {
      const id = await e.newJob();
      // Waiting longer than the delay is all it takes: a busy machine only waits longer still.
      await new Promise((r) => setTimeout(r, 150));
      expect((await e.send('GET', e.job(id))).status).toBe(200);
      expect((await e.send('GET', e.jobs)).json.value.map((j: { id: string }) => j.id)).toEqual([id]);
    } finally {
      await h.close();
    }
  });

  it('refuses bad options with clear messages', async () => {
    await expect(startEmulator({ deviations: ['create-answer-200'] })).rejects.toThrow(
      /unknown deviation 'create-answer-200' \(did you mean 'create-answers-200'\?\); valid names: /,
    );
    await expect(startEmulator({ chaos: { throttleShare: 2 } })).rejects.toThrow('chaos.throttleShare must be between 0 and 1, got 2');
    await expect(startEmulator({ port: 70000 })).rejects.toThrow('port must be a whole number from 0 to 65535');
    const taken = await startEmulator();
    await expect(startEmulator({ port: Number(new URL(taken.origin).port) })).rejects.toThrow(/already in use/);
    await taken.close();
  });
});
