import { FLAGS, type ConfigKind } from '../flags.js';

/**
 * How a target's key in the config file becomes a flag value, derived from the flag table
 * (`cli/flags.ts`). `schemas/config.schema.json` says which values are valid; this registry says
 * what each one means to the commands.
 */

export type { ConfigKind };

/** One key of a target. */
export interface ConfigKey {
  /** The flag it stands in for, without `--`. */
  flag: string;
  kind: ConfigKind;
}

/** Every key a target may have, in the order of the flag table (and of `docs/configuration.md`). */
export const CONFIG_KEYS: Readonly<Record<string, ConfigKey>> = Object.fromEntries(
  Object.values(FLAGS).flatMap((f) => (f.config === undefined ? [] : [[f.config.key, { flag: f.name, kind: f.config.kind }]])),
);

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
