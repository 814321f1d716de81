import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/index.js';
import { tempDir } from '../fixtures/temp.js';

describe('latency in the report', () => {
  it('results.json and the console summary give p50/p95/p99 per operation', async () => {
    const out = tempDir();
    let printed = '';
    const stdout = { write: (s: string) => ((printed += s), true) } as unknown as NodeJS.WritableStream;
    const result = await run({ tags: ['smoke'], reporters: ['json', 'console'], out, stdout, repeat: 2 });
    const file = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(file.latency).toEqual(result.latency);
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    formats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(import.meta.dirname, '../../schemas/results.schema.json'), 'utf8')));
    expect(validate(file) ? [] : validate.errors).toEqual([]);
    const create = result.latency!.operations['POST /servicePrincipals/{servicePrincipal-id}/synchronization/jobs'];
    expect(create?.count).toBe(2);
    const all = result.latency!.all;
    const requests = result.cases.flatMap((c) => c.steps).reduce((n, s) => n + s.attempts, 0);
    // Every attempt of every step, plus the run's own: the preflight and the ledger's listings.
    expect(all.count).toBeGreaterThan(requests);
    expect(Object.values(result.latency!.operations).reduce((n, o) => n + o.count, 0)).toBe(all.count);
    expect(all.p50).toBeLessThanOrEqual(all.p95);
    expect(all.p95).toBeLessThanOrEqual(all.p99);
    expect(all.p99).toBeLessThanOrEqual(all.max);
    expect(printed).toMatch(/Latency \(ms\)\n\s+operation\s+requests\s+p50\s+p95\s+p99\s+max\n\s+all requests\s+\d+/);
    expect(printed).toContain('POST /servicePrincipals/{servicePrincipal-id}/synchronization/jobs');
    expect(printed.trimEnd().split('\n').pop()).toMatch(/^gsc: 6 passed, 0 failed/);
  });
});

describe('latency per operation in every report that has room for it', () => {
  it('results.ndjson, ctrf.json and report.html give the same table, one row per operation of specs/', async () => {
    const out = tempDir();
    const result = await run({ reporters: ['json', 'ndjson', 'ctrf', 'html'], out });
    const operations = Object.keys(result.latency!.operations);
    // Deletes written with {jobId} and {secondJobId} are one operation, named as specs/ names it.
    expect(operations).toContain('DELETE /servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}');
    expect(operations.filter((o) => /\{(jobId|secondJobId|randomGuid)\}/.test(o))).toEqual([]);
    // A method specs/ lacks on a path it has (a PUT to the collection, answered 405) is named by that path too.
    expect(operations).toContain('PUT /servicePrincipals/{servicePrincipal-id}/synchronization/jobs');
    expect(operations.filter((o) => o.includes('{servicePrincipalId}'))).toEqual([]);
    const expected = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).latency;
    const lines = readFileSync(join(out, 'results.ndjson'), 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[lines.length - 1]!)).toMatchObject({ type: 'summary', latency: expected });
    expect(JSON.parse(readFileSync(join(out, 'ctrf.json'), 'utf8')).results.summary.extra.latency).toEqual(expected);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<h2 id="latency-heading">Request latency (ms)</h2>');
    expect(html).toMatch(/<tr><td>all requests<\/td><td>\d+<\/td>/);
    expect(html).toContain('<code>DELETE …/jobs/{synchronizationJob-id}</code>');
  });
});
