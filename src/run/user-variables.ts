/**
 * User variables: values a suite cannot know, such as the user provisionOnDemand provisions or
 * the credentials validateCredentials tests, read as `{{vars.NAME}}` and `{{secrets.NAME}}`.
 * Names match without regard to case, so `GSC_VAR_PROVISIONUSERID` gives `provisionUserId`.
 */
export interface GivenVariables {
  /** NAME -> value, for `{{vars.NAME}}`. */
  vars?: Readonly<Record<string, string>>;
  /** NAME -> value, for `{{secrets.NAME}}`; redacted from every output. */
  secrets?: Readonly<Record<string, string>>;
}

/** The user variables a run has, keyed as suites write them (`vars.NAME`), and the secret values to redact. */
export interface UserVariables {
  values: Map<string, string>;
  secrets: string[];
}

function lookup(given: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  if (given === undefined) return undefined;
  if (Object.hasOwn(given, name)) return given[name];
  const key = Object.keys(given).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : given[key];
}

/**
 * The values of the variables the cases need, from what the caller gave, else from the
 * target's own data (`defaults`, keyed `vars.NAME`: the embedded emulator's).
 */
export function resolveUserVariables(needs: Iterable<string>, given: GivenVariables, defaults: Readonly<Record<string, string>> = {}): UserVariables {
  const out: UserVariables = { values: new Map(), secrets: [] };
  for (const full of new Set(needs)) {
    const secret = full.startsWith('secrets.');
    const name = full.slice(full.indexOf('.') + 1);
    const value = lookup(secret ? given.secrets : given.vars, name) ?? defaults[full];
    if (value === undefined) continue;
    out.values.set(full, value);
    if (secret) out.secrets.push(value);
  }
  return out;
}
