export type { CreatedEntry, IntentEntry, LedgerEntry, ListedJob, RejectedEntry, RemovedEntry, ResolvedEntry } from './entries.js';
export { Ledger, LedgerError, type LedgerOptions } from './ledger.js';
export { readLedger, type LedgerContents } from './read.js';
export { pendingItems, type Pending } from './pending.js';
export { reconcile, reconcileRun, type Reconciliation } from './reconcile.js';
export { entriesToKeep, pruneLedger } from './prune.js';
export { cleanupFromLedger, type CleanupClient, type CleanupItem, type CleanupOptions, type CleanupOutcome, type CleanupReport } from './cleanup.js';
