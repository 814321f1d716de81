/**
 * Every flag gsc knows, once: its environment variable, its key in a `gsc.config.yaml` target,
 * its type and its help. The commands' flag lists, the config key registry
 * (`config/keys.ts`) and `--help` are derived from this table; `test/cli/flags-table.test.ts`
 * holds `schemas/config.schema.json`, `docs/configuration.md` and the README to it.
 */

/** How a config file value turns into the text a flag would carry. */
export type ConfigKind =
  /** Used as written. */
  | 'text'
  /** `{ env: NAME }` or `{ file: PATH }`: read when the flag is used, never written in the file. */
  | 'secret'
  /** A file path, relative to the config file's folder. */
  | 'path'
  /** `true` or `false`. */
  | 'boolean'
  /** A number, as YAML read it. */
  | 'number'
  /** A comma list or a YAML list, joined with commas. */
  | 'list'
  /** User variables, `{ name: value }`, merged name by name below `--var` and `GSC_VAR_<NAME>`. */
  | 'vars'
  /** Secret user variables, `{ name: { env: NAME } | { file: PATH } }`, merged name by name below `--secret-file` and `GSC_SECRET_<NAME>`. */
  | 'secrets';

/** One command-line flag, with the environment variable and config key that can stand in for it. */
export interface FlagDef {
  name: string;
  type: 'string' | 'boolean';
  /** Environment variable read when the flag is absent. */
  env?: string;
  /** The key of a config file target read when neither flag nor variable is given, and how its value reads. */
  config?: { key: string; kind: ConfigKind };
  /** Shown in --help as the value's name. */
  value?: string;
  description: string;
  /** The default, as shown in --help. */
  default?: string;
  /** A secret: reading it from the command line warns, and it is never echoed. */
  secret?: boolean;
  /** The flag may be given more than once; each value counts. */
  multiple?: boolean;
}

/** Flags by name, so a command's list names each one it takes and a typo does not compile. */
function table<const Name extends string>(defs: ReadonlyArray<FlagDef & { name: Name }>): Readonly<Record<Name, FlagDef>> {
  const byName = {} as Record<Name, FlagDef>;
  for (const d of defs) byName[d.name] = d;
  return byName;
}

