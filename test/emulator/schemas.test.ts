import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { Client, withEmulator, type Answer } from './client.js';

// The emulator and the suite share schemas/api: its answers must satisfy them.
const dir = join(import.meta.dirname, '..', '..', 'schemas', 'api');
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
for (const file of readdirSync(dir).filter((f) => f.endsWith('.schema.json'))) {
  ajv.addSchema(JSON.parse(readFileSync(join(dir, file), 'utf8')) as object, file);
}

/** Schema errors of a body, as readable lines; empty when it is valid. */
function errors(schema: string, body: unknown): string[] {
  const validate = ajv.getSchema(schema);
  if (!validate) throw new Error(`no schema ${schema} in schemas/api`);
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

const PROVISION = { parameters: [{ ruleId: 'r1', subjects: [{ objectId: 'u1', objectTypeName: 'User' }] }] };
let c: Client;

beforeAll(async () => {
  c = new Client(await startEmulator());
});
afterAll(() => c.handle.close());

describe('the correct emulator satisfies schemas/api', () => {
  it('jobs: created, read, listed, started and paused', async () => {
    const created = await c.create();
    expect(errors('synchronizationJob.schema.json', created.json)).toEqual([]);
    const id = created.json.id as string;
    await c.send('POST', c.job(id, '/start'));
    expect(errors('synchronizationJob.schema.json', (await c.send('GET', c.job(id))).json)).toEqual([]);
    await c.send('POST', c.job(id, '/pause'));
    expect(errors('synchronizationJobCollection.schema.json', (await c.send('GET', c.jobs)).json)).toEqual([]);
  });

  it('templates, schemas and provisionOnDemand', async () => {
    const id = await c.newJob();
    expect(errors('synchronizationTemplateCollection.schema.json', (await c.send('GET', `/servicePrincipals/${c.sp}/synchronization/templates`)).json)).toEqual([]);
    expect(errors('synchronizationSchema.schema.json', (await c.send('GET', c.job(id, '/schema'))).json)).toEqual([]);
    expect(errors('stringKeyStringValuePair.schema.json', (await c.send('POST', c.job(id, '/provisionOnDemand'), { json: PROVISION })).json)).toEqual([]);
  });

  it('every kind of error body', async () => {
    const answers: Answer[] = [
      await c.send('GET', c.jobs, { auth: null }),
      await c.create({}),
      await c.send('POST', c.jobs, { raw: '{' }),
      await c.send('GET', c.job('nope')),
      await c.send('PATCH', c.jobs, { json: {} }),
      await c.send('GET', '/nowhere'),
    ];
    for (const a of answers) expect(errors('odataError.schema.json', a.json), `${a.status} ${a.text}`).toEqual([]);
  });
});

describe('deviations that break a type are caught by schemas/api', () => {
  it.each([
    ['interval-not-iso8601', 'synchronizationJob.schema.json'],
    ['steady-state-not-date-time', 'synchronizationJob.schema.json'],
    ['created-job-id-empty', 'synchronizationJob.schema.json'],
  ])('%s makes the created job invalid against %s', async (deviation, schema) => {
    await withEmulator({ deviations: [deviation] }, async (d) => {
      expect(errors(schema, (await d.create()).json)).not.toEqual([]);
    });
  });

  it.each(['template-discoverable-string', 'template-application-id-not-guid'])('%s makes the template list invalid', async (deviation) => {
    await withEmulator({ deviations: [deviation] }, async (d) => {
      const list = await d.send('GET', `/servicePrincipals/${d.sp}/synchronization/templates`);
      expect(errors('synchronizationTemplateCollection.schema.json', list.json)).not.toEqual([]);
    });
  });

  it.each(['error-without-code', 'error-message-not-string'])('%s makes error bodies invalid', async (deviation) => {
    await withEmulator({ deviations: [deviation] }, async (d) => {
      expect(errors('odataError.schema.json', (await d.send('GET', d.job('nope'))).json)).not.toEqual([]);
    });
  });

  it.each(['last-execution-not-null', 'quarantine-not-null', 'expiration-not-null'])(
    '%s puts a well-formed value where null belongs, so the job stays schema-valid (a value check must catch it)',
    async (deviation) => {
      await withEmulator({ deviations: [deviation] }, async (d) => {
        expect(errors('synchronizationJob.schema.json', (await d.create()).json)).toEqual([]);
      });
    },
  );
});
