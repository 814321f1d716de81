import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runEmulatorCommand } from '../../src/emulator/index.js';

/** Runs `gsc emulator ARGS`, capturing what it prints. */
function run(argv: string[], signal?: AbortSignal): { code: Promise<number>; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += String(d)));
  stderr.on('data', (d) => (err += String(d)));
  const io = signal ? { stdout, stderr, signal } : { stdout, stderr };
  return { code: runEmulatorCommand(argv, io), out: () => out, err: () => err };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('gsc emulator', () => {
  it('prints where it listens, serves, and stops cleanly when told to', async () => {
    const stop = new AbortController();
    const r = run(['--deviate', 'create-answers-200,no-request-id', '--seed', '1'], stop.signal);
    await until(() => r.out().includes('listening'));
    const line = r.out().split('\n')[0] ?? '';
    expect(line).toMatch(
      /^Emulator listening on http:\/\/127\.0\.0\.1:\d+\/v1\.0 \(service principal 8e4c2a10-5b3d-4f6e-9a7c-1d2e3f405a6b, template BoxOutDelta, token gsc-emulator-token\)$/,
    );
    expect(r.out()).toContain('Deviating from the contract on purpose: create-answers-200, no-request-id');
    const url = /on (\S+) /.exec(line)?.[1] ?? '';
    const res = await fetch(`${url}/servicePrincipals/8e4c2a10-5b3d-4f6e-9a7c-1d2e3f405a6b/synchronization/jobs`, {
      method: 'POST',
      headers: { authorization: 'Bearer gsc-emulator-token', 'content-type': 'application/json' },
      body: '{"templateId":"BoxOutDelta"}',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('request-id')).toBeNull();
    stop.abort();
    expect(await r.code).toBe(0);
    expect(r.out()).toContain('Emulator stopped.');
    await expect(fetch(url)).rejects.toThrow();
  });

  it('serves fixtures from a file', async () => {
    const stop = new AbortController();
    const r = run(['--fixtures', join(import.meta.dirname, '..', '..', 'fixtures', 'emulator', 'two-apps.json')], stop.signal);
    await until(() => r.out().includes('listening'));
    expect(r.out()).toContain('(service principal 1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f0, template scim, token token-for-ci)');
    stop.abort();
    expect(await r.code).toBe(0);
  });

  it('--provision-window 3s allows 5 provisionOnDemand calls per 3 s: the sixth answers 429 with Retry-After: 3', async () => {
    const stop = new AbortController();
    const r = run(['--provision-window', '3s'], stop.signal);
    await until(() => r.out().includes('listening'));
    const url = /on (\S+) /.exec(r.out())?.[1] ?? '';
    const jobs = `${url}/servicePrincipals/8e4c2a10-5b3d-4f6e-9a7c-1d2e3f405a6b/synchronization/jobs`;
    const headers = { authorization: 'Bearer gsc-emulator-token', 'content-type': 'application/json' };
    const job = (await (await fetch(jobs, { method: 'POST', headers, body: '{"templateId":"BoxOutDelta"}' })).json()) as { id: string };
    const body = JSON.stringify({ parameters: [{ ruleId: 'ea807875-5618-4f0a-9125-0b46a05298ca', subjects: [{ objectId: 'u1', objectTypeName: 'User' }] }] });
    const answers: Response[] = [];
    for (let i = 0; i < 6; i++) answers.push(await fetch(`${jobs}/${job.id}/provisionOnDemand`, { method: 'POST', headers, body }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(answers[5]!.headers.get('retry-after')).toBe('3');
    stop.abort();
    expect(await r.code).toBe(0);
  });

  it('--throttle-every 5 --retry-after 2 answers every fifth request 429 with Retry-After: 2, as the issue\'s measure needs', async () => {
    const stop = new AbortController();
    const r = run(['--throttle-every', '5', '--retry-after', '2'], stop.signal);
    await until(() => r.out().includes('listening'));
    const url = /on (\S+) /.exec(r.out())?.[1] ?? '';
    const templates = `${url}/servicePrincipals/8e4c2a10-5b3d-4f6e-9a7c-1d2e3f405a6b/synchronization/templates`;
    const answers: Response[] = [];
    for (let i = 0; i < 10; i++) answers.push(await fetch(templates, { headers: { authorization: 'Bearer gsc-emulator-token' } }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 429, 200, 200, 200, 200, 429]);
    expect(answers[4]!.headers.get('retry-after')).toBe('2');
    stop.abort();
    expect(await r.code).toBe(0);
  });

  it('prints help with --help and every deviation with --list-deviations', async () => {
    const help = run(['--help']);
    expect(await help.code).toBe(0);
    expect(help.out()).toContain('Usage: gsc emulator [options]');
    expect(help.out()).toMatch(/^ {2}--throttle-every N +answer every Nth request \(by arrival\) 429 with Retry-After,$/m);
    expect(help.out()).toMatch(/^ {2}--provision-window D +provisionOnDemand allows 5 calls per D per service principal, then 429\n +with Retry-After D \(default 10s, the documented limit\)$/m);
    const list = run(['--list-deviations']);
    expect(await list.code).toBe(0);
    expect(list.out()).toMatch(/^create-answers-200 +breaks: Create answers 201 Created$/m);
    expect(list.out().trim().split('\n').length).toBeGreaterThanOrEqual(50);
  });

  it.each([
    [['--colour'], "gsc emulator: unknown option '--colour'"],
    [['--throttle', '1.5'], "gsc emulator: --throttle takes a share between 0 and 1 (e.g. 0.2), got '1.5'"],
    [['--port', 'http'], "gsc emulator: --port takes a whole number from 0 to 65535, got 'http'"],
    [['--latency', '50'], 'gsc emulator: --latency 50: add a unit, e.g. 50s or 50ms'],
    [['--consistency-delay', 'soon'], 'gsc emulator: --consistency-delay soon: not a duration: write a number and its unit (ms, s, m or h: 500ms, 30s, 2m)'],
    [['--provision-window', '10'], 'gsc emulator: --provision-window 10: add a unit, e.g. 10s or 10ms'],
    [['--provision-window', '0s'], 'gsc emulator: --provision-window 0s: must be at least 1ms'],
    [['--deviate', 'create-answer-200'], "gsc emulator: unknown deviation 'create-answer-200' (did you mean 'create-answers-200'?)"],
    [['--throttle-every', '0'], "gsc emulator: --throttle-every takes a whole number from 1 to 100000, got '0'"],
    [['--throttle', '0.6', '--unavailable', '0.6'], 'gsc emulator: chaos shares add up to 1.2; their sum must be at most 1'],
    [['extra'], 'gsc emulator: Unexpected argument'],
  ])('refuses %j with a message and the usage on stderr, exit 2, no stack trace', async (argv, message) => {
    const r = run(argv);
    expect(await r.code).toBe(2);
    expect(r.err()).toContain(message);
    expect(r.err()).toContain('Usage: gsc emulator');
    expect(r.err()).not.toMatch(/\n\s+at /);
    expect(r.out()).toBe('');
  });

  it('refuses a bad fixtures file with file:line:col and exit 2', async () => {
    const file = join(import.meta.dirname, '..', '..', 'fixtures', 'emulator', 'invalid', 'typos.yaml');
    const r = run(['--fixtures', file]);
    expect(await r.code).toBe(2);
    expect(r.err()).toContain(`${file}:4:12: servicePrincipals[0].appId: must be a GUID`);
    expect(r.err()).not.toContain('Usage:');
  });
});
