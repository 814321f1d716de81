import { label as pathLabel, type Path } from '../common/schema-words.js';

/** The thing at `path` in a suite file as a noun phrase: "the suite", "a step", "`request`". */
export function where(path: Path): string {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (last === undefined) return 'the suite';
  if (typeof last === 'number') return ITEM_NOUNS[String(parent)] ?? `item ${last + 1} of \`${String(parent)}\``;
  if (parent === 'headers' && path[path.length - 3] === 'expect') return `the expectation on header \`${last}\``;
  if (parent === 'json' && path[path.length - 3] === 'expect') return `the predicates for \`${last}\``;
  if (parent === 'capture') return `capture \`${last}\``;
  if (last === 'schema') return 'a schema reference';
  return `\`${last}\``;
}

const ITEM_NOUNS: Record<string, string> = { cases: 'a case', steps: 'a step', cleanup: 'a cleanup step', schema: 'a schema reference' };

/** The value at `path` in a suite file named for a message: "`method`", "item 2 of `status`". */
export function label(path: Path): string {
  return pathLabel(path, 'the suite file');
}
