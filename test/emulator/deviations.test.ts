import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listDeviations } from '../../src/emulator/index.js';
import { withEmulator } from './client.js';
import { PROBES, type ProbeId } from './probes.js';

/**
 * Each deviation declares, in its `mustFail.probes`, the probes it makes fail: the one for its
 * contract point, and any other it cannot help failing (a 403 for every auth failure breaks all
 * three 401 probes). Every other probe must still hold: that is what "breaks exactly one
 * contract point" means.
 */
const deviations = listDeviations();

/** The probes that fail against an emulator with these deviations. */
async function failing(names: string[]): Promise<ProbeId[]> {
  return withEmulator({ deviations: names }, async (c) => {
    const failed: ProbeId[] = [];
    for (const [id, probe] of Object.entries(PROBES) as [ProbeId, (typeof PROBES)[ProbeId]][]) {
      if (!(await probe.holds(c))) failed.push(id);
    }
    return failed;
  });
}

describe('the deviation registry', () => {
  it('has unique kebab-case names, each saying which contract point it breaks and where it is documented', () => {
    const names = deviations.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const d of deviations) {
      expect(d.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(d.breaks.length).toBeGreaterThan(10);
      expect(d.doc).toMatch(/^https:\/\//);
    }
  });

  it('is data grouped by contract area: at most 12 files in src/emulator/deviations/', () => {
    const dir = join(import.meta.dirname, '..', '..', 'src', 'emulator', 'deviations');
    expect(readdirSync(dir).filter((f) => f.endsWith('.ts')).length).toBeLessThanOrEqual(12);
  });

  it('names only probes that exist, and every probe is the proof of some deviation', () => {
    const declared = deviations.flatMap((d) => d.mustFail.probes);
    expect(declared.filter((id) => !(id in PROBES))).toEqual([]);
    expect(Object.keys(PROBES).filter((id) => !declared.includes(id))).toEqual([]);
  });

  it('the correct emulator keeps every probed contract point', async () => {
    expect(await failing([])).toEqual([]);
  });
});

describe.each(deviations.map((d) => [d.name, d.breaks, d.mustFail.probes] as const))('deviation %s', (name, breaks, probes) => {
  it(`breaks "${breaks}" and nothing else`, async () => {
    expect((await failing([name])).sort()).toEqual([...probes].sort());
  });
});

describe('combining deviations', () => {
  it('breaks the union of what each breaks', async () => {
    const got = await failing(['create-answers-200', 'no-request-id', 'pause-does-not-pause']);
    expect(got.sort()).toEqual(['createStatus201', 'pausePauses', 'requestIdHeader']);
  });
});
