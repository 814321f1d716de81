import { pendingItems, readLedger } from '../execute/ledger/index.js';

/** What this run created and did not delete, with how to remove it; undefined when nothing. */
export function leftBehind(file: string, runId: string): string | undefined {
  const { entries } = readLedger(file);
  const pending = pendingItems(entries.filter((e) => e.runId === runId));
  const count = pending.items.length + pending.intents.length;
  if (count === 0) return undefined;
  // Cleanup talks only to the target it is given, never to one a ledger names, so the command names it.
  const target = [...pending.items, ...pending.intents][0]!.target;
  return `${count} job(s) this run created may be left behind (${pending.items.map((i) => i.id).join(', ') || 'answers lost'}); remove them with: gsc cleanup --target ${target} --ledger ${file}`;
}
