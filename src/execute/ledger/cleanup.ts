import { randomUUID } from 'node:crypto';
import type { Diagnostic } from '../../model/index.js';
import { parseJobPath, parseJobsCollection } from './job-path.js';
import { memberPath, type CreatedEntry, type IntentEntry, type LedgerEntry, type ListedJob } from './entries.js';
import { Outcomes, type NewEntry } from './outcomes.js';
import { pendingItems } from './pending.js';
import { readLedger } from './read.js';
import { reconcileRun, type Reconciliation } from './reconcile.js';

/** The two calls a cleanup needs, against the ledger's target, with credentials attached. */
export interface CleanupClient {
  /**
   * Lists a job collection: `ids` are the jobs of a 200 answer (empty otherwise); `absent` when
   * the first page answered 404 in the directory's words naming the collection's service principal.
   */
  list(collectionPath: string): Promise<{ status: number; ids: ListedJob[]; problem?: string; absent?: true }>;
  /** Sends DELETE to a resource path. */
  delete(path: string): Promise<{ status: number }>;
}

/** Where and as whom a cleanup works. */
export interface CleanupOptions {
  /** Clean only what was created on this target. @default the ledger's only target */
  target?: string;
  /** Run id written on the lines the cleanup appends. @default `cleanup-<uuid>` */
  runId?: string;
  /** Clock for the lines the cleanup appends. */
  now?: () => Date;
}

/**
 * - `deleted`: DELETE answered 200 or 204.
 * - `already-gone`: DELETE answered 404, or a lost create turned out to have made nothing.
 * - `failed`: the DELETE or the listing did not succeed; the next cleanup tries again.
 * - `possibly-left-behind`: a job that may be the run's; not deleted, check it by hand. The lost
 *   create stays open in the ledger, so every later cleanup lists again until a listing without
 *   the job (or a proof that it is the run's) settles it.
 */
export type CleanupOutcome = 'deleted' | 'already-gone' | 'failed' | 'possibly-left-behind';

/** One thing a cleanup dealt with. */
export interface CleanupItem {
  path: string;
  /** Absent when no id is known: a lost create whose collection could not be listed, or made nothing. */
  id?: string;
  outcome: CleanupOutcome;
  /** Why, for people: the status received, or the reconciliation's reasoning. */
  detail: string;
}

/** What a cleanup did, and what it could not read or reach. */
export interface CleanupReport {
  items: CleanupItem[];
  /** Problems reading the ledger (torn or junk lines), and records left alone because they are for another target. */
  problems: Diagnostic[];
}

/**
 * Deletes what the ledger says its runs created and did not delete, and settles creates whose
 * answer was lost (see {@link reconcile}: only a job certainly the run's own is deleted).
 * Outcomes are appended to the ledger, so running it again does nothing more, except retry what
 * failed. Never deletes a path that no `created` line of the ledger names, and never throws for a
 * failed call: it becomes a `failed` item.
 */
