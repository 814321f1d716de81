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

/**
 * Decides a group of lost creates on one collection, all from one run (as a run at
 * `--concurrency` above 1 leaves them). Each is first decided alone by {@link reconcile}; the
 * group's own creates are not doubts for one another when every new job can be matched to a
 * distinct create of the group that could have made it (the job is new since that create's
 * listing, and has its template). Then each matched create is **certainly ours** with its job, and
 * the unmatched ones made nothing. Any doubt outside the group (a baseline missing, a create
 * naming no template, a lost create of another run, a job no create of the group explains) leaves
 * every decision as {@link reconcile} takes it alone: reported, never deleted.
 *
 * @returns one decision per intent, in the order given.
 */
export function reconcileRun(group: readonly IntentEntry[], current: readonly ListedJob[], entries: readonly LedgerEntry[] = []): Reconciliation[] {
  const alone = () => group.map((i) => reconcile(i, current, entries));
  const first = group[0];
  if (group.length < 2 || !first) return alone();
  const sameRun = group.every((i) => i.runId === first.runId && i.target === first.target && i.servicePrincipalId === first.servicePrincipalId && i.collectionPath === first.collectionPath);
  if (!sameRun || group.some((i) => i.existingIds === undefined || i.templateId === undefined)) return alone();
  const members = new Set(group.map((i) => i.intentId));
  if (unknownCreates(first, entries).some((r) => !members.has(r.intentId))) return alone();

  const collection = `${first.collectionPath.replace(/\/+$/, '')}/`;
  const accounted = new Set(entries.flatMap((e) => (e.type === 'created' && e.target === first.target && e.path.startsWith(collection) ? [e.id] : [])));
  const canMake = (i: IntentEntry, job: ListedJob) => !accounted.has(job.id) && !i.existingIds!.includes(job.id) && job.templateId === i.templateId;
  const candidates = current.filter((job) => !accounted.has(job.id) && group.some((i) => !i.existingIds!.includes(job.id)));
  const owner = matchJobs(group, candidates, canMake);
  if (!owner) return alone();

  const reason = `the run ${first.runId} had ${group.length} creates here whose answers were lost, and every new job is one of them (new since its create's listing, with its template)`;
  return group.map((i): Reconciliation => {
    const job = owner.get(i.intentId);
    return job !== undefined ? { kind: 'certainly-ours', id: job, reason } : { kind: 'nothing-new', reason: `the other creates of run ${first.runId} account for every new job` };
  });
}

/** A matching of every job to a distinct intent that could have made it (augmenting paths), or undefined. */
function matchJobs(intents: readonly IntentEntry[], jobs: readonly ListedJob[], canMake: (i: IntentEntry, job: ListedJob) => boolean): Map<string, string> | undefined {
  const jobOf = new Map<string, string>();
  const place = (job: ListedJob, tried: Set<string>): boolean => {
    for (const i of intents) {
      if (!canMake(i, job) || tried.has(i.intentId)) continue;
      tried.add(i.intentId);
      const holder = jobOf.get(i.intentId);
      const holderJob = holder === undefined ? undefined : jobs.find((j) => j.id === holder);
      if (holderJob === undefined || place(holderJob, tried)) {
        jobOf.set(i.intentId, job.id);
        return true;
      }
    }
    return false;
  };
  for (const job of jobs) if (!place(job, new Set())) return undefined;
  return jobOf;
}
