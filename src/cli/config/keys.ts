/**
 * How a target's key in the config file becomes a flag value. `schemas/config.schema.json`
 * says which values are valid; this registry says what each one means to the commands.
 */

/** How a config value turns into the text a flag would carry. */
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
  | 'list';

/** One key of a target. */
export interface ConfigKey {
  /** The flag it stands in for, without `--`. */
  flag: string;
  kind: ConfigKind;
}

/** Every key a target may have, in the order `docs/configuration.md` lists them. */
export const CONFIG_KEYS: Readonly<Record<string, ConfigKey>> = {
  target: { flag: 'target', kind: 'text' },
  cloud: { flag: 'cloud', kind: 'text' },
  authority: { flag: 'authority', kind: 'text' },
  tenantId: { flag: 'tenant-id', kind: 'text' },
  clientId: { flag: 'client-id', kind: 'text' },
  clientSecret: { flag: 'client-secret', kind: 'secret' },
  clientCertificate: { flag: 'client-certificate', kind: 'path' },
  token: { flag: 'token', kind: 'secret' },
  servicePrincipal: { flag: 'service-principal', kind: 'text' },
  template: { flag: 'template', kind: 'text' },
  allowWrites: { flag: 'allow-writes', kind: 'boolean' },
  concurrency: { flag: 'concurrency', kind: 'number' },
  maxRps: { flag: 'max-rps', kind: 'number' },
  timeout: { flag: 'timeout', kind: 'text' },
  consistencyTimeout: { flag: 'consistency-timeout', kind: 'text' },
  maxWait: { flag: 'max-wait', kind: 'text' },
  cleanupTimeout: { flag: 'cleanup-timeout', kind: 'text' },
  tags: { flag: 'tags', kind: 'list' },
};

/** The keys whose values are secrets: their written values are masked wherever the file is shown. */
export const SECRET_KEYS: readonly string[] = Object.entries(CONFIG_KEYS)
  .filter(([, k]) => k.kind === 'secret')
  .map(([key]) => key);

/**
 * Sign-in options that cannot be combined. When the command line or the environment choose
 * one, the config file's conflicting ones are dropped: a token from GSC_TOKEN replaces the
 * file's client credentials rather than clashing with them.
 */
export const EXCLUDES: Readonly<Record<string, readonly string[]>> = {
  token: ['tenant-id', 'client-id', 'client-secret', 'client-secret-file', 'client-certificate'],
  'tenant-id': ['token'],
  'client-id': ['token'],
  'client-secret': ['token', 'client-secret-file', 'client-certificate'],
  'client-secret-file': ['token', 'client-secret', 'client-certificate'],
  'client-certificate': ['token', 'client-secret', 'client-secret-file'],
};