export async function cleanupFromLedger(file: string, client: CleanupClient, options: CleanupOptions = {}): Promise<CleanupReport> {
  const { entries, problems } = readLedger(file);
  const work = pendingItems(entries);
  const targets = [...new Set([...work.items, ...work.intents].map((e) => e.target))];
  const target = options.target ?? (targets.length === 1 ? targets[0] : undefined);
  if (target === undefined) {
    if (targets.length > 1) {
      problems.push({ code: 'ledger-many-targets', message: `the ledger has records for ${targets.length} targets: ${targets.join(', ')}`, hint: 'clean up one target at a time: pass the target to clean', severity: 'error' });
    }
    return { items: [], problems };
  }
  const others = targets.filter((t) => t !== target);
  if (others.length > 0 && others.length === targets.length) {
    // The token is never sent where a file says: a ledger for another target is refused whole.
    problems.push({ code: 'ledger-other-target', message: `the ledger was written for ${others.join(', ')}, not for ${target}; nothing was sent`, hint: 'pass the target the run used (--target, GSC_TARGET or the config file), or the ledger of this target', severity: 'error' });
    return { items: [], problems };
  }
  if (others.length > 0) {
    problems.push({ code: 'ledger-other-target', message: `records for ${others.join(', ')} were left alone; this cleanup is for ${target}`, severity: 'warning' });
  }

  const log = new Outcomes(file, { runId: options.runId ?? `cleanup-${randomUUID()}`, target, now: options.now }, problems);
  const known = [...entries];
  const items: CleanupItem[] = [];
  const recovered = new Map<string, string>();
  try {
    const reported = new Set<string>();
    for (const group of byCollection(work.intents.filter((i) => i.target === target))) {
      for (const settled of await settleGroup(group, client, known)) {
        if (settled.entry) known.push(log.write(settled.entry));
        if (settled.entry?.type === 'created') recovered.set(settled.entry.path, settled.detail);
        // Several lost creates may see the same job: it is reported once.
        for (const item of settled.items) {
          const key = `${item.outcome} ${item.path}`;
          if (item.outcome === 'possibly-left-behind' && reported.has(key)) continue;
          reported.add(key);
          items.push(item);
        }
      }
    }
    for (const created of pendingItems(known).items.filter((c) => c.target === target)) {
      const item = await remove(created, client, known, recovered.get(created.path));
      if (item.outcome === 'deleted' || item.outcome === 'already-gone') {
        log.write({ type: item.outcome === 'deleted' ? 'deleted' : 'gone', target, path: created.path, id: created.id });
      }
      items.push(item);
    }
  } finally {
    log.close();
  }
  return { items, problems };
}

