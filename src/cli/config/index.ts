/**
 * The config file `gsc.config.yaml`: named targets below the command line and the environment
 * (flag > environment > config file > default). Read, validated against
 * `schemas/config.schema.json`, one target chosen, its secret references resolved; every problem
 * is a diagnostic with file:line:col, printed before anything is sent.
 */
import { formatDiagnostic } from '../../load/index.js';
import type { Diagnostic } from '../../model/index.js';
import { parseSettings, type Settings } from '../args.js';
import { UsageError } from '../../run/exit-codes.js';
import type { FlagDef } from '../flags.js';
import type { CliIo } from '../io.js';
import { println, useColor } from '../io.js';
import { configLayer } from './layer.js';
import { CONFIG_FILE, readConfigText } from './locate.js';
import { parseConfig } from './parse.js';
import { maskSecrets } from './secrets.js';
import { chooseTarget } from './select.js';

export { CONFIG_KEYS, EXCLUDES, SECRET_KEYS, type ConfigKey, type ConfigKind } from './keys.js';
export { CONFIG_FILE, readConfigText, type ConfigText } from './locate.js';
export { parseConfig, type ConfigFile } from './parse.js';
export { chooseTarget, type ChosenTarget } from './select.js';
export { configLayer, type ConfigLayer } from './layer.js';
export { maskSecrets, resolveSecret, type SecretRef } from './secrets.js';
export { configSchema, configSchemaFile } from './schema.js';

/**
 * A command's settings with the config file as their lowest layer. Prints the config's
 * problems (secrets masked) and returns undefined when there are any: the caller exits 2.
 * `--help` never reads the config, so a broken file cannot hide the help.
 */
export function readSettings(argv: string[], defs: FlagDef[], io: CliIo): Settings | undefined {
  const base = parseSettings(argv, defs, io.env);
  if (base.flag('help')) return base;
  const read = readConfigText(base, io.cwd);
  if (read.problem) return fail([read.problem], undefined, undefined, io);
  const wanted = base.get('target-name');
  const wantedSource = base.source('target-name');
  if (read.config === undefined) {
    if (wanted === undefined) return base;
    throw new UsageError(`${wantedSource?.label ?? '--target-name'} ${wanted} needs a config file, and there is no ${CONFIG_FILE} in ${io.cwd}: write one (docs/configuration.md) or name it with --config FILE`);
  }
  const { config, yaml, diagnostics } = parseConfig(read.config);
  const masked = maskSecrets(read.config.text, yaml);
  if (config === undefined) return fail(diagnostics, read.config.file, masked, io);
  const chosen = chooseTarget(config, wanted !== undefined && wantedSource ? { name: wanted, source: wantedSource } : undefined);
  if (chosen.target === undefined) return fail([...diagnostics, ...(chosen.problem ? [chosen.problem] : [])], config.file, masked, io);
  const layer = configLayer(config, chosen.target, defs, base, io.env);
  if (layer.problems.length > 0) return fail([...diagnostics, ...layer.problems], config.file, masked, io);
  print(diagnostics, config.file, masked, io);
  println(io.stderr, `gsc: target ${chosen.target.name} of ${config.file} (${chosen.target.by})`);
  for (const note of layer.notes) println(io.stderr, `gsc: note: ${note}`);
  return parseSettings(argv, defs, io.env, layer.values);
}

function fail(diagnostics: Diagnostic[], file: string | undefined, text: string | undefined, io: CliIo): undefined {
  print(diagnostics, file, text, io);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  println(io.stderr, `gsc: ${errors} error(s) in the config file${file !== undefined ? ` ${file}` : ''}; nothing was sent. See docs/configuration.md.`);
  return undefined;
}

function print(diagnostics: Diagnostic[], file: string | undefined, text: string | undefined, io: CliIo): void {
  const sources = new Map<string, string>(file !== undefined && text !== undefined ? [[file, text]] : []);
  const color = useColor(io.stderr, io.env);
  for (const d of diagnostics) println(io.stderr, `${formatDiagnostic(d, sources, { color })}\n`);
}
