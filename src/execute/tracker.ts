import type { CreationTracker, ExecContext } from './context.js';
import type { IntentEntry, Ledger, ListedJob } from './ledger/index.js';
import { settleLostCreate } from './lost-create.js';
import { listAllPages } from './pages.js';
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
    // Once the run is interrupted, listing to settle a lost create is cleanup, under its deadline.
    const req = { ...(await buildRequest(spec, base, new Map(), ctx.token)), operation: 'GET /servicePrincipals/{servicePrincipal-id}/synchronization/jobs (ledger listing)' };
    return (await sendWithRetries(ctx, req, { phase: ctx.signal.aborted ? 'cleanup' : 'main' })).response;
  };
  // Every page of the collection, each request retried, or undefined when some page is not a
  // valid collection: such a listing proves nothing, least of all that the create made nothing.
  const listAll = async (collectionPath: string): Promise<ListedJob[] | 'absent' | undefined> => {
    try {
      const listed = await listAllPages(collectionPath, base, get);
      if (!('items' in listed)) return listed.absent ? 'absent' : undefined;
      return listed.items.flatMap((j) => {
        const job = j as { id?: unknown; templateId?: unknown } | null;
        return typeof job?.id === 'string' ? [{ id: job.id, ...(typeof job.templateId === 'string' ? { templateId: job.templateId } : {}) }] : [];
      });
    } catch {
      return undefined;
    }
  };

  return {
    get openIntents() {
      return intents.size;
    },
    async unanswered(intentId) {
      if (!intentId || !intents.has(intentId)) return;
      try {
        await settleLostCreate(intentId, { ledger, ctx, listAll });
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