/** The table, in the order config keys are documented. A command may reword a flag's help for itself. */
export const FLAGS = table([
  { name: 'config', type: 'string', env: 'GSC_CONFIG', value: 'FILE', description: 'config file with named targets (docs/configuration.md)', default: 'gsc.config.yaml in the working directory, if there is one' },
  { name: 'target-name', type: 'string', env: 'GSC_TARGET_NAME', value: 'NAME', description: 'the config file target to use', default: "the config file's default, or its only target" },
  { name: 'target', type: 'string', env: 'GSC_TARGET', config: { key: 'target', kind: 'text' }, value: 'URL', description: 'base URL with the version segment, e.g. https://graph.microsoft.com/v1.0', default: "the cloud's Graph /v1.0 when signing in, else the embedded emulator" },
  { name: 'cloud', type: 'string', env: 'GSC_CLOUD', config: { key: 'cloud', kind: 'text' }, value: 'NAME', description: 'global, usgov, usgovdod or china: sets the Graph root, sign-in authority and scope together', default: 'global' },
  { name: 'authority', type: 'string', env: 'GSC_AUTHORITY', config: { key: 'authority', kind: 'text' }, value: 'URL', description: "sign-in authority host, overriding the cloud's" },
  { name: 'proxy', type: 'string', env: 'GSC_PROXY', config: { key: 'proxy', kind: 'text' }, value: 'URL', description: 'proxy for Graph and sign-in requests (NO_PROXY hosts go direct)', default: 'HTTPS_PROXY or HTTP_PROXY, if set' },
  { name: 'ca-file', type: 'string', env: 'GSC_CA_FILE', config: { key: 'caFile', kind: 'path' }, value: 'FILE', description: "PEM of CA certificates to trust besides Node's (a TLS-inspecting proxy's); NODE_EXTRA_CA_CERTS is honoured too" },
  { name: 'tenant-id', type: 'string', env: 'GSC_TENANT_ID', config: { key: 'tenantId', kind: 'text' }, value: 'ID', description: 'Entra tenant (GUID or domain) for client-credentials sign-in' },
  { name: 'client-id', type: 'string', env: 'GSC_CLIENT_ID', config: { key: 'clientId', kind: 'text' }, value: 'ID', description: 'application (client) id for client-credentials sign-in' },
  { name: 'client-secret', type: 'string', env: 'GSC_CLIENT_SECRET', config: { key: 'clientSecret', kind: 'secret' }, value: 'SECRET', description: 'client secret', secret: true },
  { name: 'client-secret-file', type: 'string', env: 'GSC_CLIENT_SECRET_FILE', value: 'FILE', description: 'file holding the client secret' },
  { name: 'client-certificate', type: 'string', env: 'GSC_CLIENT_CERTIFICATE_PATH', config: { key: 'clientCertificate', kind: 'path' }, value: 'FILE', description: 'PEM with the private key and the certificate, instead of a secret' },
  { name: 'token', type: 'string', env: 'GSC_TOKEN', config: { key: 'token', kind: 'secret' }, value: 'TOKEN', description: 'bearer token sent as is', secret: true },
  { name: 'service-principal', type: 'string', env: 'GSC_SERVICE_PRINCIPAL_ID', config: { key: 'servicePrincipal', kind: 'text' }, value: 'ID', description: 'object id of the service principal whose jobs are tested' },
  { name: 'template', type: 'string', env: 'GSC_TEMPLATE_ID', config: { key: 'template', kind: 'text' }, value: 'ID', description: 'synchronization template to create jobs from', default: 'the first template the service principal lists' },
  { name: 'var', type: 'string', multiple: true, config: { key: 'vars', kind: 'vars' }, value: 'NAME=VALUE', description: 'a user variable, {{vars.NAME}} in suites; repeat for more; GSC_VAR_<NAME> gives one too' },
  { name: 'secret-file', type: 'string', multiple: true, config: { key: 'secrets', kind: 'secrets' }, value: 'NAME=FILE', description: 'a secret user variable, {{secrets.NAME}} in suites, read from FILE and redacted everywhere; repeat for more; GSC_SECRET_<NAME> gives one too' },
  { name: 'allow-writes', type: 'boolean', env: 'GSC_ALLOW_WRITES', config: { key: 'allowWrites', kind: 'boolean' }, description: 'let cases that create, change or delete run against a target that is not on this machine' },
  { name: 'require-all', type: 'boolean', env: 'GSC_REQUIRE_ALL', config: { key: 'requireAll', kind: 'boolean' }, description: 'a skipped MUST case makes the run incomplete (exit 3), not conformant on fewer cases' },
  { name: 'concurrency', type: 'string', env: 'GSC_CONCURRENCY', config: { key: 'concurrency', kind: 'number' }, value: 'N', description: 'independent cases run in parallel', default: '1' },
  { name: 'max-rps', type: 'string', env: 'GSC_MAX_RPS', config: { key: 'maxRps', kind: 'number' }, value: 'R', description: 'at most R requests per second to the target', default: 'no limit' },
  { name: 'timeout', type: 'string', env: 'GSC_TIMEOUT', config: { key: 'timeout', kind: 'text' }, value: 'DURATION', description: 'per-request timeout', default: '30s' },
  { name: 'consistency-timeout', type: 'string', env: 'GSC_CONSISTENCY_TIMEOUT', config: { key: 'consistencyTimeout', kind: 'text' }, value: 'DURATION', description: 'longest wait for eventual consistency after a write', default: '60s, or 5s against the embedded emulator' },
  { name: 'max-wait', type: 'string', env: 'GSC_MAX_WAIT', config: { key: 'maxWait', kind: 'text' }, value: 'DURATION', description: "budget for the whole run's waiting on throttling; when spent the run ends as incomplete", default: '10m' },
  { name: 'cleanup-timeout', type: 'string', env: 'GSC_CLEANUP_TIMEOUT', config: { key: 'cleanupTimeout', kind: 'text' }, value: 'DURATION', description: "how long one job's cleanup retries before leaving the job to gsc cleanup", default: '2m' },
  { name: 'tags', type: 'string', env: 'GSC_TAGS', config: { key: 'tags', kind: 'list' }, value: 'LIST', description: 'only cases with any of these tags; !tag excludes (comma list)' },
  { name: 'grep', type: 'string', env: 'GSC_GREP', value: 'REGEX', description: 'only cases whose id or title matches (case-insensitive)' },
  { name: 'level', type: 'string', env: 'GSC_LEVEL', value: 'LEVEL', description: 'lowest requirement level whose failure fails the run: MUST, SHOULD or MAY', default: 'MUST' },
  { name: 'out', type: 'string', env: 'GSC_OUT', value: 'DIR', description: 'folder for report files', default: 'reports' },
  { name: 'reporter', type: 'string', env: 'GSC_REPORTER', value: 'LIST', description: 'reporters (comma list): console, junit, json, ndjson, html, ctrf, tap, github', default: 'console,junit,json' },
  { name: 'repeat', type: 'string', env: 'GSC_REPEAT', value: 'N', description: 'run every selected case N times; each run is its own instance in the results, id#1, id#2…; with --duration, at most N rounds: the run stops at whichever ends first', default: '1' },
  { name: 'duration', type: 'string', env: 'GSC_DURATION', value: 'DURATION', description: 'repeat the selected cases, round after round, until the time is up (10m, 1h); running cases finish; with --repeat N, N rounds at most' },
  { name: 'shard', type: 'string', env: 'GSC_SHARD', value: 'i/n', description: 'run only share i of n of the selected cases: the same split on every machine; gsc merge-reports joins the shards\' reports' },
  { name: 'shard-timings', type: 'string', env: 'GSC_SHARD_TIMINGS', value: 'FILES', description: 'results.json of earlier runs (comma list): balance shards by recorded case duration instead of count' },
  { name: 'live', type: 'string', env: 'GSC_LIVE', value: 'auto|on|off', description: 'a live line on stderr: cases done, passed and failed, requests per second, latency p50/p95/p99; kept at the bottom of a terminal (case lines print above it; cut to its width), a line every --live-interval otherwise; auto: when cases repeat', default: 'auto' },
  { name: 'live-interval', type: 'string', env: 'GSC_LIVE_INTERVAL', value: 'DURATION', description: 'how often the live line is printed when stderr is no terminal', default: '10s' },
  { name: 'dry-run', type: 'boolean', description: 'print the requests a run would send, and send none' },
  { name: 'ledger', type: 'string', env: 'GSC_LEDGER', value: 'FILE|off', description: 'where the run records what it creates, for gsc cleanup; off records nothing', default: '<out>/ledger.jsonl' },
  { name: 'verbose', type: 'boolean', description: 'show every exchange, not only those of failures' },
  { name: 'upstream', type: 'string', env: 'GSC_UPSTREAM', value: 'URL', description: 'where the proxy forwards: an emulator or a Graph root, with the version segment, e.g. https://graph.microsoft.com/v1.0' },
  { name: 'port', type: 'string', env: 'GSC_PROXY_PORT', value: 'N', description: 'port the proxy listens on, on 127.0.0.1', default: '0: a free port, printed at start' },
  { name: 'tls', type: 'boolean', env: 'GSC_TLS', description: 'serve HTTPS with a self-signed certificate made at start-up; its path is printed for NODE_EXTRA_CA_CERTS and removed at the end' },
  { name: 'cert', type: 'string', env: 'GSC_TLS_CERT', value: 'FILE', description: 'serve HTTPS with this PEM certificate (with --key)' },
  { name: 'key', type: 'string', env: 'GSC_TLS_KEY', value: 'FILE', description: 'the PEM private key of --cert' },
  { name: 'exit-after', type: 'string', env: 'GSC_EXIT_AFTER', value: 'N', description: 'stop after N exchanges and report', default: 'run until SIGINT or SIGTERM' },
  { name: 'record', type: 'string', env: 'GSC_RECORD', value: 'FILE.har', description: 'write every exchange, tokens and secrets redacted, as HAR 1.2 (replay it with gsc emulator --replay)' },
  { name: 'quiet', type: 'boolean', env: 'GSC_QUIET', description: 'console: print only the failures and the verdict' },
  { name: 'bail', type: 'boolean', env: 'GSC_BAIL', description: 'stop at the first failure at the failing level (its cleanup still runs); the cases after it are not run' },
  { name: 'wait-for-target', type: 'string', env: 'GSC_WAIT_FOR_TARGET', value: 'DURATION', description: 'wait up to DURATION for the target to answer before the run starts (a server starting in the background)' },
  { name: 'min-coverage', type: 'string', env: 'GSC_MIN_COVERAGE', value: 'P', description: 'fail (exit 1) when the selected cases check less than P percent of the contract points in specs/ (gsc coverage)' },
  { name: 'baseline', type: 'string', env: 'GSC_BASELINE', value: 'FILE', description: "known deviations (docs/baselines.md): their failures do not fail the run until the entry's expires date" },
]);

