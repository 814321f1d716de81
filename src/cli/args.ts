import { parseArgs } from 'node:util';
import { UsageError } from '../run/exit-codes.js';
import type { FlagDef } from './flags.js';
import { didYouMean as closest } from '../common/did-you-mean.js';

/** Where a setting came from, for messages: "--target" or "GSC_TARGET". */
export type Source = { kind: 'flag' | 'env' | 'config' | 'default'; label: string };

/**
 * A value the config file gives a flag, with where it was written, so a message about it can
 * send the user to the right line: `gsc.config.yaml targets.contoso.target`.
 */
export interface ConfigSetting {
  value: string;
  label: string;
}

/** Flag values after precedence (flag > environment > config file > default). */
export interface Settings {
  get(name: string): string | undefined;
  flag(name: string): boolean;
  source(name: string): Source | undefined;
  positionals: string[];
  /** Secrets given on the command line, to warn about. */
  secretsOnCommandLine: string[];
  /** Every value of a flag that may be repeated, in the order given on the command line. */
  all(name: string): string[];
  /** What the config file gives a flag, whatever the higher layers say (for values merged name by name). */
  fromConfig(name: string): ConfigSetting | undefined;
}

/**
 * Parses argv against the command's flags. Unknown flags and missing values are usage errors
 * with a suggestion, never a stack trace.
 */
export function parseSettings(argv: string[], defs: FlagDef[], env: Record<string, string | undefined>, config: Record<string, string | ConfigSetting | undefined> = {}): Settings {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = { help: { type: 'boolean' } };
  for (const d of defs) options[d.name] = d.multiple ? { type: d.type, multiple: true } : { type: d.type };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(explainParseError(err as Error & { code?: string }, defs));
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  // --help is every command's flag; without it here, `gsc run --help` would run instead of helping.
  const byName = new Map<string, FlagDef>([['help', { name: 'help', type: 'boolean', description: 'show this help' }], ...defs.map((d): [string, FlagDef] => [d.name, d])]);
  const lookup = (name: string): { value: string | boolean; source: Source } | undefined => {
    const d = byName.get(name);
    if (!d) return undefined;
    const v = values[name];
    if (Array.isArray(v)) return undefined;
    if (v !== undefined) return { value: v, source: { kind: 'flag', label: `--${name}` } };
    const e = d.env ? env[d.env] : undefined;
    if (d.env && e !== undefined && e !== '') return { value: d.type === 'boolean' ? !/^(0|false|no)$/i.test(e) : e, source: { kind: 'env', label: d.env } };
    const c = config[name];
    if (c === undefined) return undefined;
    const { value, label } = typeof c === 'string' ? { value: c, label: `config ${name}` } : c;
    return { value: d.type === 'boolean' ? !/^(0|false|no)$/i.test(value) : value, source: { kind: 'config', label } };
  };
  return {
    get: (name) => {
      const v = lookup(name)?.value;
      return typeof v === 'string' ? v : undefined;
    },
    flag: (name) => lookup(name)?.value === true,
    source: (name) => lookup(name)?.source,
    positionals: parsed.positionals,
    secretsOnCommandLine: defs.filter((d) => d.secret && values[d.name] !== undefined).map((d) => `--${d.name}`),
    all: (name) => {
      const v = values[name];
      return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
    },
    fromConfig: (name) => {
      const c = config[name];
      return typeof c === 'string' ? { value: c, label: `config ${name}` } : c;
    },
  };
}

function explainParseError(err: Error & { code?: string }, defs: FlagDef[]): string {
  const unknown = err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'(-{1,2}[^']+)'/.exec(err.message)?.[1] : undefined;
  if (unknown) {
    const guess = closest(unknown.replace(/^-+/, '').split('=')[0] ?? '', [...defs.map((d) => d.name), 'help']);
    return `unknown flag ${unknown}${guess ? `: did you mean --${guess}?` : ''} (see --help)`;
  }
  const ambiguous = /Option '(-{1,2}[^ ']+)[^']*' argument is ambiguous/.exec(err.message)?.[1];
  if (ambiguous) return `${ambiguous} got a value starting with -: write it as ${ambiguous}=VALUE (see --help)`;
  const missing = /Option '(-{1,2}[^ ']+)[^']*' argument missing/.exec(err.message)?.[1];
  if (missing) return `${missing} needs a value (see --help)`;
  const noValue = /Option '(--[^']+)' does not take an argument/.exec(err.message)?.[1];
  if (noValue) return `${noValue} takes no value (see --help)`;
  return `${err.message.split('\n')[0]} (see --help)`;
}
