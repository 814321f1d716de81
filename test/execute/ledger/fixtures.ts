import type { CreatedEntry, IntentEntry, LedgerEntry } from '../../../src/execute/ledger/index.js';
import { JOBS, SP, TARGET } from './helpers.js';

const stamp = (runId: string) => ({ v: 1 as const, time: '2025-03-10T12:00:00.000Z', runId });

/** An intent line as a run writes it before a create. */
export function intent(intentId: string, over: Partial<IntentEntry> = {}): IntentEntry {
  return { ...stamp('run-1'), type: 'intent', intentId, target: TARGET, collectionPath: JOBS, servicePrincipalId: SP, templateId: 'scim', existingIds: ['old'], ...over };
}

/** A created line for job `id` of `intentId`. */
export function created(intentId: string, id: string, over: Partial<CreatedEntry> = {}): CreatedEntry {
  return { ...stamp('run-1'), type: 'created', intentId, target: TARGET, path: `${JOBS}/${id}`, id, ...over };
}

/** A deleted or gone line for job `id`. */
export function removed(id: string, type: 'deleted' | 'gone' = 'deleted'): LedgerEntry {
  return { ...stamp('run-1'), type, target: TARGET, path: `${JOBS}/${id}`, id };
}

export function rejected(intentId: string): LedgerEntry {
  return { ...stamp('run-1'), type: 'rejected', intentId, status: 400 };
}

export function resolved(intentId: string, outcome: 'nothing-new' | 'possibly-left-behind', ids: string[] = []): LedgerEntry {
  return { ...stamp('cleanup-1'), type: 'resolved', intentId, outcome, ids, reason: 'test' };
}
