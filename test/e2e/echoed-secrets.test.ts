import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gsc, tempDir, type CliRun } from './support.js';

/**
 * Issue: a target that echoes the run's token must not get it printed or written. Each test
 * plays a hostile target on loopback that echoes the token in one more way, runs gsc against
 * it, and looks for the token in every form in everything gsc printed and wrote.
 */
const TOKEN = 'hostile-echo-token-0123456789';
const SP = '11111111-2222-3333-4444-555555555555';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let url: string;
let handle: Handler;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handle(req, res, body));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

function json(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

/** Lists one template, answers the create with `created`, and 404 to everything else. */
function target(created: (res: ServerResponse) => void): Handler {
  return (req, res) => {
    if (req.method === 'GET' && req.url?.endsWith('/synchronization/templates')) return json(res, 200, '{"value":[{"id":"tpl"}]}');
    if (req.method === 'POST' && req.url?.endsWith('/synchronization/jobs')) return created(res);
    json(res, 404, '{"error":{"code":"NotFound","message":"no such thing"}}');
  };
}

async function run(token = TOKEN, extra: string[] = []): Promise<{ run: CliRun; files: Record<string, string> }> {
  const out = tempDir();
  made.push(out);
  const result = await gsc(['run', '--target', url, '--token', token, '--service-principal', SP, '--grep', '^create/answers-201-with-a-job$', '--out', out, '--reporter', 'console,junit,json,ndjson', '--verbose', ...extra]);
  const files: Record<string, string> = {};
  for (const name of readdirSync(out)) files[name] = readFileSync(join(out, name), 'utf8');
  return { run: result, files };
}

/** Every form of the token the issue names: as is, upper and lower case, base64 (alone and inside a Basic credential). */
function forms(token: string): string[] {
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  return [token, token.toUpperCase(), token.toLowerCase(), b64(token), b64(token).replace(/=+$/, ''), b64(`user:${token}`).slice(8, -4)];
}

/** What was printed and written, with each JSON file also read decoded (a `\u0067` escape is the letter it stands for). */
function everything(r: { run: CliRun; files: Record<string, string> }): Record<string, string> {
  const all: Record<string, string> = { stdout: r.run.stdout, stderr: r.run.stderr, ...r.files };
  for (const [name, text] of Object.entries(r.files)) {
    const docs = name.endsWith('.json') ? [text] : name.endsWith('.ndjson') || name.endsWith('.jsonl') ? text.split('\n').filter(Boolean) : [];
    all[`${name} decoded`] = docs.map((d) => JSON.stringify(JSON.parse(d), (_k, v: unknown) => v, 0).replace(/\\u([0-9a-f]{4})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))).join('\n');
  }
  return all;
}

function leaks(r: { run: CliRun; files: Record<string, string> }, token = TOKEN): string[] {
  const found: string[] = [];
  for (const [where, text] of Object.entries(everything(r))) for (const f of forms(token)) if (text.includes(f)) found.push(`${where} holds ${f}`);
  return found;
}

describe('a target that echoes the token', () => {
  it('a 401 whose error.code echoes the Authorization header: stderr names the refusal, not the token', async () => {
    handle = (req, res) => json(res, 401, JSON.stringify({ error: { code: String(req.headers.authorization), message: 'no' } }));
    const r = await run();
    expect(r.run.code).toBe(3);
    expect(r.run.stderr).toContain('rejected the run');
    expect(leaks(r)).toEqual([]);
  });

  it('a template id holding the token: the "using template" line does not print it', async () => {
    handle = (req, res) => {
      if (req.url?.endsWith('/synchronization/templates')) return json(res, 200, JSON.stringify({ value: [{ id: `tpl-${TOKEN}` }] }));
      json(res, 404, '{"error":{"code":"NotFound","message":"no"}}');
    };
    const r = await run();
    expect(r.run.stderr).toContain('gsc: using template tpl-[REDACTED]');
    expect(leaks(r)).toEqual([]);
  });

  it('the token in \\u escapes, base64 and changed case inside a body: no report holds it, decoded or not', async () => {
    const escaped = [...TOKEN].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const basic = Buffer.from(`user:${TOKEN}`).toString('base64');
    handle = target((res) =>
      json(res, 201, `{"id":"job-1","templateId":"tpl","echo":"${escaped}","b64":"${Buffer.from(TOKEN).toString('base64')}","basic":"Basic ${basic}","up":"${TOKEN.toUpperCase()}","low":"${TOKEN.toLowerCase()}"}`, { 'x-echo': TOKEN.toUpperCase() }),
    );
    const r = await run();
    expect(r.files['results.json']).toBeDefined();
    expect(leaks(r)).toEqual([]);
  });

  it('a short token (emulators accept --token T) never appears as a header value or a whole JSON string, and ordinary text stays readable', async () => {
    const short = 'T0k';
    handle = target((res) => json(res, 201, `{"id":"job-1","templateId":"tpl","echo":"${short}","note":"T0kyo is a city"}`, { 'x-echo': short }));
    const r = await run(short);
    const results = JSON.parse(r.files['results.json']!) as unknown;
    const strings: string[] = [];
    JSON.stringify(results, (_k, v: unknown) => (typeof v === 'string' && strings.push(v), v));
    expect(strings).not.toContain(short);
    expect(strings.some((s) => /"echo":\s*"T0k"/.test(s))).toBe(false);
    expect(r.files['results.json']).not.toMatch(/x-echo"?:\s*"?T0k"/);
    expect(r.files['results.json']).toContain('T0kyo is a city');
  });
});
