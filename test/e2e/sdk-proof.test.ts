/**
 * The proof on a real SDK: the official Graph JavaScript client, which nobody here wrote, driven
 * over HTTPS through `gsc proxy` against the emulator, then offline against `gsc emulator --replay`.
 * The client attaches its token only to https URLs of Graph hosts or of its `customHosts`, so a
 * plain-HTTP test would silently send none: both servers here speak HTTPS with a certificate made
 * at start-up, which the client trusts through the `dispatcher` fetch option (Node's fetch); from
 * the command line, NODE_EXTRA_CA_CERTS does the same (the last test shows it).
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@microsoft/microsoft-graph-client';
import { Agent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { gsc, tempDir, type CliRun } from './support.js';

interface Job {
  id: string;
  templateId: string;
  schedule: { state: string };
}

/** A gsc command running in-process until stopped, with what it printed so far. */
interface Running {
  stderr(): string;
  stdout(): string;
  /** Sends the equivalent of Ctrl-C and resolves with how the command ended. */
  stop(): Promise<CliRun>;
  done: Promise<CliRun>;
}

function start(args: string[]): Running {
  const controller = new AbortController();
  const out = { stdout: '', stderr: '' };
  // The in-process runner returns the text only at the end; a tee stream shows it as it comes.
  const done = gsc(args, { signal: controller.signal, onOutput: (stream, text) => (out[stream] += text) });
  return { stderr: () => out.stderr, stdout: () => out.stdout, stop: () => (controller.abort(), done), done };
}

