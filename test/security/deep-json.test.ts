import { afterAll, describe, expect, it } from 'vitest';
import { parseJsonObject } from '../../src/emulator/body.js';
import { startRecordingProxy } from '../fixtures/remote-target/proxy.js';
import { newToken, readResults, runFlags, startTenant } from '../fixtures/remote-target/tenant.js';
import { gsc } from '../e2e/support.js';
import { tempDir } from '../fixtures/temp.js';
import { nestsDeeperThan } from '../../src/common/json-depth.js';

const open: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const o of open.reverse()) await o.close();
});

/** 16 MB of brackets: 8,000,000 levels deep, the answer of issue 9 #4. */
const bomb = `${'['.repeat(8_000_000)}${']'.repeat(8_000_000)}`;

describe('an answer nested 8,000,000 levels deep (issue 9 #4)', () => {
  it('is an error on its step, with the reason; the other cases run and the reports are written', async () => {
    const token = newToken();
    const emu = await startTenant(token);
    const proxy = await startRecordingProxy(emu.url);
    open.push(emu, proxy);
    let bombed = 0;
    proxy.script((r) => (r.method === 'GET' && /\/synchronization\/jobs$/.test(r.path) && bombed++ === 0 ? { kind: 'answer', status: 200, json: null, raw: bomb } : { kind: 'forward' }));
    const out = tempDir('gsc-sec-');
    const run = await gsc(['run', ...runFlags(proxy.url, emu, token), '--grep', '^(list/|errors/unsupported-method)', '--concurrency', '1', '--out', out]);

    expect(bombed).toBeGreaterThan(0);
    expect(run.code).toBe(3);
    const results = readResults(out);
    const steps = results.cases.flatMap((c) => c.steps.map((s) => ({ caseId: c.id, ...s })));
    const errored = steps.filter((s) => s.status === 'error');
    expect(errored).toHaveLength(1);
    expect(errored[0]!.error).toMatchObject({ code: 'protocol', message: 'the answer (HTTP 200) the JSON nests deeper than 256 levels; it was not parsed' });

    expect(results.cases.some((c) => c.status === 'passed')).toBe(true);
  }, 60_000);

  it('the emulator refuses such a request body with 400 instead of parsing it', () => {
    const result = parseJsonObject(Buffer.from(`{"a":${'['.repeat(300_000)}${']'.repeat(300_000)}}`), false);
    expect(result).toMatchObject({ ok: false, kind: 'malformed' });
  });

  it('counts only brackets outside strings', () => {
    expect(nestsDeeperThan(`{"a":"${'['.repeat(1000)}"}`, 3)).toBe(false);
    expect(nestsDeeperThan('[[[["\\"["]]]]', 4)).toBe(false);
    expect(nestsDeeperThan('[[[[[]]]]]', 4)).toBe(true);
  });
});
