import type { CreatedEntry, IntentEntry, LedgerEntry } from './entries.js';

/** What a cleanup still has to deal with. */
export interface Pending {
  /** Jobs created and not yet deleted (nor found gone), once each, in ledger order. */
  items: CreatedEntry[];
  /**
   * Creates whose answer was lost: an intent with no `created` or `rejected` line, nor a
   * `resolved` line proving it made nothing. A `possibly-left-behind` report proves nothing, so
   * its intent stays here: the next cleanup lists the collection again.
   */
  intents: IntentEntry[];
}

/** Key of one removable resource: the same path on another target is another resource. */
export function resourceKey(e: { target: string; path: string; id: string }): string {
  return JSON.stringify([e.target, e.path, e.id]);
}

/** Finds what the ledger's runs left to clean up. Pure: reads `entries` only. */
export function pendingItems(entries: readonly LedgerEntry[]): Pending {
  const removed = new Set<string>();
  const settled = new Set<string>();
  for (const e of entries) {
    if (e.type === 'deleted' || e.type === 'gone') removed.add(resourceKey(e));
    if (e.type === 'created' || e.type === 'rejected' || (e.type === 'resolved' && e.outcome === 'nothing-new')) settled.add(e.intentId);
  }
  const seen = new Set<string>();
  const items: CreatedEntry[] = [];
  const intents: IntentEntry[] = [];
  for (const e of entries) {
    if (e.type === 'created') {
      const key = resourceKey(e);
      if (!removed.has(key) && !seen.has(key)) items.push(e);
      seen.add(key);
    } else if (e.type === 'intent' && !settled.has(e.intentId)) {
      intents.push(e);
    }
  }
  return { items, intents };
}
