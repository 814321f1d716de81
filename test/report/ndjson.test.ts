import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNdjsonReporter, NDJSON_FILE } from '../../src/report/ndjson.js';
import { captureStream, cases, failed, info, passed, SECRETS, summary } from './fixtures.js';

const schema = JSON.parse(await readFile(new URL('../../schemas/results.schema.json', import.meta.url), 'utf8')) as { $id: string };
const ajv = new Ajv2020({ allErrors: true, strict: true });
formats.default(ajv);
ajv.addSchema(schema);
const validateCase = ajv.getSchema(`${schema.$id}#/$defs/case`)!;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gsc-ndjson-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lines = async (): Promise<Record<string, unknown>[]> =>
  (await readFile(join(dir, NDJSON_FILE), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('ndjson reporter', () => {
  it('writes each case as it ends, before the run is over, so a long run can be followed', async () => {
    const r = createNdjsonReporter({ outDir: dir, stream: captureStream().stream, color: false });
    await r.onRunStart?.(info);
    await r.onCaseEnd?.(passed);
    expect((await lines()).map((l) => [l.type, l.id])).toEqual([['run', undefined], ['case', passed.id]]);
    await r.onCaseEnd?.(failed);
    await r.onRunEnd?.(summary);
    const all = await lines();
    expect(all.map((l) => l.type)).toEqual(['run', 'case', 'case', 'summary']);
    expect(all[0]).toMatchObject({ formatVersion: 1, failLevel: 'MUST', total: info.total });
    expect(all[3]).toMatchObject({ verdict: 'non-conformant', conformant: false, counts: summary.counts });
  });

  it('gives each case the shape results.json documents, and holds no secret', async () => {
    const r = createNdjsonReporter({ outDir: dir, stream: captureStream().stream, color: false });
    await r.onRunStart?.(info);
    for (const c of cases) await r.onCaseEnd?.(c);
    await r.onRunEnd?.(summary);
    const text = await readFile(join(dir, NDJSON_FILE), 'utf8');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    for (const { type, ...c } of (await lines()).filter((l) => l.type === 'case')) {
      expect(validateCase(c) ? [] : validateCase.errors).toEqual([]);
    }
  });
});
