import { didYouMean } from '../../common/did-you-mean.js';
import { YamlFile } from '../../load/index.js';
import type { Diagnostic } from '../../model/index.js';
import { configDiagnostics } from './diagnostics.js';
import { targetList } from './words.js';
import type { ConfigText } from './locate.js';
import { configSchema } from './schema.js';

/** A config file that passed its schema: what a target says, keyed as written. */
export interface ConfigFile extends ConfigText {
  yaml: YamlFile;
  /** The `default:` target, known to exist. */
  default?: string;
  /** Target name -> its keys, as the schema allows them. */
  targets: Record<string, Record<string, unknown>>;
}

/**
 * Parses and validates a config file: YAML syntax, then the schema, then `default` naming a
 * target. Any error means no config: a half-read file would send requests to the wrong place.
 */
export function parseConfig(source: ConfigText): { config?: ConfigFile; yaml: YamlFile; diagnostics: Diagnostic[] } {
  const yaml = new YamlFile(source.file, source.text);
  const diagnostics = [...yaml.diagnostics];
  if (!yaml.readable) return { yaml, diagnostics };
  if (yaml.empty) {
    diagnostics.push({ code: 'empty', message: 'the config file is empty', hint: 'add `targets:` with at least one named target; see docs/configuration.md', span: { file: source.file, line: 1, col: 1 }, severity: 'error' });
    return { yaml, diagnostics };
  }
  const schema = configSchema();
  diagnostics.push(...configDiagnostics(schema.validate(yaml.data), yaml, schema), ...defaultProblems(yaml));
  if (diagnostics.some((d) => d.severity === 'error')) return { yaml, diagnostics: sorted(diagnostics) };
  const data = yaml.data as { default?: string; targets: Record<string, Record<string, unknown>> };
  return { config: { ...source, yaml, targets: data.targets, ...(data.default !== undefined ? { default: data.default } : {}) }, yaml, diagnostics };
}

/** `default` naming no target; checked beside the schema so one pass shows every problem. */
function defaultProblems(yaml: YamlFile): Diagnostic[] {
  if (yaml.data === null || typeof yaml.data !== 'object') return [];
  const data = yaml.data as { default?: unknown; targets?: unknown };
  const targets = data.targets;
  if (typeof data.default !== 'string' || targets === null || typeof targets !== 'object' || Array.isArray(targets)) return [];
  const names = Object.keys(targets);
  if (names.includes(data.default)) return [];
  const guess = didYouMean(data.default, names);
  return [{
    code: 'unknown-target',
    message: `\`default\` names no target: \`${data.default}\``,
    hint: `${guess !== undefined ? `did you mean \`${guess}\`? ` : ''}${targetList(names)}`,
    span: yaml.valueSpan(['default']),
    severity: 'error',
  }];
}

function sorted(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => (a.span?.line ?? 0) - (b.span?.line ?? 0) || (a.span?.col ?? 0) - (b.span?.col ?? 0));
}
