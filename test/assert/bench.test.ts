import { describe, expect, it } from 'vitest';
import { benchChecks } from '../../bench/checks.js';

describe('benchChecks', () => {
  it('measures both scenarios and reports a positive rate for each', async () => {
    const results = await benchChecks({ durationMs: 20 });
    expect(results.map((r) => r.name)).toEqual([
      'checkExchange: conforming job, schema + 10 values',
      'checkExchange: broken job, schema + 10 values',
    ]);
    for (const result of results) expect(result.opsPerSec).toBeGreaterThan(0);
  });
});
