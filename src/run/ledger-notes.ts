import { pendingItems, readLedger } from '../execute/ledger/index.js';
import type { OpenCreates } from '../execute/open-creates.js';

/**
 * What this run created and did not delete, with how to remove it; undefined when nothing.
 * Jobs are named by id; creates that left no id are counted by what happened to them (`open`).
 */
export function leftBehind(file: string, runId: string, open?: OpenCreates): string | undefined {
  const { entries } = readLedger(file);
  const pending = pendingItems(entries.filter((e) => e.runId === runId));
  const count = pending.items.length + pending.intents.length;
  if (count === 0) return undefined;
  // Cleanup talks only to the target it is given, never to one a ledger names, so the command names it.
  const target = [...pending.items, ...pending.intents][0]!.target;
  const what = new Map<string, number>();
  for (const i of pending.intents) {
    const happened = open?.of(i.intentId) ?? 'whose outcome is not known';
    what.set(happened, (what.get(happened) ?? 0) + 1);
  }
  const unknown = [...what].map(([happened, n]) => `${n} create(s) ${happened}`).join('; ');
  const parts = [pending.items.map((i) => i.id).join(', '), unknown && `${unknown}: no job id is known, so gsc cleanup lists the collection to find them`].filter(Boolean);
  return `${count} job(s) this run created may be left behind (${parts.join('; ')}); remove them with: gsc cleanup --target ${target} --ledger ${file}`;
}
