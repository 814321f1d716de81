import type { Diagnostic } from '../../model/index.js';
import type { ConfigSetting, Settings } from '../args.js';
import type { FlagDef } from '../flags.js';
import { CONFIG_KEYS, EXCLUDES, type ConfigKind } from './keys.js';
import type { ConfigFile } from './parse.js';
import { resolvePath, resolveSecret, type RefPlace, type SecretRef } from './secrets.js';
import type { ChosenTarget } from './select.js';

/** The config file's layer of flag values, and what the user should hear about it. */
export interface ConfigLayer {
  /** Flag name -> value and the label naming file and key. */
  values: Record<string, ConfigSetting>;
  /** References that could not be resolved (an unset variable, an unreadable file). */
  problems: Diagnostic[];
  /** Config values a flag or variable overrode as a group (sign-in), said once so nobody is surprised. */
  notes: string[];
}

/**
 * Turns the chosen target into flag values below the command line and the environment.
 * Only the values the command reads and no higher layer gives are used, so a secret
 * reference is resolved only when its secret is needed: `GSC_TOKEN=… gsc run` works even
 * when the file's `clientSecret` variable is unset here.
 */
export function configLayer(config: ConfigFile, chosen: ChosenTarget, defs: readonly FlagDef[], higher: Settings, env: Record<string, string | undefined>): ConfigLayer {
  const layer: ConfigLayer = { values: {}, problems: [], notes: [] };
  const flags = new Set(defs.map((d) => d.name));
  const given = (flag: string): string | undefined => {
    const kind = higher.source(flag)?.kind;
    return kind === 'flag' || kind === 'env' ? higher.source(flag)?.label : undefined;
  };
  const replaced = new Map<string, string[]>();
  for (const [key, raw] of Object.entries(chosen.keys)) {
    const spec = CONFIG_KEYS[key];
    if (spec === undefined || !flags.has(spec.flag)) continue;
    // User variables merge name by name with the higher layers, so the file's are always read.
    const merged = spec.kind === 'vars' || spec.kind === 'secrets';
    if (!merged && given(spec.flag) !== undefined) continue;
    const by = (EXCLUDES[spec.flag] ?? []).map(given).find((label) => label !== undefined);
    if (by !== undefined) {
      replaced.set(by, [...(replaced.get(by) ?? []), key]);
      continue;
    }
    const place: RefPlace = { yaml: config.yaml, dir: config.dir, target: chosen.name, key };
    const text = CONVERT[spec.kind](raw, place, env);
    if ('problem' in text) layer.problems.push(text.problem);
    else layer.values[spec.flag] = { value: text.value, label: `${config.file} targets.${chosen.name}.${key}` };
  }
  for (const [by, keys] of replaced) {
    layer.notes.push(`${by} replaces the sign-in of target ${chosen.name} in ${config.file}: its ${keys.join(', ')} ${keys.length === 1 ? 'is' : 'are'} not used`);
  }
  return layer;
}

type Converted = { value: string } | { problem: Diagnostic };

/** How each kind of value becomes flag text; the schema has already checked the shapes. */
const CONVERT: Record<ConfigKind, (raw: unknown, place: RefPlace, env: Record<string, string | undefined>) => Converted> = {
  text: (raw) => ({ value: String(raw) }),
  number: (raw) => ({ value: String(raw) }),
  boolean: (raw) => ({ value: raw === true ? 'true' : 'false' }),
  list: (raw) => ({ value: Array.isArray(raw) ? raw.map(String).join(',') : String(raw) }),
  path: (raw, place) => resolvePath(String(raw), place),
  secret: (raw, place, env) => resolveSecret(raw as SecretRef, place, env),
  vars: (raw) => ({ value: JSON.stringify(raw) }),
  secrets: (raw, place, env) => {
    const out: Record<string, string> = {};
    for (const [name, ref] of Object.entries(raw as Record<string, SecretRef>)) {
      const resolved = resolveSecret(ref, { ...place, key: `${place.key}.${name}` }, env);
      if ('problem' in resolved) return resolved;
      out[name] = resolved.value;
    }
    return { value: JSON.stringify(out) };
  },
};
