import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseResult, Reporter } from '../../src/model/index.js';
import { createCtrfReporter } from '../../src/report/ctrf.js';
import { createHtmlReporter, htmlReport } from '../../src/report/html/index.js';
import { createJsonReporter, resultsJson } from '../../src/report/json.js';
import { createJunitReporter, junitXml } from '../../src/report/junit.js';
import { createTapReporter } from '../../src/report/tap.js';
import { ctrfReport, ctrfTest } from '../../src/report/ctrf.js';
import { tempDir } from '../fixtures/temp.js';
import { captureStream, errored, failed, hostile, info, passed, run, skipped, summary } from './fixtures.js';

/**
 * A run of 100,000 cases writes reports longer than Node can hold in one string (about 512
 * MiB). The reporters never make one: every piece they hand the file is one case's part or
 * the text around the cases. Proved here on a run far smaller, by the largest single write to
 * disk, which stays bounded while the files grow; the bench writes the real 100,000-case files.
 */
const largest = { bytes: 0 };
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const writeSync = ((fd: number, data: NodeJS.ArrayBufferView | string, ...rest: unknown[]) => {
    const n = typeof data === 'string' ? Buffer.byteLength(data) : typeof rest[1] === 'number' ? rest[1] : data.byteLength;
    largest.bytes = Math.max(largest.bytes, n);
    return (real.writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
  }) as typeof real.writeSync;
  return { ...real, writeSync, default: { ...real, writeSync } };
});

/** No write to disk is larger than this; each report below is several times larger. */
const BOUND = 512 * 1024;
const CASES = 2_500;

/** The fixtures' cases again and again, each instance its own id, spread over three suites. */
const many: CaseResult[] = Array.from({ length: CASES }, (_, i) => {
  const c = [passed, failed, errored, skipped, hostile][i % 5]!;
  return { ...c, id: `${c.id}#${i}`, suite: `suite-${i % 3}` };
});

let dir: string;
beforeEach(async () => {
  dir = tempDir('gsc-pieces-');
  largest.bytes = 0;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function written(make: (o: { outDir: string; stream: NodeJS.WritableStream; color: boolean }) => Reporter, file: string): Promise<string> {
  await run(make({ outDir: dir, stream: captureStream().stream, color: false }), many);
  expect(await readdir(dir)).toEqual([file]);
  const text = await readFile(join(dir, file), 'utf8');
  expect(Buffer.byteLength(text)).toBeGreaterThan(3 * BOUND);
  expect(largest.bytes).toBeGreaterThan(0);
  expect(largest.bytes).toBeLessThanOrEqual(BOUND);
  return text;
}

describe(`reports of ${CASES.toLocaleString('en')} cases are written piece by piece`, () => {
  it('results.json: the same bytes as the document stringified whole', async () => {
    expect(await written(createJsonReporter, 'results.json')).toBe(`${JSON.stringify(resultsJson(info, many, summary), null, 2)}\n`);
  });

  it('junit.xml: the same bytes as the document made whole', async () => {
    expect(await written(createJunitReporter, 'junit.xml')).toBe(junitXml(info, many, summary));
  });

  it('report.html: the same bytes as the page made whole', async () => {
    expect(await written(createHtmlReporter, 'report.html')).toBe(htmlReport(info, many, summary));
  });

  it('ctrf.json: the same bytes as the report stringified whole (but its id and time)', async () => {
    const text = await written(createCtrfReporter, 'ctrf.json');
    const doc = JSON.parse(text) as ReturnType<typeof ctrfReport>;
    const whole = { ...ctrfReport(info, many.map((c) => ctrfTest(c, info.failLevel)), summary), reportId: doc.reportId, timestamp: doc.timestamp };
    expect(text).toBe(`${JSON.stringify(whole, null, 2)}\n`);
  });

  it('results.tap: one test point per case, the plan at the end', async () => {
    const text = await written(createTapReporter, 'results.tap');
    expect(text.split('\n').filter((l) => /^(not )?ok \d+ - /.test(l))).toHaveLength(CASES);
    expect(text).toContain(`\n1..${CASES}\n`);
  });
});