/** Waits until `pattern` shows in the command's stderr, and returns its first group. */
async function waitFor(run: Running, pattern: RegExp): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const m = pattern.exec(run.stderr() + run.stdout());
    if (m) return m[1]!;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting for ${pattern}; stderr: ${run.stderr()}`);
}

/** The Graph client as an SDK user makes it, aimed at `origin`, trusting the certificate in `certFile`. */
function graphClient(origin: string, certFile: string, token: string): { client: Client; close(): Promise<void> } {
  const dispatcher = new Agent({ connect: { ca: readFileSync(certFile, 'utf8') } });
  const client = Client.init({
    baseUrl: `${origin}/`,
    defaultVersion: 'v1.0',
    customHosts: new Set([new URL(origin).hostname]),
    // Node's fetch takes undici's `dispatcher`; the DOM RequestInit type does not know it.
    fetchOptions: { dispatcher } as unknown as RequestInit,
    authProvider: (done) => done(null, token),
  });
  return { client, close: () => dispatcher.close() };
}

/** What an SDK's own test does: create a job, read it back, delete it; returns what the SDK handed back. */
async function lifecycle(client: Client, sp: string, templateId: string): Promise<{ created: Job; read: Job }> {
  const jobs = `/servicePrincipals/${sp}/synchronization/jobs`;
  const created = (await client.api(jobs).post({ templateId })) as Job;
  const read = (await client.api(`${jobs}/${created.id}`).get()) as Job;
  await client.api(`${jobs}/${created.id}`).delete();
  return { created, read };
}

/** Every file under a folder, as text. */
function filesIn(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => [e.name, readFileSync(join(e.parentPath, e.name), 'utf8')]));
}

const emulators: EmulatorHandle[] = [];
afterAll(async () => {
  for (const e of emulators) await e.close();
});

async function emulator(deviations: string[] = []): Promise<EmulatorHandle> {
  const emu = await startEmulator({ deviations });
  emulators.push(emu);
  return emu;
}

/** The report's cases, from results.json. */
function casesOf(out: string): { id: string; status: string; steps: { name: string; findings: { check: string; pointer?: string }[] }[] }[] {
  return (JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { cases: ReturnType<typeof casesOf> }).cases;
}

describe('regression-testing the official Graph JavaScript SDK', () => {
  const work = tempDir('gsc-sdk-');
  const har = join(work, 'sdk.har');
  let recorded: { created: Job; read: Job };
  let sp = '';

  it('a faithful exchange gives no finding; an SDK call without templateId is a request finding; no token is kept anywhere', async () => {
    const emu = await emulator();
    sp = emu.fixtures.servicePrincipalId;
    const out = join(work, 'reports');
    const proxy = start(['proxy', '--upstream', emu.url, '--tls', '--record', har, '--out', out, '--reporter', 'console,json,junit,html']);
    const url = await waitFor(proxy, /listening on (https:\/\/\S+?),/);
    const certFile = await waitFor(proxy, /NODE_EXTRA_CA_CERTS=(\S+?) /);
    const { client, close } = graphClient(new URL(url).origin, certFile, emu.fixtures.token);
    recorded = await lifecycle(client, sp, emu.fixtures.templateId);
    expect(recorded.read.id).toBe(recorded.created.id);
    // An SDK change that drops templateId: the emulator refuses it, and the proxy says why.
    await expect(client.api(`/servicePrincipals/${sp}/synchronization/jobs`).post({})).rejects.toMatchObject({ statusCode: 400 });
    await close();
    const run = await proxy.stop();

    expect(run.code).toBe(1);
    const cases = casesOf(out);
    expect(cases.map((c) => [c.id, c.status])).toEqual([
      ['0001 servicePrincipal.synchronization_CreateJob', 'passed'],
      ['0002 servicePrincipal.synchronization_GetJob', 'passed'],
      ['0003 servicePrincipal.synchronization_DeleteJob', 'passed'],
      ['0004 servicePrincipal.synchronization_CreateJob', 'failed'],
    ]);
    expect(cases[3]?.steps.map((s) => [s.name, s.findings.map((f) => f.check)])).toEqual([['request', ['body-matches-schema']], ['response', []]]);
    expect(run.stdout).toContain("request body must have required property 'templateId'");
    // The token went through to the emulator (it answered 201, not 401) and nowhere else.
    const kept = { stdout: run.stdout, stderr: run.stderr, har: readFileSync(har, 'utf8'), ...filesIn(out) };
    expect(Object.keys(kept)).toEqual(expect.arrayContaining(['results.json', 'junit.xml', 'report.html']));
    for (const [name, text] of Object.entries(kept)) expect(text.includes(emu.fixtures.token), `${name} holds the token`).toBe(false);
    expect(kept.har).toContain('Bearer [REDACTED]');
  });

  it('an emulator deviation is a response finding: a create answering 200, and a new job whose schedule is not Disabled', async () => {
    const emu = await emulator(['create-answers-200', 'new-job-schedule-active']);
    const out = join(work, 'deviating');
    const proxy = start(['proxy', '--upstream', emu.url, '--tls', '--exit-after', '3', '--out', out, '--reporter', 'json']);
    const url = await waitFor(proxy, /listening on (https:\/\/\S+?),/);
    const certFile = await waitFor(proxy, /NODE_EXTRA_CA_CERTS=(\S+?) /);
    const { client, close } = graphClient(new URL(url).origin, certFile, emu.fixtures.token);
    // The SDK reads the answer all the same: only the proxy notices.
    const { created } = await lifecycle(client, emu.fixtures.servicePrincipalId, emu.fixtures.templateId);
    expect(created.schedule.state).toBe('Active');
    await close();
    const run = await proxy.done;
    expect(run.code).toBe(1);
    const [create, get, del] = casesOf(out);
    expect(create?.steps.map((s) => [s.name, s.findings.map((f) => `${f.check} ${f.pointer ?? ''}`.trim())])).toEqual([
      ['request', []],
      ['response', ['status-is-expected', 'body-matches-schema /schedule/state']],
    ]);
    expect([get?.status, del?.status]).toEqual(['passed', 'passed']);
  });

  it('replays the recording offline through gsc emulator --replay: the SDK calls succeed again', async () => {
    const replay = start(['emulator', '--replay', har, '--tls']);
    const url = await waitFor(replay, /replaying \S+ on (https:\/\/\S+)\n/);
    const certFile = await waitFor(replay, /NODE_EXTRA_CA_CERTS=(\S+?);/);
    const { client, close } = graphClient(new URL(url).origin, certFile, 'any-token-replay-does-not-check');
    const again = await lifecycle(client, sp, 'BoxOutDelta');
    expect(again).toEqual(recorded);
    // A call the recording does not hold gets a clear error that names it.
    await expect(client.api(`/servicePrincipals/${sp}/synchronization/jobs/${recorded.created.id}`).get()).rejects.toMatchObject({ statusCode: 501, code: 'NoRecordedAnswer' });
    await close();
    const run = await replay.stop();
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`No recorded answer for GET /v1.0/servicePrincipals/${sp}/synchronization/jobs/${recorded.created.id}`);
  });

  it('works from the command line with NODE_EXTRA_CA_CERTS, as an SDK repository runs it', async () => {
    const replay = start(['emulator', '--replay', har, '--tls']);
    const url = await waitFor(replay, /replaying \S+ on (https:\/\/\S+)\n/);
    const certFile = await waitFor(replay, /NODE_EXTRA_CA_CERTS=(\S+?);/);
    const script = `
      import { Client } from '@microsoft/microsoft-graph-client';
      const client = Client.init({ baseUrl: '${new URL(url).origin}/', customHosts: new Set(['127.0.0.1']), authProvider: (done) => done(null, 'a-token') });
      const job = await client.api('/servicePrincipals/${sp}/synchronization/jobs').post({ templateId: 'BoxOutDelta' });
      console.log(job.id);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, NODE_EXTRA_CA_CERTS: certFile }, cwd: join(import.meta.dirname, '..', '..') });
    expect(stdout.trim()).toBe(recorded.created.id);
    await replay.stop();
  });
});
