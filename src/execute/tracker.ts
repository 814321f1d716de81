import type { CreationTracker, ExecContext } from './context.js';
import type { Ledger } from './ledger/index.js';
import { buildRequest } from './request.js';

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
      const spec = { method: 'GET' as const, path: collectionPath, headers: {}, auth: 'run' as const, span: { file: '(ledger)', line: 0, col: 0 } };
      let existingIds: string[] = [];
      try {
        const res = await ctx.limit(async () => ctx.http.send(await buildRequest(spec, base, new Map(), ctx.token)));
        const value = res.status === 200 ? (JSON.parse(res.body) as { value?: { id?: unknown }[] }).value : undefined;
        existingIds = Array.isArray(value) ? value.map((j) => j?.id).filter((id): id is string => typeof id === 'string') : [];
      } catch {
        // A listing that fails leaves the intent without a baseline; cleanup then reports rather than deletes.
      }
      return ledger.recordIntent({ target: base, collectionPath, servicePrincipalId, ...(templateId !== undefined ? { templateId } : {}), existingIds });
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
