import { closest } from './distance.js';

/**
 * What the real service does beyond the create page, as switches. These are not deviations:
 * each is behaviour the contract allows and the real service shows, so a suite run against the
 * emulator with any of them on (or all) must raise no false alarm. The default emulator keeps
 * them off, answering as the docs' examples do.
 */
export interface Behave {
  /** New jobs start with status Paused, schedule Disabled, interval PT40M and progress []. */
  startsPaused: boolean;
  /** The first DELETE of each job answers 409 Conflict and keeps it; the next deletes it. */
  conflictOnFirstDelete: boolean;
  /** Job lists come in pages of this many, linked by `@odata.nextLink`; 0 leaves the emulator's page size (`pageSize`, 100). */
  pageSize: number;
  /** Reads do not see a new job for this long (ms), unless a larger consistency delay is set. */
  readLagMs: number;
  /** provisionOnDemand answers 400 RequestParameterInvalid for a ruleId the job's schema lacks. */
  checkRules: boolean;
  /** validateCredentials answers 400 unless SecretToken is {@link ACCEPTED_SECRET_TOKEN}. */
  checkCredentials: boolean;
  /** An unknown service principal, and a write with a read-only token, answer 401 UnknownError with an empty message. */
  unknownError401: boolean;
}

/** The SecretToken the `credentials-checked` behaviour accepts, standing in for a real application's. */
export const ACCEPTED_SECRET_TOKEN = 'gsc-emulator-scim-secret-token';

/**
 * Values of the shipped suites' user variables that the emulator's default fixtures answer to:
 * any user to provision, the SCIM credentials `credentials-checked` accepts, the read-only token.
 * `gsc run` without a target gives them, so a first run skips nothing.
 */
export const EMULATOR_USER_VARIABLES: Readonly<Record<string, string>> = {
  'vars.provisionUserId': '6b4d6a2e-0c1f-4c8e-9d3a-5e7f8a9b0c1d',
  'vars.scimBaseAddress': 'https://scim.example.invalid/scim',
  'secrets.scimSecretToken': ACCEPTED_SECRET_TOKEN,
  'secrets.lowPrivilegeToken': 'gsc-emulator-read-only-token',
};

/** One switch: its name for `--behave`, what it does, where the real service is seen doing it. */
export interface Behaviour {
  name: string;
  /** One sentence: what the emulator does with it on. */
  does: string;
  /** Public sources showing the real service doing it. */
  sources: readonly string[];
  /** The settings it turns on. */
  sets: Partial<Behave>;
  /**
   * Shipped cases that rightly fail with it on, and why: a SHOULD the real service misses too,
   * never a MUST (the self-test holds it to that). Every other case must pass.
   */
  fails?: Readonly<Record<string, string>>;
}

const CROSS_TENANT = 'https://learn.microsoft.com/entra/identity/multi-tenant-organizations/cross-tenant-synchronization-configure-graph';
const CLOUD_SYNC = 'https://learn.microsoft.com/entra/identity/hybrid/cloud-sync/how-to-inbound-synch-ms-graph';
const HAMILTON = 'https://github.com/manicminer/hamilton/blob/main/msgraph/synchronization.go';
const TERRAFORM = 'https://github.com/hashicorp/terraform-provider-azuread/blob/main/internal/services/synchronization/synchronization_job_resource.go';

/** Every behaviour, in the order `--list-behaviours` prints them. */
export const BEHAVIOURS: readonly Behaviour[] = [
  {
    name: 'template-starts-paused',
    does: 'new jobs start with status code Paused, schedule Disabled, interval PT40M and progress [], as the Azure2Azure and AD2AADProvisioning templates do',
    sources: [CROSS_TENANT, CLOUD_SYNC],
    sets: { startsPaused: true },
    fails: {
      'create/new-job-status-not-configured': 'the create page documents NotConfigured; a template that starts Paused does not do what it documents, which is what this SHOULD reports',
    },
  },
  {
    name: 'conflict-on-first-delete',
    does: 'the first DELETE of each job answers 409 Conflict and keeps the job, as while replication catches up; the next one deletes it',
    sources: [HAMILTON, TERRAFORM],
    sets: { conflictOnFirstDelete: true },
  },
  {
    name: 'paged-lists',
    does: 'job lists come one job per page, linked by @odata.nextLink, as any Graph collection may',
    sources: ['https://learn.microsoft.com/graph/paging'],
    sets: { pageSize: 1 },
  },
  {
    name: 'read-lag',
    does: 'a new job reads as 404, and is missing from lists, for 1.5 s after its create',
    sources: [TERRAFORM],
    sets: { readLagMs: 1500 },
  },
  {
    name: 'rules-checked',
    does: "provisionOnDemand answers 400 RequestParameterInvalid for a ruleId the job's schema does not hold",
    sources: ['https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/4247'],
    sets: { checkRules: true },
  },
  {
    name: 'credentials-checked',
    does: `validateCredentials answers 400 unless the SecretToken is the application's (${ACCEPTED_SECRET_TOKEN}), as made-up credentials fail against a real application`,
    sources: ['https://learn.microsoft.com/graph/api/synchronization-synchronizationjob-validatecredentials'],
    sets: { checkCredentials: true },
  },
  {
    name: 'unknown-error-401',
    does: 'an unknown service principal, and a write with a read-only token, answer 401 UnknownError with an empty message',
    sources: ['https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/8800', HAMILTON],
    sets: { unknownError401: true },
  },
];

const NONE: Behave = {
  startsPaused: false,
  conflictOnFirstDelete: false,
  pageSize: 0,
  readLagMs: 0,
  checkRules: false,
  checkCredentials: false,
  unknownError401: false,
};

/** Every behaviour, for `--list-behaviours` and tests. */
export function listBehaviours(): Behaviour[] {
  return [...BEHAVIOURS];
}

/**
 * The settings of the behaviours named; `all` names every one. An unknown name throws an Error
 * that lists the valid ones, with a did-you-mean.
 */
export function resolveBehaviours(names: readonly string[]): Behave {
  const valid = BEHAVIOURS.map((b) => b.name);
  const wanted = names.includes('all') ? valid : names;
  const unknown = wanted.filter((n) => !valid.includes(n));
  if (unknown.length > 0) {
    const hints = unknown.map((n) => {
      const near = closest(n, valid);
      return near ? `'${n}' (did you mean '${near}'?)` : `'${n}'`;
    });
    throw new Error(`unknown behaviour ${hints.join(', ')}; valid names: ${valid.join(', ')}, or all`);
  }
  return Object.assign({ ...NONE }, ...BEHAVIOURS.filter((b) => wanted.includes(b.name)).map((b) => b.sets)) as Behave;
}
