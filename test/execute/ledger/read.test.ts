import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLedger } from '../../../src/execute/ledger/index.js';
import { JOBS, TARGET, tempDir } from './helpers.js';

const line = (o: object) => JSON.stringify({ v: 1, time: '2025-03-10T12:00:00.000Z', runId: 'run-1', ...o });
const gone = (id: string) => line({ type: 'gone', target: TARGET, path: `${JOBS}/${id}`, id });

function ledgerWith(text: string): string {
  const file = path.join(tempDir(), 'ledger.jsonl');
  fs.writeFileSync(file, text);
  return file;
}

describe('readLedger', () => {
  it('keeps every line before a last line cut short by a kill, and says so', () => {
    const file = ledgerWith(`${gone('a')}\n${gone('b')}\n${gone('c').slice(0, 40)}`);
    const { entries, problems } = readLedger(file);
    expect(entries.map((e) => (e.type === 'gone' ? e.id : ''))).toEqual(['a', 'b']);
    expect(problems).toEqual([
      {
        code: 'ledger-truncated-line',
        message: 'line 3 is incomplete, cut short by a crash while it was written; ignored',
        span: { file, line: 3, col: 1 },
        severity: 'warning',
      },
    ]);
  });

  it('accepts a complete last line that lacks its newline', () => {
    expect(readLedger(ledgerWith(gone('a'))).problems).toEqual([]);
  });

  it('reports junk and invalid lines with their numbers, and keeps the rest', () => {
    const file = ledgerWith(
      [gone('a'), 'hello', '', line({ type: 'gone', target: TARGET, path: '/x' }), line({ type: 'launched' }), JSON.stringify({ v: 2, type: 'gone' }), '[1]', gone('b'), ''].join('\n'),
    );
    const { entries, problems } = readLedger(file);
    expect(entries).toHaveLength(2);
    expect(problems.map((p) => [p.span?.line, p.code, p.message])).toEqual([
      [2, 'ledger-bad-line', 'line 2 is not JSON; ignored'],
      [4, 'ledger-bad-line', 'line 4 is not a ledger entry: its `id` must be a non-empty string; ignored'],
      [5, 'ledger-bad-line', 'line 5 is not a ledger entry: its `type` "launched" is not one of intent, created, rejected, deleted, gone, resolved; ignored'],
      [6, 'ledger-bad-line', 'line 6 is not a ledger entry: its version `v` is 2, this tool reads version 1; ignored'],
      [7, 'ledger-bad-line', 'line 7 is not a ledger entry: it is not a JSON object; ignored'],
    ]);
  });

  it('reports a missing file as an error with a hint, not a throw', () => {
    const file = path.join(tempDir(), 'nope.jsonl');
    expect(readLedger(file)).toEqual({
      entries: [],
      problems: [
        {
          code: 'ledger-not-found',
          message: `there is no ledger at ${file}`,
          hint: 'check the path: it must name the ledger file a run wrote',
          severity: 'error',
        },
      ],
    });
  });
});
