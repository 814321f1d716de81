import { describe, expect, it } from 'vitest';
import { gsc } from '../e2e/support.js';

describe('gsc --help', () => {
  it('lists each command in a column, its summary after at least two spaces, however long its name', async () => {
    const { stdout, code } = await gsc(['--help']);
    const block = stdout.slice(stdout.indexOf('Commands:\n') + 'Commands:\n'.length, stdout.indexOf('\n\n', stdout.indexOf('Commands:')));
    const rows = block.split('\n').map((l) => /^ {2}(\S+)( {2,})(\S.*)$/.exec(l));
    expect(rows.every(Boolean)).toBe(true);
    expect(rows.map((r) => r![1])).toContain('merge-reports');
    expect(new Set(rows.map((r) => r![1]!.length + r![2]!.length)).size).toBe(1);
    expect(stdout).toContain("  merge-reports  merge the reports of a run's shards");
    expect(code).toBe(0);
  });
});
