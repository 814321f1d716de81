import { didYouMean } from '../../common/did-you-mean.js';
import type { Diagnostic } from '../../model/index.js';
import type { Source } from '../args.js';
import { listOf } from '../../common/words.js';
import { targetList } from './words.js';
import type { ConfigFile } from './parse.js';

/** The target a run uses, and why that one: for the line that tells the user. */
export interface ChosenTarget {
  name: string;
  keys: Record<string, unknown>;
  /** "--target-name", "GSC_TARGET_NAME", "default" or "the only target". */
  by: string;
}

/**
 * Picks the target: the one `--target-name` (GSC_TARGET_NAME) names, else the file's
 * `default`, else the only one. Several targets and no choice is an error, not a guess.
 */
export function chooseTarget(config: ConfigFile, wanted: { name: string; source: Source } | undefined): { target?: ChosenTarget; problem?: Diagnostic } {
  const names = Object.keys(config.targets);
  const span = config.yaml.keySpan(['targets']);
  if (wanted !== undefined) {
    const keys = Object.hasOwn(config.targets, wanted.name) ? config.targets[wanted.name] : undefined;
    if (keys !== undefined) return { target: { name: wanted.name, keys, by: wanted.source.label } };
    const guess = didYouMean(wanted.name, names);
    return {
      problem: {
        code: 'unknown-target',
        message: `${wanted.source.label} names no target of ${config.file}: \`${wanted.name}\``,
        hint: `${guess !== undefined ? `did you mean \`${guess}\`? ` : ''}${targetList(names)}`,
        span,
        severity: 'error',
      },
    };
  }
  const name = config.default ?? (names.length === 1 ? names[0] : undefined);
  if (name !== undefined) return { target: { name, keys: config.targets[name] ?? {}, by: config.default !== undefined ? 'default' : 'the only target' } };
  return {
    problem: {
      code: 'no-target-chosen',
      message: `${config.file} has ${names.length} targets and no \`default\``,
      hint: `choose one with --target-name NAME (or GSC_TARGET_NAME): ${listOf(names)}; or add \`default: NAME\` to the file`,
      span,
      severity: 'error',
    },
  };
}
