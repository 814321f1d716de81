import type { CreationTracker, ExecContext } from './context.js';
import { readLedger, reconcile, type IntentEntry, type Ledger, type ListedJob } from './ledger/index.js';
import { listAllPages } from './pages.js';
import { unusableSegment } from './path-segment.js';
import { buildRequest } from './request.js';
import { sendWithRetries } from './send.js';

/** The ledger's tracker, and how many creates it still holds an intent for. */
export interface LedgerTracker extends CreationTracker {
  /** Creates sent (or about to be) whose answer has not settled them yet; at most the creates in flight. */
  readonly openIntents: number;
}

/**
 * Writes what a run creates into the ledger, so `gsc cleanup` can remove what a killed run left.
 * Before each create it lists the collection: if the create's answer is lost, the jobs that
 * appeared since tell which may be the run's.
 */
export function ledgerTracker(ledger: Ledger, ctx: Omit<ExecContext, 'tracker'>, servicePrincipalId: string): LedgerTracker {
  const base = ctx.baseUrl.replace(/\/+$/, '');
  const pathOf = (url: string): string => (url.startsWith(base) ? url.slice(base.length) : new URL(url).pathname);
  const lastSegment = (url: string): string => decodeURIComponent(pathOf(url).split('/').filter(Boolean).pop() ?? '');

  // The creates still waiting for their answer: only `unanswered` reads an intent back, so each
  // goes once its create is settled, and a soak holds as many as it has creates in flight.
  const intents = new Map<string, Omit<IntentEntry, 'v' | 'time' | 'runId' | 'type' | 'intentId'>>();
  const get = async (path: string) => {
    const spec = { method: 'GET' as const, path, headers: {}, auth: 'run' as const, span: { file: '(ledger)', line: 0, col: 0 } };
    // Retried like any read: a throttled or dropped listing would cost the create its baseline.
    const req = { ...(await buildRequest(spec, base, new Map(), ctx.token)), operation: 'GET /servicePrincipals/{servicePrincipalId}/synchronization/jobs (ledger listing)' };
    return (await sendWithRetries(ctx, req)).response;
  };
  // Every page of the collection, each request retried, or undefined when some page is not a
  // valid collection: such a listing proves nothing, least of all that the create made nothing.
  const listAll = async (collectionPath: string): Promise<ListedJob[] | undefined> => {
    try {
      const listed = await listAllPages(collectionPath, base, get);
      if (!('items' in listed)) return undefined;
      return listed.items.flatMap((j) => {
        const job = j as { id?: unknown; templateId?: unknown } | null;
        return typeof job?.id === 'string' ? [{ id: job.id, ...(typeof job.templateId === 'string' ? { templateId: job.templateId } : {}) }] : [];
      });
    } catch {
      return undefined;
    }
  };

  const reconcileUnanswered = async (intentId: string, intent: Omit<IntentEntry, 'v' | 'time' | 'runId' | 'type' | 'intentId'>): Promise<void> => {
    const deadline = performance.now() + ctx.consistencyTimeoutMs;
    for (;;) {
      const listed = await listAll(intent.collectionPath);
      if (!listed) return;
      const full: IntentEntry = { v: 1, type: 'intent', time: '', runId: '', intentId, ...intent };
      const verdict = reconcile(full, listed, readLedger(ledger.file).entries);
      if (verdict.kind === 'certainly-ours') {
        if (unusableSegment(verdict.id)) return;
        ledger.append({ type: 'created', intentId, target: base, path: `${intent.collectionPath.replace(/\/+$/, '')}/${encodeURIComponent(verdict.id)}`, id: verdict.id, recovered: true });
        return;
      }
      if (verdict.kind === 'possibly-left-behind') return;
      // Nothing new yet: a job the create made may not be listed until replication catches up.
      if (performance.now() >= deadline || ctx.signal.aborted) {
        ledger.append({ type: 'resolved', intentId, outcome: 'nothing-new', ids: [], reason: `${verdict.reason}, listed until the consistency timeout passed` });
        return;
      }
      await ctx.sleep(Math.min(1000, Math.max(0, deadline - performance.now())), ctx.signal);
    }
  };

  return {
    get openIntents() {
      return intents.size;
    },
    async unanswered(intentId) {
      const intent = intentId ? intents.get(intentId) : undefined;
      if (!intentId || !intent) return;
      try {
        await reconcileUnanswered(intentId, intent);
      } finally {
        // Listed until proven either way, or left open in the ledger for `gsc cleanup`: never asked again.
        intents.delete(intentId);
      }
    },
    async beforeCreate(collectionUrl, templateId) {
      const collectionPath = pathOf(collectionUrl);
      let existingIds: string[] | undefined;
      try {
        // Every page: a job on page two is as much "already there" as one on page one.
        const listed = await listAllPages(collectionPath, base, get);
        if ('items' in listed) existingIds = listed.items.map((j) => (j as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === 'string');
      } catch {
        // Handled below: no baseline.
      }
      // A listing that failed is no baseline: recorded as empty, every job already there would
      // look new to cleanup, and a lone one with the same template would be deleted as the run's.
      // Without it, cleanup reports rather than deletes.
      const intent = { target: base, collectionPath, servicePrincipalId, ...(templateId !== undefined ? { templateId } : {}), ...(existingIds ? { existingIds } : {}) };
      const intentId = ledger.recordIntent(intent);
      intents.set(intentId, intent);
      try {
        // On disk before the create is sent, in one sync with the other workers' records.
        await ledger.synced();
      } catch (err) {
        intents.delete(intentId);
        throw err;
      }
      return intentId;
    },
    created(intentId, resourceUrl, id) {
      if (!intentId) return;
      intents.delete(intentId);
      ledger.recordCreated({ intentId, target: base, path: pathOf(resourceUrl), id });
    },
    rejected(intentId, status) {
      if (!intentId) return;
      intents.delete(intentId);
      ledger.recordRejected({ intentId, status });
    },
    settled(intentId) {
      if (intentId) intents.delete(intentId);
    },
    deleted(resourceUrl, status) {
      const entry = { path: pathOf(resourceUrl), id: lastSegment(resourceUrl) };
      if (status === 404) ledger.recordGone(entry);
      else ledger.recordDeleted(entry);
    },
  };
}

