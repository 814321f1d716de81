import type { CaseResult, Level } from '../model/index.js';

/** A duration as `gsc` takes it (`'500ms'`, `'30s'`, `'2m'`) or a number of milliseconds. */
export type Duration = string | number;

/** How a run signs in with client credentials (Microsoft Entra), instead of a bearer `token`. */
export interface SignInOptions {
  /** Entra tenant (GUID or domain). `--tenant-id` */
  tenantId?: string;
  /** Application (client) id. `--client-id` */
  clientId?: string;
  /** Client secret. `--client-secret` */
  clientSecret?: string;
  /** File holding the client secret, relative to `cwd`. `--client-secret-file` */
  clientSecretFile?: string;
  /** PEM file with the private key and the certificate, relative to `cwd`. `--client-certificate` */
  clientCertificate?: string;
  /** `global`, `usgov`, `usgovdod` or `china`. `--cloud` @default 'global' */
  cloud?: string;
  /** Sign-in authority host, overriding the cloud's. `--authority` */
  authority?: string;
  /**
   * Proxy for every request, to Graph and to sign-in. `--proxy` @default `HTTPS_PROXY` or
   * `HTTP_PROXY` (either case) from `env`; `NO_PROXY` there applies either way
   */
  proxy?: string;
  /**
   * PEM file of CA certificates to trust besides Node's roots, e.g. a TLS-inspecting proxy's,
   * relative to `cwd`. `--ca-file` (`NODE_EXTRA_CA_CERTS` is honoured too)
   */
  caFile?: string;
}

/** The system under test and how to reach it; with no `target`, the embedded emulator. */
export interface TargetOptions extends SignInOptions {
  /** Base URL with the version segment, e.g. `https://graph.microsoft.com/v1.0`. `--target` */
  target?: string;
  /** Bearer token sent as is. `--token` */
  token?: string;
  /** Object id of the service principal whose jobs are tested. `--service-principal` */
  servicePrincipalId?: string;
  /** Synchronization template to create jobs from. `--template` @default the first the service principal lists */
  templateId?: string;
}

/**
 * Options of {@link run}: the flags of `gsc run`, in camelCase. Every field is optional; a bad
 * value rejects with a {@link GscUsageError} carrying the message `gsc run` prints.
 */
