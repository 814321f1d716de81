import { toEntry, type LedgerEntry } from './entries.js';
import { pendingItems } from './pending.js';

/**
 * The lines of a ledger worth keeping: every record of a job still open (created and not yet
 * deleted, with its intent, which `gsc cleanup` requires before it deletes), every create whose
 * outcome is unknown, every job a cleanup reported as possibly left behind, and any line this
 * version cannot read (a newer writer's, or one torn by a crash): those are never dropped
 * unread. What is dropped is settled history: creates deleted or found gone, creates refused.
 * Pure: text in, text out, in the original order, each kept line byte for byte.
 */
export function compactLines(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const parsed = lines.map((line): LedgerEntry | undefined => {
    try {
      const e = toEntry(JSON.parse(line));
      return typeof e === 'string' ? undefined : e;
    } catch {
      return undefined;
    }
  });
  const entries = parsed.filter((e): e is LedgerEntry => e !== undefined);
  const pending = pendingItems(entries);
  const keptCreated = new Set<LedgerEntry>(pending.items);
  const keptIntents = new Set<string>([...pending.intents.map((i) => i.intentId), ...pending.items.map((c) => c.intentId)]);
  for (const e of entries) if (e.type === 'resolved' && e.outcome === 'possibly-left-behind') keptIntents.add(e.intentId);
  const keep = (e: LedgerEntry | undefined): boolean => {
    if (e === undefined) return true;
    if (e.type === 'intent') return keptIntents.has(e.intentId);
    if (e.type === 'created') return keptCreated.has(e);
    if (e.type === 'resolved') return e.outcome === 'possibly-left-behind';
    return false;
  };
  const out = lines.filter((_, i) => keep(parsed[i]));
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}
