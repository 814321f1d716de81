import type { Diagnostic } from '../../model/index.js';
import { LEDGER_VERSION, type LedgerEntry } from './entries.js';
import { Ledger, LedgerError, type LedgerOptions } from './ledger.js';

/** A line to append, before the ledger stamps it. */
export type NewEntry = Parameters<Ledger['append']>[0];

/**
 * Appends outcomes, opening the ledger only when there is one (a cleanup with nothing to do
 * leaves the file untouched). A ledger that cannot be written does not stop the cleanup: the
 * deletes still happen, and a later cleanup finds them gone (404).
 */
export class Outcomes {
  private ledger: Ledger | undefined;
  private broken = false;

  constructor(
    private readonly file: string,
    private readonly options: LedgerOptions,
    private readonly problems: Diagnostic[],
  ) {}

  write(entry: NewEntry): LedgerEntry {
    const stamped = { v: LEDGER_VERSION, time: (this.options.now?.() ?? new Date()).toISOString(), runId: this.options.runId, ...entry } as LedgerEntry;
    if (this.broken) return stamped;
    try {
      this.ledger ??= Ledger.open(this.file, this.options);
      return this.ledger.append(entry);
    } catch (err) {
      this.broken = true;
      const message = err instanceof LedgerError ? err.message : String(err);
      this.problems.push({ code: 'ledger-unwritable', message: `${message}; outcomes of this cleanup are not recorded`, hint: 'make the file writable: the next cleanup then records them (deleted jobs answer 404)', severity: 'error' });
      return stamped;
    }
  }

  close(): void {
    this.ledger?.close();
  }
}