/** Flags shared by the commands that read suites. */
export const selectionFlags: FlagDef[] = [FLAGS.grep, FLAGS.tags];

/** How the run signs in; shared by `gsc run` and `gsc cleanup`. */
const credentialFlags: FlagDef[] = [
  FLAGS.token,
  FLAGS['tenant-id'],
  FLAGS['client-id'],
  FLAGS['client-secret'],
  FLAGS['client-secret-file'],
  FLAGS['client-certificate'],
  FLAGS.cloud,
  FLAGS.authority,
  FLAGS.proxy,
  FLAGS['ca-file'],
];

/** Which config file and which of its targets; shared by `gsc run` and `gsc cleanup`. */
export const configFlags: FlagDef[] = [FLAGS.config, FLAGS['target-name']];

/** Flags of `gsc run`, in the order `--help` lists them. */
export const runFlags: FlagDef[] = [
  ...configFlags,
  FLAGS.target,
  ...credentialFlags,
  FLAGS['service-principal'],
  FLAGS.template,
  FLAGS.var,
  FLAGS['secret-file'],
  ...selectionFlags,
  FLAGS.level,
  FLAGS.out,
  FLAGS.reporter,
  FLAGS.concurrency,
  FLAGS['max-rps'],
  FLAGS.timeout,
  FLAGS['consistency-timeout'],
  FLAGS.repeat,
  FLAGS.duration,
  FLAGS.shard,
  FLAGS['shard-timings'],
  FLAGS.live,
  FLAGS['live-interval'],
  FLAGS['max-wait'],
  FLAGS['cleanup-timeout'],
  FLAGS['allow-writes'],
  FLAGS['require-all'],
  FLAGS['dry-run'],
  FLAGS.ledger,
  FLAGS.verbose,
  FLAGS.quiet,
  FLAGS.bail,
  FLAGS['wait-for-target'],
  FLAGS.baseline,
  FLAGS['min-coverage'],
];

