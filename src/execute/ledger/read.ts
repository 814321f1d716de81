import * as fs from 'node:fs';
import type { Diagnostic } from '../../model/index.js';
import { toEntry, type LedgerEntry } from './entries.js';

/** What a ledger file holds, and what could not be read from it. */
export interface LedgerContents {
  /** The valid lines, in file order. */
  entries: LedgerEntry[];
  /**
   * Lines skipped, each with its line number: `ledger-truncated-line` (the last line was cut by a
   * crash mid-write), `ledger-bad-line` (not a ledger entry), and `ledger-not-found` or
   * `ledger-unreadable` (an error: nothing could be read).
   */
  problems: Diagnostic[];
}

/**
 * Reads a ledger, keeping every valid line. Never throws on bad content: a torn last line or a
 * junk line becomes a warning with its line number, so one bad line never hides the others.
 */
export function readLedger(file: string): LedgerContents {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const problem: Diagnostic =
      e.code === 'ENOENT'
        ? { code: 'ledger-not-found', message: `there is no ledger at ${file}`, hint: 'check the path: it must name the ledger file a run wrote', severity: 'error' }
        : { code: 'ledger-unreadable', message: `cannot read the ledger ${file}: ${e.message}`, severity: 'error' };
    return { entries: [], problems: [problem] };
  }

  const entries: LedgerEntry[] = [];
  const problems: Diagnostic[] = [];
  const lines = text.split('\n');
  // A final newline leaves an empty last piece; without one, the last line may be torn.
  const unterminated = lines.length - 1;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const at = { file, line: index + 1, col: 1 };
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      problems.push(
        index === unterminated
          ? { code: 'ledger-truncated-line', message: `line ${at.line} is incomplete, cut short by a crash while it was written; ignored`, span: at, severity: 'warning' }
          : {
              code: 'ledger-bad-line',
              message: `line ${at.line} is not JSON; ignored`,
              hint: 'a line cut short by an earlier crash looks like this; other edits to the file are not expected',
              span: at,
              severity: 'warning',
            },
      );
      return;
    }
    const entry = toEntry(parsed);
    if (typeof entry === 'string') {
      problems.push({ code: 'ledger-bad-line', message: `line ${at.line} is not a ledger entry: ${entry}; ignored`, span: at, severity: 'warning' });
    } else {
      entries.push(entry);
    }
  });
  return { entries, problems };
}