/** Lost creates grouped by collection, in ledger order: one listing settles a group. */
function byCollection(intents: readonly IntentEntry[]): IntentEntry[][] {
  const groups = new Map<string, IntentEntry[]>();
  for (const i of intents) {
    const key = JSON.stringify([i.collectionPath, i.servicePrincipalId]);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  return [...groups.values()];
}

type Settled = { entry?: NewEntry; items: CleanupItem[]; detail: string };

/** Lists the group's collection once and decides each intent; returns the lines to append and the items to report. */
async function settleGroup(group: IntentEntry[], client: CleanupClient, entries: readonly LedgerEntry[]): Promise<Settled[]> {
  const path = group[0]!.collectionPath;
  const collection = parseJobsCollection(path);
  if (typeof collection === 'string') {
    const detail = `not listed: the intent's collection ${collection}`;
    return group.map(() => ({ items: [{ path, outcome: 'failed', detail }], detail }));
  }
  // Only the intents whose service principal is another's go there: a line edited to differ must not take the others along.
  const elsewhere = group.filter((i) => collection.servicePrincipalId !== i.servicePrincipalId);
  if (elsewhere.length > 0) {
    const mine = group.filter((i) => collection.servicePrincipalId === i.servicePrincipalId);
    return [...(await settleElsewhere(elsewhere, path, client)), ...(mine.length > 0 ? await settleGroup(mine, client, entries) : [])];
  }
  const listed = await attempt(() => client.list(path));
  if (typeof listed === 'string' || listed.status !== 200) {
    const why = typeof listed === 'string' ? listed : (listed.problem ?? `answered ${listed.status}`);
    return group.map((intent) => {
      const detail = `a create sent at ${intent.time} lost its answer, and listing ${path} to find its job ${why}; the next cleanup tries again`;
      return { items: [{ path, outcome: 'failed', detail }], detail };
    });
  }
  const decisions = reconcileRun(group, listed.ids, entries);
  return group.map((intent, n) => settle(intent, decisions[n]!));
}

/**
 * Lost creates sent to another service principal's jobs than the run's: a suite's negative case
 * (a create under a random id, expecting 404) stopped by Ctrl-C leaves one. Listing the
 * collection is the only request sent: when it answers 404 the service principal does not
 * exist, so the create made nothing and the record is closed. Anything else is reported, never
 * deleted: the run may only remove jobs under the service principal it was pointed at.
 */
async function settleElsewhere(group: IntentEntry[], path: string, client: CleanupClient): Promise<Settled[]> {
  const listed = await attempt(() => client.list(path));
  if (typeof listed !== 'string' && listed.absent === true) {
    const reason = `its service principal does not exist (listing ${path} answered 404), so it made no job`;
    return group.map((intent) => settle(intent, { kind: 'nothing-new', reason }));
  }
  const why = typeof listed === 'string' ? listed : listed.status === 200 ? `lists ${listed.ids.length} job(s)` : (listed.problem ?? `answered ${listed.status}`);
  const detail = `not cleaned: a create sent to another service principal's jobs than the run's lost its answer, and listing ${path} ${why}; check that collection by hand`;
  return group.map(() => ({ items: [{ path, outcome: 'failed', detail }], detail }));
}

/** The line to append and the items to report for one decided intent. */
function settle(intent: IntentEntry, r: Reconciliation): Settled {
  const path = intent.collectionPath;
  const base = { intentId: intent.intentId };
  if (r.kind === 'certainly-ours') {
    const detail = `recovered a create whose answer was lost: ${r.reason}`;
    return { entry: { type: 'created', ...base, target: intent.target, path: memberPath(path, r.id), id: r.id, recovered: true }, items: [], detail };
  }
  if (r.kind === 'nothing-new') {
    const detail = `a create sent at ${intent.time} lost its answer, and ${r.reason}`;
    return { entry: { type: 'resolved', ...base, outcome: 'nothing-new', ids: [], reason: r.reason }, items: [{ path, outcome: 'already-gone', detail }], detail };
  }
  const detail = `not deleted: it may be the job of a create sent at ${intent.time} whose answer was lost, but ${r.reason}; delete it by hand if it is yours`;
  const items = r.ids.map((id): CleanupItem => ({ path: memberPath(path, id), id, outcome: 'possibly-left-behind', detail }));
  return { entry: { type: 'resolved', ...base, outcome: 'possibly-left-behind', ids: r.ids, reason: r.reason }, items, detail };
}

/**
 * Why a `created` line gives no licence to delete, or undefined when it does: its path must be
 * exactly a synchronization job of a service principal, end in its id, and follow an intent line
 * of the same ledger for the same target, collection and service principal. A hand-edited,
 * corrupt or planted line must never turn into a DELETE of anything else.
 */
export function refusal(created: CreatedEntry, entries: readonly LedgerEntry[]): string | undefined {
  const parsed = parseJobPath(created.path);
  if (typeof parsed === 'string') return `the ledger's path ${parsed}`;
  if (parsed.id !== created.id) return `the ledger's path does not end in the job id \`${created.id}\``;
  const collection = created.path.slice(0, created.path.lastIndexOf('/'));
  const intent = entries.find((e): e is IntentEntry => e.type === 'intent' && e.intentId === created.intentId);
  if (!intent) return 'no intent line of this ledger announced the create';
  if (intent.target !== created.target || intent.collectionPath.replace(/\/+$/, '') !== collection || intent.servicePrincipalId !== parsed.servicePrincipalId) {
    return 'the intent line of this create names another target, collection or service principal';
  }
  return undefined;
}

/** Deletes one recorded job; `why` tells how it was found, when a reconciliation found it. */
async function remove(created: CreatedEntry, client: CleanupClient, entries: readonly LedgerEntry[], why?: string): Promise<CleanupItem> {
  const { path, id } = created;
  const origin = why ?? `created by run ${created.runId} at ${created.time}`;
  const refused = refusal(created, entries);
  if (refused) return { path, id, outcome: 'failed', detail: `not deleted: ${refused}; delete it by hand if it is yours` };
  const answer = await attempt(() => client.delete(path));
  if (typeof answer === 'string') return { path, id, outcome: 'failed', detail: `DELETE ${answer}; the next cleanup tries again (${origin})` };
  if (answer.status === 200 || answer.status === 204) return { path, id, outcome: 'deleted', detail: origin };
  if (answer.status === 404) return { path, id, outcome: 'already-gone', detail: `DELETE answered 404 (${origin})` };
  return { path, id, outcome: 'failed', detail: `DELETE answered ${answer.status}; the next cleanup tries again (${origin})` };
}

/** Runs a client call; a thrown error becomes words ("failed: connect ECONNREFUSED …"). */
async function attempt<T>(call: () => Promise<T>): Promise<T | string> {
  try {
    return await call();
  } catch (err) {
    return `failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}
