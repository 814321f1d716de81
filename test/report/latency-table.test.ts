import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/index.js';
import { tempDir } from '../fixtures/temp.js';

/** What `gsc run --repeat 2` prints on stdout: a terminal `columns` wide, or a pipe. */
async function printed(stdout: { isTTY: boolean; columns?: number }, out?: string): Promise<string[]> {
  const chunks: string[] = [];
  const stream = { ...stdout, write: (s: string) => (chunks.push(s), true) } as unknown as NodeJS.WritableStream;
  await run({ grep: '^create/', repeat: 2, live: 'off', stdout: stream, reporters: out ? ['console', 'json'] : ['console'], ...(out ? { out } : {}) });
  return chunks.join('').split('\n');
}

/** The latency table's rows, up to the blank line after it. */
function table(lines: string[]): string[] {
  const start = lines.indexOf('Latency (ms)');
  expect(start).toBeGreaterThan(0);
  return lines.slice(start, lines.indexOf('', start));
}

describe('the latency table of the console summary', () => {
  it('fits an 80-column terminal: operation names are cut in the middle, each still its own', async () => {
    const rows = table(await printed({ isTTY: true, columns: 80 }));
    for (const row of rows) expect([...row].length).toBeLessThan(80);
    expect(rows[1]).toMatch(/^ {2}operation +requests +p50 +p95 +p99 +max$/);
    expect(rows).toContainEqual(expect.stringMatching(/^ {2}POST …\/synchronization\/jobs +\d+ /));
    expect(rows).toContainEqual(expect.stringMatching(/^ {2}DELETE …\/jobs\/\{synchronizationJob-id\} +\d+ /));
    const names = rows.slice(2).map((r) => r.trim().split(/ {2,}/)[0]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('is whole in piped output and in the reports', async () => {
    const out = tempDir('gsc-latency-table-');
    const rows = table(await printed({ isTTY: false, columns: 80 }, out));
    expect(rows).toContainEqual(expect.stringMatching(/^ {2}POST \/servicePrincipals\/\{servicePrincipal-id\}\/synchronization\/jobs +\d+ /));
    expect(rows.some((r) => r.length > 100)).toBe(true);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { latency: { operations: Record<string, unknown> } };
    expect(Object.keys(results.latency.operations)).toContain('POST /servicePrincipals/{servicePrincipal-id}/synchronization/jobs');
  });

  it('is whole on a terminal wide enough for it', async () => {
    const rows = table(await printed({ isTTY: true, columns: 200 }));
    expect(rows).toContainEqual(expect.stringMatching(/^ {2}DELETE \/servicePrincipals\/\{servicePrincipal-id\}\/synchronization\/jobs\/\{synchronizationJob-id\} +\d+ /));
  });
});
