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
    const create = result.latency!.operations['POST /servicePrincipals/{servicePrincipalId}/synchronization/jobs'];
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
    expect(printed).toContain('POST /servicePrincipals/{servicePrincipalId}/synchronization/jobs');
    expect(printed.trimEnd().split('\n').pop()).toMatch(/^gsc: 6 passed, 0 failed/);
  });
});
