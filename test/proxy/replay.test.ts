import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { startProxy } from '../../src/proxy/index.js';
import { tempDir } from '../fixtures/temp.js';

const root = join(import.meta.dirname, '..', '..');
const open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

/** Sends one request; returns the status and body text. */
async function send(base: string, method: string, path: string, body?: unknown): Promise<[number, string]> {
  const headers: Record<string, string> = { authorization: 'Bearer gsc-emulator-token' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return [res.status, await res.text()];
}

/** Records a create, get, delete and get-after-delete through the proxy; returns the HAR file and what was answered. */
async function record(): Promise<{ har: string; answers: [number, string][]; jobPath: string; jobs: string }> {
  const emu = await startEmulator();
  open.push(emu);
  const har = join(tempDir(), 'sdk.har');
  const proxy = await startProxy({ upstream: emu.url, specsDir: join(root, 'specs'), schemasDir: join(root, 'schemas'), record: har });
  const jobs = `/servicePrincipals/${emu.fixtures.servicePrincipalId}/synchronization/jobs`;
  const created = await send(proxy.url, 'POST', jobs, { templateId: emu.fixtures.templateId });
  const jobPath = `${jobs}/${(JSON.parse(created[1]) as { id: string }).id}`;
  const answers = [created, await send(proxy.url, 'GET', jobPath), await send(proxy.url, 'DELETE', jobPath), await send(proxy.url, 'GET', jobPath)];
  await proxy.stop();
  return { har, answers, jobPath, jobs };
}

describe('gsc emulator --replay', () => {
  it('answers a recorded create, get and delete again, in order, with the recorded bytes', async () => {
    const { har, answers, jobPath, jobs } = await record();
    expect(answers.map(([s]) => s)).toEqual([201, 200, 204, 404]);
    const replay = await startEmulator({ replay: har, log: () => undefined });
    open.push(replay);
    const again = [await send(replay.url, 'POST', jobs, { templateId: 'ignored: bodies are not matched' }), await send(replay.url, 'GET', jobPath), await send(replay.url, 'DELETE', jobPath), await send(replay.url, 'GET', jobPath)];
    expect(again).toEqual(answers);
  });

  it('matches an id only once the answer that handed it out has been replayed', async () => {
    const { har, jobPath } = await record();
    const lines: string[] = [];
    const replay = await startEmulator({ replay: har, log: (line) => lines.push(line) });
    open.push(replay);
    // The get of the job comes before its create: the recording has no answer for that yet.
    const [status, text] = await send(replay.url, 'GET', jobPath);
    expect(status).toBe(501);
    const error = (JSON.parse(text) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('NoRecordedAnswer');
    expect(error.message).toContain(`No recorded answer for GET /v1.0${jobPath}`);
    expect(lines).toEqual([`gsc emulator: ${error.message}`]);
  });

  it('refuses a file that is not a HAR recording, naming it', async () => {
    const file = join(tempDir(), 'not.har');
    writeFileSync(file, '{"log": {}}');
    await expect(startEmulator({ replay: file })).rejects.toThrow(`--replay ${file}: no log.entries array`);
  });
});
