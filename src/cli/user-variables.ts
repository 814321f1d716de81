import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../run/exit-codes.js';
import type { GivenVariables } from '../run/user-variables.js';
import type { Settings } from './args.js';

/**
 * The user variables `gsc run` is given, for `{{vars.NAME}}` and `{{secrets.NAME}}`:
 * - `vars`: `--var NAME=VALUE` (repeatable), over `GSC_VAR_<NAME>`, over a config target's `vars:`.
 * - `secrets`: `--secret-file NAME=FILE` (the file's trimmed content), over `GSC_SECRET_<NAME>`,
 *   over a config target's `secrets:` references. Never a value on the command line, so none
 *   shows in a process list; `run()` redacts them all.
 * Names are merged without regard to case (`GSC_VAR_PROVISIONUSERID` and `--var provisionUserId`
 * are one variable, the flag winning).
 */
export function readUserVariables(s: Settings, env: Record<string, string | undefined>, cwd: string): Required<GivenVariables> {
  const secretFiles = pairs('secret-file', s.all('secret-file')).map(([name, file]): [string, string] => [name, readSecretFile(name, file, cwd)]);
  return {
    vars: merge(configMap(s, 'var'), fromEnv(env, 'GSC_VAR_'), pairs('var', s.all('var'))),
    secrets: merge(configMap(s, 'secret-file'), fromEnv(env, 'GSC_SECRET_'), secretFiles),
  };
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `NAME=VALUE` pairs of a repeatable flag; a pair without `=` or with a bad name is a usage error. */
function pairs(flag: 'var' | 'secret-file', values: string[]): [string, string][] {
  return values.map((text) => {
    const at = text.indexOf('=');
    const name = at < 0 ? '' : text.slice(0, at).trim();
    if (!NAME.test(name)) {
      const example = flag === 'var' ? 'NAME=VALUE with a name of letters, digits and _ (e.g. --var provisionUserId=…)' : 'NAME=FILE with a name of letters, digits and _ (e.g. --secret-file scimSecretToken=token.txt)';
      throw new UsageError(`--${flag} takes ${example}, got '${at < 0 ? text : `${name}=…`}'`);
    }
    return [name, text.slice(at + 1)];
  });
}

function readSecretFile(name: string, file: string, cwd: string): string {
  let value: string;
  try {
    value = readFileSync(resolve(cwd, file), 'utf8').trim();
  } catch (err) {
    throw new UsageError(`--secret-file ${name}=${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'unreadable'}); give a readable file, or set GSC_SECRET_${name.toUpperCase()}`);
  }
  if (value === '') throw new UsageError(`--secret-file ${name}=${file}: the file is empty; write the secret into it`);
  return value;
}

/** The config target's map (the config layer hands it over as JSON), as pairs. */
function configMap(s: Settings, flag: string): [string, string][] {
  const c = s.fromConfig(flag);
  return c === undefined ? [] : Object.entries(JSON.parse(c.value) as Record<string, string>);
}

function fromEnv(env: Record<string, string | undefined>, prefix: string): [string, string][] {
  return Object.entries(env)
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '' && e[0].toUpperCase().startsWith(prefix) && e[0].length > prefix.length)
    .map(([key, value]) => [key.slice(prefix.length), value]);
}

/** Later layers win; names compare without regard to case, the winner's spelling is kept. */
function merge(...layers: [string, string][][]): Record<string, string> {
  const byLower = new Map<string, [string, string]>();
  for (const layer of layers) for (const [name, value] of layer) byLower.set(name.toLowerCase(), [name, value]);
  return Object.fromEntries(byLower.values());
}