/** Flags of `gsc merge-reports`: where the merged reports go, and which. */
export const mergeFlags: FlagDef[] = [
  { ...FLAGS.out, description: 'folder for the merged reports; not one of the shards\' folders' },
  { ...FLAGS.reporter, description: 'reporters for the merged run (comma list): json, junit, html, ctrf, tap, ndjson, console', default: 'json,junit,html,ctrf' },
];

/** Flags of `gsc proxy`, in the order `--help` lists them. */
export const proxyFlags: FlagDef[] = [
  FLAGS.upstream,
  FLAGS.port,
  FLAGS.tls,
  FLAGS.cert,
  FLAGS.key,
  FLAGS['exit-after'],
  FLAGS.record,
  FLAGS.out,
  FLAGS.reporter,
  FLAGS.verbose,
];

/** Flags of `gsc cleanup`: the ledger and target are read back, so their help says so. */
export const cleanupFlags: FlagDef[] = [
  ...configFlags,
  { ...FLAGS.ledger, value: 'FILE', description: 'the ledger a run wrote', default: 'reports/ledger.jsonl' },
  // Never the ledger's: a ledger is a file anyone may have edited, so it never chooses where the token goes.
  { ...FLAGS.target, description: 'the target the run used; required with --token (the ledger never chooses where the token goes)', default: "with sign-in flags or --cloud, that cloud's Graph /v1.0" },
  ...credentialFlags,
  FLAGS.timeout,
];

/** Flags of `gsc baseline`: which results to start from, and where to write. No variables: each call names its files. */
export const baselineFlags: FlagDef[] = [
  { name: 'from', type: 'string', value: 'FILE', description: 'the results.json of a run (e.g. reports/results.json)' },
  { name: 'out', type: 'string', value: 'FILE', description: 'write the baseline to FILE instead of stdout' },
];

/** Flags of `gsc diff`. */
export const diffFlags: FlagDef[] = [{ name: 'html', type: 'string', value: 'FILE', description: 'also write the comparison as one self-contained HTML page' }];

/** Flags of `gsc coverage`. */
export const coverageFlags: FlagDef[] = [...selectionFlags, FLAGS['min-coverage'], { ...FLAGS.verbose, description: 'also list each covered point with the cases that check it' }];
