/** How config messages name places and values: "target `contoso`", "the string `2`". */
import { listOf } from '../../common/words.js';
import type { Path } from '../../load/index.js';

/** The mapping at `path` as a noun phrase: "the config file", "target `contoso`", "`clientSecret`". */
export function where(path: Path): string {
  if (path.length === 0) return 'the config file';
  if (path.length === 2 && path[0] === 'targets') return `target \`${String(path[1])}\``;
  return label(path);
}

/** The value at `path` named for a message: "`concurrency`", "item 2 of `tags`". */
export function label(path: Path): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the config file';
  if (typeof last === 'number') return `item ${last + 1} of \`${String(path[path.length - 2])}\``;
  return `\`${last}\``;
}

// The nouns for types and values, and the key a value sits under, are the loader's, so config and
// suite messages read alike.
export { listOf };
export { decodePath, keyOf, short, typeNoun, valueNoun } from '../../load/describe.js';

/** "the targets are `a` and `b`", or "the only target is `a`". */
export function targetList(names: readonly string[]): string {
  return names.length === 1 ? `the only target is \`${names[0]}\`` : `the targets are ${listOf(names, 'and')}`;
}
