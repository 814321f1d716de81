import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Settings } from './args.js';
import { UsageError } from './exit-codes.js';

/**
 * User variables: values a suite cannot know, such as the user provisionOnDemand provisions or
 * credentials validateCredentials tests, read as `{{vars.NAME}}` and `{{secrets.NAME}}`.
 *
 * - `vars.NAME`: `--var NAME=VALUE` (repeatable), else `GSC_VAR_<NAME>`, else the config
 *   target's `vars:`.
 * - `secrets.NAME`: `--secret-file NAME=FILE` (the file's trimmed content), else
 *   `GSC_SECRET_<NAME>`, else the config target's `secrets:` reference. Never from the command
 *   line itself, so no secret shows in a process list; every value is redacted.
 *
 * Environment names are matched without regard to case (`GSC_VAR_SUBJECTID` gives `subjectId`).
 */
export interface UserVariables {
  /** `vars.NAME` / `secrets.NAME` -> value, for the names given. */
  values: Map<string, string>;
  /** The secret values, for the redactor. */
  secrets: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `NAME=VALUE` pairs of a repeatable flag; a pair without `=` or with a bad name is a usage error. */
function pairs(flag: string, values: string[]): [string, string][] {
  return values.map((text) => {
    const at = text.indexOf('=');
    const name = at < 0 ? '' : text.slice(0, at).trim();
    if (!NAME.test(name)) {
      throw new UsageError(`--${flag} takes NAME=${flag === 'var' ? 'VALUE' : 'FILE'} with a name of letters, digits and _ (e.g. --${flag} ${flag === 'var' ? 'subjectId=…' : 'scimToken=token.txt'}), got '${at < 0 ? text : `${name}=…`}'`);
    }
    return [name, text.slice(at + 1)];
  });
}

function configMap(s: Settings, flag: string): Record<string, string> {
  const c = s.fromConfig(flag);
  return c === undefined ? {} : (JSON.parse(c.value) as Record<string, string>);
}

function fromEnv(env: Record<string, string | undefined>, prefix: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || value === '' || !key.toUpperCase().startsWith(prefix)) continue;
    out.set(key.slice(prefix.length).toUpperCase(), value);
  }
  return out;
}

/**
 * Reads the user variables the selected cases need (names as written after `{{`), by the
 * precedence above. Names no case needs are not read, so an unrelated unreadable file does not
 * stop a run. A `--secret-file` that cannot be read is a usage error naming it.
 */
export function readUserVariables(s: Settings, env: Record<string, string | undefined>, cwd: string, needed: Iterable<string>): UserVariables {
  const varConfig = configMap(s, 'var');
  const varFlags = new Map(pairs('var', s.all('var')));
  const varEnv = fromEnv(env, 'GSC_VAR_');
  const secretConfig = configMap(s, 'secret-file');
  const secretFiles = new Map(pairs('secret-file', s.all('secret-file')));
  const secretEnv = fromEnv(env, 'GSC_SECRET_');
  const out: UserVariables = { values: new Map(), secrets: [] };
  for (const full of new Set(needed)) {
    const [space, name = ''] = full.split('.', 2) as [string, string?];
    if (space === 'vars') {
      const value = varFlags.get(name) ?? varEnv.get(name.toUpperCase()) ?? varConfig[name];
      if (value !== undefined) out.values.set(full, value);
    } else if (space === 'secrets') {
      const file = secretFiles.get(name);
      let value: string | undefined;
      if (file !== undefined) {
        try {
          value = readFileSync(resolve(cwd, file), 'utf8').trim();
        } catch (err) {
          throw new UsageError(`--secret-file ${name}=${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'unreadable'}); give a readable file, or set GSC_SECRET_${name.toUpperCase()}`);
        }
        if (value === '') throw new UsageError(`--secret-file ${name}=${file}: the file is empty; write the secret into it`);
      }
      value ??= secretEnv.get(name.toUpperCase()) ?? secretConfig[name];
      if (value !== undefined) {
        out.values.set(full, value);
        out.secrets.push(value);
      }
    }
  }
  return out;
}

/** Fills what the user did not give from what the target knows (the embedded emulator's data); those count as secrets when they are. */
export function withTargetVariables(user: UserVariables, target: { userVariables?: Readonly<Record<string, string>> }): UserVariables {
  const values = new Map(user.values);
  const secrets = [...user.secrets];
  for (const [name, value] of Object.entries(target.userVariables ?? {})) {
    if (values.has(name)) continue;
    values.set(name, value);
    if (name.startsWith('secrets.')) secrets.push(value);
  }
  return { values, secrets };
}

/** How to give a missing user variable, for the skip reason. */
export function howToGive(full: string): string {
  const [space, name = ''] = full.split('.', 2) as [string, string?];
  return space === 'secrets'
    ? `set GSC_SECRET_${name.toUpperCase()}, or give --secret-file ${name}=FILE, or secrets: in the config target`
    : `give --var ${name}=VALUE, or set GSC_VAR_${name.toUpperCase()}, or vars: in the config target`;
}

/** The skip reason of a case that needs variables the run lacks, or undefined when it has them all. */
export function missingVariablesReason(needs: readonly string[] | undefined, values: ReadonlyMap<string, string>): string | undefined {
  const missing = (needs ?? []).filter((n) => !values.has(n));
  if (missing.length === 0) return undefined;
  return `needs ${missing.map((n) => `{{${n}}}`).join(' and ')}: ${missing.map(howToGive).join('; ')}`;
}
