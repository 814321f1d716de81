import { describe, expect, it } from 'vitest';
import { gsc } from '../e2e/support.js';

describe('gsc coverage: the operations in specs/ against the cases that exercise them', () => {
  it('shows a table per operation with status codes, properties and a percentage, then the total', async () => {
    const { code, stdout } = await gsc(['coverage']);
    expect(code).toBe(0);
    expect(stdout).toContain('Operations under /servicePrincipals/{servicePrincipal-id}/synchronization (…), from specs/:');
    expect(stdout).toMatch(/^operation +status codes +properties +covered$/m);
    // Create is checked for its 201 and its error answer, and every property of the job it returns.
    expect(stdout).toMatch(/^POST …\/jobs +2\/2 +(\d+)\/\1 +100%$/m);
    expect(stdout).toMatch(/^Contract coverage: [\d.]+% \(\d+ of \d+ points: \d+ of \d+ status codes, \d+ of \d+ properties\)$/m);
  });

  it('names the status codes no case checks', async () => {
    const { stdout } = await gsc(['coverage']);
    expect(stdout).toContain('Status codes no case checks:\n');
    expect(stdout).toMatch(/^ {2}PATCH …\/jobs\/\{synchronizationJob-id\}: 2XX, default$/m);
  });

  it('counts only the selected cases: create alone leaves the lifecycle uncovered', async () => {
    const { stdout } = await gsc(['coverage', '--grep', '^create/']);
    expect(stdout).toMatch(/^POST …\/jobs\/\{synchronizationJob-id\}\/start +0\/2 +- +0%$/m);
  });

  it('--verbose lists each covered point with the strictest level and the cases that check it', async () => {
    const { stdout } = await gsc(['coverage', '--verbose', '--grep', '^create/']);
    expect(stdout).toMatch(/^ {2}MUST POST …\/jobs status 201: .*create\/answers-201-with-a-job/m);
    expect(stdout).toMatch(/^ {2}MUST POST …\/jobs 201 \/id \(by value\): /m);
  });

  it('--min-coverage P exits 1 with a clear line below P, and a bad P is a usage error', async () => {
    const below = await gsc(['coverage', '--grep', '^create/', '--min-coverage', '99']);
    expect(below.code).toBe(1);
    expect(below.stderr).toMatch(/^gsc coverage: contract coverage [\d.]+% is below --min-coverage 99%$/m);
    expect((await gsc(['coverage', '--min-coverage', '1'])).code).toBe(0);
    const bad = await gsc(['coverage', '--min-coverage', 'most']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--min-coverage "most" is not a percentage: give a number from 0 to 100');
  });
});
