import type { ExecContext } from './context.js';
import { pendingItems, readLedger, reconcileRun, type IntentEntry, type Ledger, type ListedJob } from './ledger/index.js';
import { parseJobsCollection } from './ledger/job-path.js';
import { unusableSegment } from './path-segment.js';
import { buildRequest } from './request.js';
import { sendWithRetries } from './send.js';

/** What settling a lost create needs from the tracker that recorded it. */
export interface LostCreateDeps {
  ledger: Ledger;
  ctx: Omit<ExecContext, 'tracker'>;
  /**
   * Every page of a collection, each request retried (as cleanup once the run is interrupted),
   * `absent` when the collection answered 404, or undefined when that proves nothing.
   */
  listAll(collectionPath: string): Promise<ListedJob[] | 'absent' | undefined>;
}

/**
 * Settles a create that answered 5xx or whose answer never came, by listing its collection
 * (every page, retried) until that proves what the create made:
 *
 * - the job proven the run's is recorded as created (and, once the run was interrupted, deleted:
 *   no later step of its case will);
 * - "nothing new" is recorded only after the collection was listed until the consistency
 *   timeout passed, since a job may be listed late;
 * - jobs it cannot prove the run's, or a listing that is not a valid collection, leave the
 *   create open for `gsc cleanup`.
 *
 * After an interrupt every create in flight was stopped at once, so the run's open creates on
 * the collection are decided together ({@link reconcileRun}): one another's jobs are no doubt.
 * A group decision is taken only when each of them has its job, or once the time is up: a job
 * not yet listed must not be mistaken for another create's. The interrupt does not cut this
 * short; `--cleanup-timeout` bounds it.
 */
export async function settleLostCreate(intentId: string, deps: LostCreateDeps): Promise<void> {
  const { ctx } = deps;
  const interrupted = (): boolean => ctx.signal.aborted;
  const started = performance.now();
  const deadline = (): number => started + (interrupted() ? Math.min(ctx.consistencyTimeoutMs, ctx.cleanupTimeoutMs) : ctx.consistencyTimeoutMs);
  for (;;) {
    const intent = openIntent(deps.ledger.file, intentId);
    if (!intent) return;
    const listed = await deps.listAll(intent.collectionPath);
    if (elsewhere(intent)) {
      // A suite's negative case: a create under a service principal that does not exist made
      // nothing. Any other answer leaves it open: the run never records or deletes a job there.
      if (listed === 'absent') deps.ledger.append({ type: 'resolved', intentId, outcome: 'nothing-new', ids: [], reason: `its service principal does not exist (listing ${intent.collectionPath} answered 404), so it made no job` });
      return;
    }
    if (!listed || listed === 'absent') return;
    const entries = readLedger(deps.ledger.file).entries;
    const open = pendingItems(entries).intents;
    if (!open.some((i) => i.intentId === intentId)) return;
    const group = interrupted() ? open.filter((i) => sameCollection(i, intent)) : [intent];
    const decisions = reconcileRun(group, listed, entries);
    const mine = decisions[group.findIndex((i) => i.intentId === intentId)]!;
    const late = performance.now() >= deadline();
    if (mine.kind === 'possibly-left-behind') return;
    if (mine.kind === 'certainly-ours' && (late || decisions.every((d) => d.kind === 'certainly-ours'))) {
      // An id that cannot be a path segment is never made one: the create stays open for gsc cleanup.
      if (unusableSegment(mine.id)) return;
      const path = `${intent.collectionPath.replace(/\/+$/, '')}/${encodeURIComponent(mine.id)}`;
      deps.ledger.append({ type: 'created', intentId, target: intent.target, path, id: mine.id, recovered: true });
      if (interrupted()) await remove(deps, path, mine.id);
      return;
    }
    if (late && mine.kind === 'nothing-new') {
      deps.ledger.append({ type: 'resolved', intentId, outcome: 'nothing-new', ids: [], reason: `${mine.reason}, listed until the consistency timeout passed` });
      return;
    }
    // Nothing new yet, or not every create of the group has its job yet: replication may lag.
    // Once interrupted, the run's signal no longer cuts the wait short: settling is cleanup now.
    await ctx.sleep(Math.min(1000, Math.max(0, deadline() - performance.now())), interrupted() ? undefined : ctx.signal);
  }
}

/** Deletes a recovered job as a cleanup step would, and records the outcome; a job not deleted stays open for gsc cleanup. */
async function remove({ ledger, ctx }: LostCreateDeps, path: string, id: string): Promise<void> {
  const base = ctx.baseUrl.replace(/\/+$/, '');
  try {
    const spec = { method: 'DELETE' as const, path, headers: {}, auth: 'run' as const, span: { file: '(ledger)', line: 0, col: 0 } };
    const req = { ...(await buildRequest(spec, base, new Map(), ctx.token)), operation: 'DELETE /servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}' };
    const { status } = (await sendWithRetries(ctx, req, { phase: 'cleanup' })).response;
    if (status === 404) ledger.recordGone({ path, id });
    else if (status >= 200 && status < 300) ledger.recordDeleted({ path, id });
  } catch {
    // No answer within --cleanup-timeout: the run's end note names the job for gsc cleanup.
  }
}

function openIntent(file: string, intentId: string): IntentEntry | undefined {
  return pendingItems(readLedger(file).entries).intents.find((i) => i.intentId === intentId);
}

/**
 * True for a create sent to another service principal's jobs than the run's. Only there does a
 * 404 listing prove the create made nothing: the run's own service principal was found before
 * the first case, so a 404 for it is replication lag or a fault, not absence.
 */
function elsewhere(intent: IntentEntry): boolean {
  const collection = parseJobsCollection(intent.collectionPath);
  return typeof collection !== 'string' && collection.servicePrincipalId !== intent.servicePrincipalId;
}

function sameCollection(a: IntentEntry, b: IntentEntry): boolean {
  return a.runId === b.runId && a.target === b.target && a.servicePrincipalId === b.servicePrincipalId && a.collectionPath === b.collectionPath;
}
