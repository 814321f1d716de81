/** One command-line flag, with the environment variable that can stand in for it. */
export interface FlagDef {
  name: string;
  type: 'string' | 'boolean';
  /** Environment variable read when the flag is absent. */
  env?: string;
  /** Shown in --help as the value's name. */
  value?: string;
  description: string;
  /** The default, as shown in --help. */
  default?: string;
  /** A secret: reading it from the command line warns, and it is never echoed. */
  secret?: boolean;
}

const f = (d: FlagDef): FlagDef => d;

/** Flags shared by the commands that read suites. */
export const selectionFlags: FlagDef[] = [
  f({ name: 'grep', type: 'string', env: 'GSC_GREP', value: 'REGEX', description: 'only cases whose id or title matches (case-insensitive)' }),
  f({ name: 'tags', type: 'string', env: 'GSC_TAGS', value: 'LIST', description: 'only cases with any of these tags; !tag excludes (comma list)' }),
];

/** How the run signs in; shared by `gsc run` and `gsc cleanup`. */
const credentialFlags: FlagDef[] = [
  f({ name: 'token', type: 'string', env: 'GSC_TOKEN', value: 'TOKEN', description: 'bearer token sent as is', secret: true }),
  f({ name: 'tenant-id', type: 'string', env: 'GSC_TENANT_ID', value: 'ID', description: 'Entra tenant (GUID or domain) for client-credentials sign-in' }),
  f({ name: 'client-id', type: 'string', env: 'GSC_CLIENT_ID', value: 'ID', description: 'application (client) id for client-credentials sign-in' }),
  f({ name: 'client-secret', type: 'string', env: 'GSC_CLIENT_SECRET', value: 'SECRET', description: 'client secret', secret: true }),
  f({ name: 'client-secret-file', type: 'string', env: 'GSC_CLIENT_SECRET_FILE', value: 'FILE', description: 'file holding the client secret' }),
  f({ name: 'client-certificate', type: 'string', env: 'GSC_CLIENT_CERTIFICATE_PATH', value: 'FILE', description: 'PEM with the private key and the certificate, instead of a secret' }),
  f({ name: 'cloud', type: 'string', env: 'GSC_CLOUD', value: 'NAME', description: 'global, usgov, usgovdod or china: sets the Graph root, sign-in authority and scope together', default: 'global' }),
  f({ name: 'authority', type: 'string', env: 'GSC_AUTHORITY', value: 'URL', description: "sign-in authority host, overriding the cloud's" }),
];

/** Which config file and which of its targets; shared by `gsc run` and `gsc cleanup`. */
export const configFlags: FlagDef[] = [
  f({ name: 'config', type: 'string', env: 'GSC_CONFIG', value: 'FILE', description: 'config file with named targets (docs/configuration.md)', default: 'gsc.config.yaml in the working directory, if there is one' }),
  f({ name: 'target-name', type: 'string', env: 'GSC_TARGET_NAME', value: 'NAME', description: 'the config file target to use', default: "the config file's default, or its only target" }),
];

/** Flags of `gsc run`. */
export const runFlags: FlagDef[] = [
  ...configFlags,
  f({ name: 'target', type: 'string', env: 'GSC_TARGET', value: 'URL', description: 'base URL with the version segment, e.g. https://graph.microsoft.com/v1.0', default: "the cloud's Graph /v1.0 when signing in, else the embedded emulator" }),
  ...credentialFlags,
  f({ name: 'service-principal', type: 'string', env: 'GSC_SERVICE_PRINCIPAL_ID', value: 'ID', description: 'object id of the service principal whose jobs are tested' }),
  f({ name: 'template', type: 'string', env: 'GSC_TEMPLATE_ID', value: 'ID', description: 'synchronization template to create jobs from', default: 'the first template the service principal lists' }),
  ...selectionFlags,
  f({ name: 'level', type: 'string', env: 'GSC_LEVEL', value: 'LEVEL', description: 'lowest requirement level whose failure fails the run: MUST, SHOULD or MAY', default: 'MUST' }),
  f({ name: 'out', type: 'string', env: 'GSC_OUT', value: 'DIR', description: 'folder for report files', default: 'reports' }),
  f({ name: 'reporter', type: 'string', env: 'GSC_REPORTER', value: 'LIST', description: 'reporters (comma list): console, junit, json, ndjson', default: 'console,junit,json' }),
  f({ name: 'concurrency', type: 'string', env: 'GSC_CONCURRENCY', value: 'N', description: 'independent cases run in parallel', default: '1' }),
  f({ name: 'max-rps', type: 'string', env: 'GSC_MAX_RPS', value: 'R', description: 'at most R requests per second to the target', default: 'no limit' }),
  f({ name: 'timeout', type: 'string', env: 'GSC_TIMEOUT', value: 'DURATION', description: 'per-request timeout', default: '30s' }),
  f({ name: 'consistency-timeout', type: 'string', env: 'GSC_CONSISTENCY_TIMEOUT', value: 'DURATION', description: 'longest wait for eventual consistency after a write', default: '60s, or 5s against the embedded emulator' }),
  f({ name: 'max-wait', type: 'string', env: 'GSC_MAX_WAIT', value: 'DURATION', description: "budget for the whole run's waiting on throttling; when spent the run ends as incomplete", default: '10m' }),
  f({ name: 'cleanup-timeout', type: 'string', env: 'GSC_CLEANUP_TIMEOUT', value: 'DURATION', description: "how long one job's cleanup retries before leaving the job to gsc cleanup", default: '2m' }),
  f({ name: 'allow-writes', type: 'boolean', env: 'GSC_ALLOW_WRITES', description: 'let cases that create, change or delete run against a target that is not on this machine' }),
  f({ name: 'dry-run', type: 'boolean', description: 'print the requests a run would send, and send none' }),
  f({ name: 'ledger', type: 'string', env: 'GSC_LEDGER', value: 'FILE|off', description: 'where the run records what it creates, for gsc cleanup; off records nothing', default: '<out>/ledger.jsonl' }),
  f({ name: 'verbose', type: 'boolean', description: 'show every exchange, not only those of failures' }),
];

/** Flags of `gsc cleanup`. */
export const cleanupFlags: FlagDef[] = [
  ...configFlags,
  f({ name: 'ledger', type: 'string', env: 'GSC_LEDGER', value: 'FILE', description: 'the ledger a run wrote', default: 'reports/ledger.jsonl' }),
  f({ name: 'target', type: 'string', env: 'GSC_TARGET', value: 'URL', description: "the target to clean, when the ledger names several", default: "the ledger's" }),
  ...credentialFlags,
  f({ name: 'timeout', type: 'string', env: 'GSC_TIMEOUT', value: 'DURATION', description: 'per-request timeout', default: '30s' }),
];
