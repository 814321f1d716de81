import type { IntentEntry, LedgerEntry, ListedJob } from './entries.js';

/** What became of a create whose answer was lost. */
export type Reconciliation =
  /** Exactly one job can be the create's, beyond doubt: delete it. */
  | { kind: 'certainly-ours'; id: string; reason: string }
  /** Jobs appeared that may be the create's, or someone else's: report them, never delete. */
  | { kind: 'possibly-left-behind'; ids: string[]; reason: string }
  /** No job appeared since the intent: the create made nothing (or it is already gone). */
  | { kind: 'nothing-new'; reason: string };

/**
 * Decides whether a job now in the collection is certainly the one a lost create made.
 *
 * A job is *new* when it is listed now, was not listed just before the create (`existingIds`),
 * and no other `created` line of the ledger accounts for it. The create's job is **certainly
 * ours** only when all of these hold:
 *
 * 1. the collection was listed before the create (`existingIds` is present): without that
 *    baseline a job that was already there looks new;
 * 2. exactly one job is new;
 * 3. the intent names a `templateId`, and the new job's listed `templateId` equals it;
 * 4. no other create on the same target and service principal, from any run in the ledger, has
 *    an unknown outcome (an intent with no `created` or `rejected` line, unless a cleanup found it
 *    made nothing). Such a create may be the one that made the new job.
 *
 * Otherwise the new jobs are **possibly left behind**: reported with their ids, never deleted.
 * What no ledger can see remains a risk: another tool creating one job with the same template on
 * the same service principal while this run's create was lost. Reading the report is the last
 * safeguard; the rule only ever errs towards leaving a job in place.
 *
 * @param current the collection as listed now.
 * @param entries the whole ledger, to see other creates on the same service principal.
 */
export function reconcile(intent: IntentEntry, current: readonly ListedJob[], entries: readonly LedgerEntry[] = []): Reconciliation {
  const sameCollection = (e: { target: string; path: string }) => e.target === intent.target && e.path.startsWith(`${intent.collectionPath.replace(/\/+$/, '')}/`);
  const existing = new Set(intent.existingIds);
  const accounted = new Set(entries.flatMap((e) => (e.type === 'created' && sameCollection(e) ? [e.id] : [])));
  const fresh = current.filter((job) => !existing.has(job.id) && !accounted.has(job.id));
  if (fresh.length === 0) return { kind: 'nothing-new', reason: 'no job appeared on the service principal since the create was sent' };

  const doubts: string[] = [];
  if (intent.existingIds === undefined) doubts.push('the collection could not be listed before the create, so a job that was already there cannot be told from a new one');
  const only = fresh.length === 1 ? fresh[0] : undefined;
  if (!only) doubts.push(`${fresh.length} jobs ${intent.existingIds === undefined ? 'are listed' : 'appeared since the create was sent'}`);
  if (intent.templateId === undefined) doubts.push('the create named no templateId');
  else if (only && only.templateId !== intent.templateId) {
    doubts.push(`the new job's template is ${only.templateId === undefined ? 'not listed' : `\`${only.templateId}\``}, the create asked for \`${intent.templateId}\``);
  }
  const rivals = unknownCreates(intent, entries);
  if (rivals.length > 0) {
    const runs = [...new Set(rivals.map((r) => r.runId))].join(', ');
    doubts.push(`${rivals.length} other create(s) on this service principal have an unknown outcome (run ${runs})`);
  }

  if (only && doubts.length === 0) {
    return { kind: 'certainly-ours', id: only.id, reason: `the only new job, with the template \`${intent.templateId}\` the create asked for` };
  }
  return { kind: 'possibly-left-behind', ids: fresh.map((j) => j.id), reason: doubts.join('; ') };
}

/** Other intents on the same target and service principal that may have made a job nobody recorded. */
function unknownCreates(intent: IntentEntry, entries: readonly LedgerEntry[]): IntentEntry[] {
  const known = new Set<string>();
  for (const e of entries) {
    const madeNothing = e.type === 'rejected' || (e.type === 'resolved' && e.outcome === 'nothing-new');
    if (e.type === 'created' || madeNothing) known.add(e.intentId);
  }
  return entries.filter(
    (e): e is IntentEntry =>
      e.type === 'intent' &&
      e.intentId !== intent.intentId &&
      e.target === intent.target &&
      e.servicePrincipalId === intent.servicePrincipalId &&
      !known.has(e.intentId),
  );
}
