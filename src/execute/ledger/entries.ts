/**
 * The ledger's line format, version 1. One JSON object per line; every line names the format
 * version, its type, when it was written and by which run, so several runs can share a file and
 * a later cleanup knows whose records it reads.
 */
interface Base {
  v: 1;
  /** ISO-8601 UTC time of writing. */
  time: string;
  /** The run that wrote the line; a cleanup writes under its own run id. */
  runId: string;
}

/** Written before a create is sent: enough to find the job again if the answer is lost. */
export interface IntentEntry extends Base {
  type: 'intent';
  /** Unique across runs; links the `created`, `rejected` and `resolved` lines to this one. */
  intentId: string;
  /** The target base URL the create goes to. */
  target: string;
  /** The collection the create posts to, e.g. `/servicePrincipals/{id}/synchronization/jobs`. */
  collectionPath: string;
  servicePrincipalId: string;
  /** The `templateId` the create sends; absent when the request names none (a negative case). */
  templateId?: string;
  /**
   * The job ids the collection listed just before the create. Absent when that listing failed:
   * with no baseline, no job can be proven the create's, so cleanup reports and never deletes.
   * (An empty array means the collection was listed and empty; never write one for "unknown".)
   */
  existingIds?: string[];
}

/** Written right after a create answered with an id, or when a cleanup recovers one for certain. */
export interface CreatedEntry extends Base {
  type: 'created';
  intentId: string;
  target: string;
  /** The resource path to DELETE; its last segment is the id. */
  path: string;
  id: string;
  /** Set when a cleanup found the id by listing, the create's answer having been lost. */
  recovered?: boolean;
}

/** Written when the create answered a 4xx: the service refused it, so there is nothing to clean. */
export interface RejectedEntry extends Base {
  type: 'rejected';
  intentId: string;
  status: number;
}

/** Written after a DELETE succeeded (`deleted`) or answered 404 (`gone`). */
export interface RemovedEntry extends Base {
  type: 'deleted' | 'gone';
  target: string;
  path: string;
  id: string;
}

/**
 * Written by a cleanup that looked for a lost create's job: no job appeared (`nothing-new`, which
 * settles the intent), or jobs appeared that it could not prove its own (`possibly-left-behind`,
 * a report only: the intent stays open for the next cleanup, since nothing proved the job gone).
 */
export interface ResolvedEntry extends Base {
  type: 'resolved';
  intentId: string;
  outcome: 'nothing-new' | 'possibly-left-behind';
  /** The job ids that appeared since the intent; empty for `nothing-new`. */
  ids: string[];
  /** Why, in words, for people reading the file. */
  reason: string;
}

/** Any line of the ledger. */
export type LedgerEntry = IntentEntry | CreatedEntry | RejectedEntry | RemovedEntry | ResolvedEntry;

/** A job as a list call shows it. */
export interface ListedJob {
  id: string;
  templateId?: string;
}

type Kind = 'string' | 'string?' | 'string[]' | 'string[]?' | 'status' | 'boolean?' | 'outcome';

const KINDS: Record<Kind, { test: (v: unknown) => boolean; says: string }> = {
  string: { test: (v) => typeof v === 'string' && v !== '', says: 'a non-empty string' },
  'string?': { test: (v) => v === undefined || typeof v === 'string', says: 'a string or absent' },
  'string[]': { test: (v) => Array.isArray(v) && v.every((s) => typeof s === 'string'), says: 'an array of strings' },
  'string[]?': { test: (v) => v === undefined || (Array.isArray(v) && v.every((s) => typeof s === 'string')), says: 'an array of strings or absent' },
  status: { test: (v) => Number.isInteger(v) && (v as number) >= 100 && (v as number) <= 599, says: 'an HTTP status' },
  'boolean?': { test: (v) => v === undefined || typeof v === 'boolean', says: 'a boolean or absent' },
  outcome: { test: (v) => v === 'nothing-new' || v === 'possibly-left-behind', says: '"nothing-new" or "possibly-left-behind"' },
};

const REMOVED = { target: 'string', path: 'string', id: 'string' } as const;

/** The fields each line type must carry, besides `v`, `type`, `time` and `runId`. */
const FIELDS: Record<LedgerEntry['type'], Record<string, Kind>> = {
  intent: { intentId: 'string', target: 'string', collectionPath: 'string', servicePrincipalId: 'string', templateId: 'string?', existingIds: 'string[]?' },
  created: { intentId: 'string', target: 'string', path: 'string', id: 'string', recovered: 'boolean?' },
  rejected: { intentId: 'string', status: 'status' },
  deleted: REMOVED,
  gone: REMOVED,
  resolved: { intentId: 'string', outcome: 'outcome', ids: 'string[]', reason: 'string?' },
};

/** The version this code writes and reads. */
export const LEDGER_VERSION = 1;

/**
 * Checks a parsed line. Returns the entry, or a sentence saying what is wrong with it.
 * Unknown extra fields are kept: a newer writer may add some.
 */
export function toEntry(value: unknown): LedgerEntry | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'it is not a JSON object';
  const o = value as Record<string, unknown>;
  if (o.v !== LEDGER_VERSION) return `its version \`v\` is ${JSON.stringify(o.v)}, this tool reads version ${LEDGER_VERSION}`;
  const fields = typeof o.type === 'string' && Object.hasOwn(FIELDS, o.type) ? FIELDS[o.type as LedgerEntry['type']] : undefined;
  if (!fields) return `its \`type\` ${JSON.stringify(o.type)} is not one of ${Object.keys(FIELDS).join(', ')}`;
  const all: Record<string, Kind> = { time: 'string', runId: 'string', ...fields };
  for (const [name, kind] of Object.entries(all)) {
    if (!KINDS[kind].test(o[name])) return `its \`${name}\` must be ${KINDS[kind].says}`;
  }
  return o as unknown as LedgerEntry;
}

/** The last path segment, decoded, or undefined when it is not valid percent-encoding. */
export function lastSegment(path: string): string | undefined {
  const raw = path.replace(/\/+$/, '').split('/').pop() ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** The path of one member of a collection. */
export function memberPath(collectionPath: string, id: string): string {
  return `${collectionPath.replace(/\/+$/, '')}/${encodeURIComponent(id)}`;
}
