import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSchemaStore } from '../../../src/assert/index.js';
import { precompiledApiValidator } from '../../../src/assert/schema/precompiled.js';
import { tempDir } from '../../fixtures/temp.js';

const API = fileURLToPath(new URL('../../../schemas/api/', import.meta.url));
const JOBS = join(API, 'synchronizationJobCollection.schema.json');

const job = { id: 'BoxOutDelta.abc', templateId: 'BoxOutDelta', schedule: { expiration: null, interval: 'PT40M', state: 'Active' }, status: { code: 'Active', lastExecution: null, lastSuccessfulExecution: null, lastSuccessfulExecutionWithExports: null, quarantine: null, steadyStateFirstAchievedTime: '0001-01-01T00:00:00Z', steadyStateLastAchievedTime: '0001-01-01T00:00:00Z', troubleshootingUrl: null, countSuccessiveCompleteFailures: 0, escrowsPruned: false, progress: [], synchronizedEntryCountByType: [] }, synchronizationJobSettings: [] };
const answers = [
  { value: [] },
  { value: [job] },
  { value: 'not a list' },
  { value: [{ ...job, id: 7 }] },
  { value: [{ ...job, schedule: { ...job.schedule, state: 'Sleeping' } }] },
  {},
  [],
];

describe('API schemas compiled at build time (dist/validators/api.cjs)', () => {
  it('judge a shipped schema when every shipped file is unchanged, and not otherwise', () => {
    const textOf = (f: string): string => readFileSync(f, 'utf8');
    expect(precompiledApiValidator(JOBS, textOf)).toBeTypeOf('function');
    expect(precompiledApiValidator(JOBS, (f) => (f.endsWith('synchronizationJob.schema.json') ? `${textOf(f)} ` : textOf(f)))).toBeUndefined();
    expect(precompiledApiValidator(JOBS, () => undefined)).toBeUndefined();
  });

  it('give the same violations as the schemas compiled at run time, for answers that conform and answers that do not', () => {
    // A copy elsewhere is not the package's own folder, so that store compiles everything now.
    const copy = tempDir();
    cpSync(API, copy, { recursive: true });
    const built = createSchemaStore([API]).validator(JOBS);
    const compiled = createSchemaStore([copy]).validator(join(copy, 'synchronizationJobCollection.schema.json'));
    const view = (v: ReturnType<typeof built>): unknown => v.map(({ pointer, keyword, message }) => ({ pointer, keyword, message }));
    let violating = 0;
    for (const answer of answers) {
      const a = built(answer);
      expect(view(a)).toEqual(view(compiled(answer)));
      if (a.length > 0) violating++;
    }
    expect(violating).toBeGreaterThanOrEqual(4);
    expect(built(answers[1])).toEqual([]);
  });
});
