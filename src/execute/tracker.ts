import type { CreationTracker, ExecContext } from './context.js';
import type { Ledger } from './ledger/index.js';
import { listAllPages } from './pages.js';
import { buildRequest } from './request.js';
import { sendWithRetries } from './send.js';

/**
 * Writes what a run creates into the ledger, so `gsc cleanup` can remove what a killed run left.
 * Before each create it lists the collection: if the create's answer is lost, the jobs that
 * appeared since tell which may be the run's.
 */
export function ledgerTracker(ledger: Ledger, ctx: Omit<ExecContext, 'tracker'>, servicePrincipalId: string): CreationTracker {
  const base = ctx.baseUrl.replace(/\/+$/, '');
  const pathOf = (url: string): string => (url.startsWith(base) ? url.slice(base.length) : new URL(url).pathname);
  const lastSegment = (url: string): string => decodeURIComponent(pathOf(url).split('/').filter(Boolean).pop() ?? '');

  return {
    async beforeCreate(collectionUrl, templateId) {
      const collectionPath = pathOf(collectionUrl);
      const get = async (path: string) => {
        const spec = { method: 'GET' as const, path, headers: {}, auth: 'run' as const, span: { file: '(ledger)', line: 0, col: 0 } };
        // Retried like any read: a throttled or dropped listing would cost the create its baseline.
        const req = { ...(await buildRequest(spec, base, new Map(), ctx.token)), operation: 'GET /servicePrincipals/{servicePrincipalId}/synchronization/jobs (ledger listing)' };
        return (await sendWithRetries(ctx, req)).response;
      };
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
      return ledger.recordIntent({ target: base, collectionPath, servicePrincipalId, ...(templateId !== undefined ? { templateId } : {}), ...(existingIds ? { existingIds } : {}) });
    },
    created(intentId, resourceUrl, id) {
      if (intentId) ledger.recordCreated({ intentId, target: base, path: pathOf(resourceUrl), id });
    },
    rejected(intentId, status) {
      if (intentId) ledger.recordRejected({ intentId, status });
    },
    deleted(resourceUrl, status) {
      const entry = { path: pathOf(resourceUrl), id: lastSegment(resourceUrl) };
      if (status === 404) ledger.recordGone(entry);
      else ledger.recordDeleted(entry);
    },
  };
}
