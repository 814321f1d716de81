import type { Labeler, RunOptions } from '../run/index.js';
import { flagOf } from '../run/options.js';
import { parseMinCoverage } from '../run/coverage.js';
import { parsePositive, parsePositiveInt, parseList } from '../run/values.js';
import type { Settings } from './args.js';
import { readUserVariables } from './user-variables.js';

/** Names an option as the user gave it: its flag, its GSC_* variable or its config key. */
export function settingsLabel(s: Settings): Labeler {
  return (option) => s.source(flagOf(option))?.label ?? `--${flagOf(option)}`;
}

/** How the run signs in and what it targets, from flags, environment and config. */
export function targetOptions(s: Settings): Pick<RunOptions, 'target' | 'token' | 'servicePrincipalId' | 'templateId' | 'tenantId' | 'clientId' | 'clientSecret' | 'clientSecretFile' | 'clientCertificate' | 'cloud' | 'authority' | 'proxy' | 'caFile'> {
  return pick({
    target: s.get('target'),
    token: s.get('token'),
    servicePrincipalId: s.get('service-principal'),
    templateId: s.get('template'),
    tenantId: s.get('tenant-id'),
    clientId: s.get('client-id'),
    clientSecret: s.get('client-secret'),
    clientSecretFile: s.get('client-secret-file'),
    clientCertificate: s.get('client-certificate'),
    cloud: s.get('cloud'),
    authority: s.get('authority'),
    proxy: s.get('proxy'),
    caFile: s.get('ca-file'),
  });
}

/** `gsc run`'s settings as {@link RunOptions}; numbers are checked here, with the flag's name. */
export function runOptions(s: Settings, cwd: string, env: Record<string, string | undefined> = {}): RunOptions {
  const label = settingsLabel(s);
  const text = (name: string): string | undefined => s.get(name);
  const ledger = text('ledger');
  return {
    ...targetOptions(s),
    ...pick({
      grep: text('grep'),
      level: text('level'),
      out: text('out'),
      timeout: text('timeout'),
      consistencyTimeout: text('consistency-timeout'),
      duration: text('duration'),
      shard: text('shard'),
      shardTimings: text('shard-timings') !== undefined ? parseList(text('shard-timings')) : undefined,
      live: text('live') as RunOptions['live'],
      liveInterval: text('live-interval'),
      repeat: text('repeat') !== undefined ? parsePositiveInt(text('repeat')!, label('repeat')) : undefined,
      maxWait: text('max-wait'),
      cleanupTimeout: text('cleanup-timeout'),
      concurrency: text('concurrency') !== undefined ? parsePositiveInt(text('concurrency')!, label('concurrency')) : undefined,
      maxRps: text('max-rps') !== undefined ? parsePositive(text('max-rps')!, label('maxRps')) : undefined,
      ledger: ledger === 'off' ? (false as const) : ledger,
      baseline: text('baseline'),
      minCoverage: parseMinCoverage(text('min-coverage'), label('minCoverage')),
    }),
    tags: parseList(text('tags')),
    ...readUserVariables(s, env, cwd),
    reporters: parseList(text('reporter') ?? 'console,junit,json'),
    verbose: s.flag('verbose'),
    quiet: s.flag('quiet'),
    bail: s.flag('bail'),
    ...(text('wait-for-target') !== undefined ? { waitForTarget: text('wait-for-target')! } : {}),
    allowWrites: s.flag('allow-writes'),
    requireAll: s.flag('require-all'),
    // A path on the command line replaces the shipped suites, as it always has.
    suites: s.positionals,
    shipped: s.positionals.length === 0,
    cwd,
  };
}

function pick<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