export interface RunOptions extends TargetOptions {
  /** Only cases whose id or title matches this regular expression (case-insensitive). `--grep` */
  grep?: string;
  /** Only cases with any of these tags; `!tag` excludes. `--tags` */
  tags?: string[];
  /** Lowest requirement level whose failure fails the run: MUST, SHOULD or MAY. `--level` @default 'MUST' */
  level?: Level | string;
  /** Folder for report files and the ledger, relative to `cwd`. `--out` @default 'reports' */
  out?: string;
  /**
   * Reporters by name: `console`, `junit`, `json`, `ndjson`. `[]` writes no files (and, unless
   * `ledger` names one, keeps no ledger). `--reporter` @default ['junit', 'json']
   */
  reporters?: string[];
  /** Console reporter: also list each step of every case. `--verbose` @default false */
  verbose?: boolean;
  /** Console reporter: print only the failures and the verdict. `--quiet` @default false */
  quiet?: boolean;
  /** Stop at the first failure at the failing level; its cleanup still runs, later cases are not run. `--bail` @default false */
  bail?: boolean;
  /** Wait up to this long for the target to answer before the run starts. `--wait-for-target` @default no wait */
  waitForTarget?: Duration;
  /** Independent cases run in parallel. `--concurrency` @default 1 */
  concurrency?: number;
  /** At most this many requests per second to the target. `--max-rps` @default no limit */
  maxRps?: number;
  /** Per-request timeout. `--timeout` @default '30s' */
  timeout?: Duration;
  /** Longest wait for eventual consistency after a write. `--consistency-timeout` @default '60s', or '5s' on this machine */
  consistencyTimeout?: Duration;
  /** Budget for the whole run's waiting on throttling; when spent the run ends as incomplete. `--max-wait` @default '10m' */
  maxWait?: Duration;
  /** How long one job's cleanup retries transient answers before leaving the job to `gsc cleanup`. `--cleanup-timeout` @default '2m' */
  cleanupTimeout?: Duration;
  /** Let cases that write run against a target that is not on this machine. `--allow-writes` @default false */
  allowWrites?: boolean;
  /**
   * A skipped MUST case (writes not allowed, an optional route missing) makes the run
   * `incomplete` instead of conformant on fewer cases. `--require-all` @default false
   */
  requireAll?: boolean;
  /**
   * Where the run records what it creates, for `gsc cleanup`, relative to `cwd`; `false`
   * records nothing. `--ledger` @default '<out>/ledger.jsonl' (none with `reporters: []`)
   */
  ledger?: string | false;
  /** Run every selected case this many times; each run is its own instance, `id#1`, `id#2`… `--repeat` @default 1 */
  repeat?: number;
  /** Repeat the selected cases, round after round, until this much time has passed (`'10m'`); cases running then finish. `--duration` */
  duration?: Duration;
  /**
   * Run only this share of the selected cases, `'2/4'` (the second of four): every machine
   * computes the same split, and the shards together run each case once. `--shard`
   */
  shard?: string | { index: number; count: number };
  /**
   * `results.json` files of earlier runs: shards are then balanced by recorded case duration,
   * not by count. Relative to `cwd`. `--shard-timings` (a comma list)
   */
  shardTimings?: string[];
  /**
   * The live line: cases done, passed and failed, requests per second, latency p50/p95/p99.
   * `'auto'` shows it when cases repeat (`repeat` above 1 or a `duration`). On a terminal it is
   * one line rewritten in place; otherwise a line every `liveInterval`. `--live` @default 'auto'
   */
  live?: 'auto' | 'on' | 'off' | boolean;
  /** Where the live line goes. @default process.stderr */
  liveStream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** How often the live line is printed when `liveStream` is no terminal. `--live-interval` @default '10s' (on a terminal: redrawn every second) */
  liveInterval?: Duration;
  /**
   * Keep every case result in the returned result's `cases`. `false` returns `cases: []`, so a
   * long soak's memory stays flat; reporters and `onCaseEnd` still get every case. @default true
   */
  keepCases?: boolean;
  /**
   * A baseline file (docs/baselines.md), relative to `cwd`: known deviations whose failures do
   * not fail the run until their `expires` date. `--baseline`
   */
  baseline?: string;
  /**
   * Fail the run (verdict unchanged, `coverage.belowMinimum` set, exit 1 from `gsc`) when the
   * selected cases check less than this percentage of the contract in specs/. `--min-coverage`
   */
  minCoverage?: number;
  /**
   * User variables suites read as `{{vars.NAME}}` (names match without regard to case); a case
   * that reads one not given is skipped, naming it. `--var NAME=VALUE`, `GSC_VAR_<NAME>`
   */
  vars?: Record<string, string>;
  /**
   * Secret user variables, `{{secrets.NAME}}`, such as credentials for validateCredentials:
   * redacted from every output. `GSC_SECRET_<NAME>`, `--secret-file NAME=FILE`
   */
  secrets?: Record<string, string>;
  /** Extra suite files or folders, relative to `cwd`, run beside the shipped ones. */
  suites?: string[];
  /** Run the package's own suites. `gsc run PATH…` sets it to false. @default true */
  shipped?: boolean;
  /** The folder relative paths are read from, and that messages and reports name files relative to. @default process.cwd() */
  cwd?: string;
  /** Stops the run the way Ctrl-C does: no new step starts, cleanup runs, the result says `aborted`. */
  signal?: AbortSignal;
  /** Called as each case ends, with its result (as `results.json` holds it). */
  onCaseEnd?: (result: CaseResult) => void | Promise<void>;
  /** What `gsc` says on stderr along the way (the template chosen, jobs left behind, why a target cannot be tested). */
  onNotice?: (text: string) => void;
  /** Where the console reporter writes. @default process.stdout */
  stdout?: NodeJS.WritableStream;
  /** ANSI colour in console output. @default false */
  color?: boolean;
  /**
   * The environment CI integrations and the network read: with `GITHUB_STEP_SUMMARY` set, a
   * Markdown summary is appended to that file; `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (either
   * case) choose the proxy. `run()` never reads `process.env` itself. @default {}
   */
  env?: Record<string, string | undefined>;
}

/** The flag each option mirrors, for messages: a library caller reads the same text `gsc` prints. */
const FLAGS: Partial<Record<keyof RunOptions, string>> = {
  target: 'target', token: 'token', servicePrincipalId: 'service-principal', templateId: 'template',
  tenantId: 'tenant-id', clientId: 'client-id', clientSecret: 'client-secret', clientSecretFile: 'client-secret-file',
  clientCertificate: 'client-certificate', cloud: 'cloud', authority: 'authority', proxy: 'proxy', caFile: 'ca-file', grep: 'grep', tags: 'tags',
  level: 'level', out: 'out', reporters: 'reporter', concurrency: 'concurrency', maxRps: 'max-rps', timeout: 'timeout',
  consistencyTimeout: 'consistency-timeout', maxWait: 'max-wait', cleanupTimeout: 'cleanup-timeout', allowWrites: 'allow-writes', requireAll: 'require-all', ledger: 'ledger',
  baseline: 'baseline', minCoverage: 'min-coverage', quiet: 'quiet', bail: 'bail', waitForTarget: 'wait-for-target',
  repeat: 'repeat', duration: 'duration', shard: 'shard', shardTimings: 'shard-timings', live: 'live', liveInterval: 'live-interval',
};

/**
 * Names an option in a message. The CLI passes its own, so a value from `GSC_GREP` or the
 * config file is named as the user wrote it.
 */
export type Labeler = (option: keyof RunOptions) => string;

/** `--flag` for each option: what `gsc run` prints when the value came from its flag. */
export const flagLabel: Labeler = (option) => `--${FLAGS[option] ?? option}`;

/** The flag name an option mirrors (`servicePrincipalId` → `service-principal`). */
export function flagOf(option: keyof RunOptions): string {
  return FLAGS[option] ?? option;
}
