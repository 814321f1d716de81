/** How config messages name places: "the config file", "target `contoso`". */
import { listOf } from '../../common/words.js';
import type { Path } from '../../common/schema-words.js';

/** A target's mapping as a noun phrase ("target `contoso`"); undefined for the usual wording. */
export function where(path: Path): string | undefined {
  return path.length === 2 && path[0] === 'targets' ? `target \`${String(path[1])}\`` : undefined;
}

/** "the targets are `a` and `b`", or "the only target is `a`". */
export function targetList(names: readonly string[]): string {
  return names.length === 1 ? `the only target is \`${names[0]}\`` : `the targets are ${listOf(names, 'and')}`;
}
