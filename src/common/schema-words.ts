/**
 * How schema messages name places, types and values, for the suite loader and the config file
 * alike, so both read the same: "item 2 of `tags`", "a whole number", "the string `2`".
 */

/** A place in a parsed document: keys and list indexes from the root. */
export type Path = readonly (string | number)[];

/** Splits an ajv instancePath into keys and list indexes, following the data's shape. */
export function decodePath(instancePath: string, data: unknown): (string | number)[] {
  if (instancePath === '') return [];
  const out: (string | number)[] = [];
  let at: unknown = data;
  for (const raw of instancePath.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(at)) {
      out.push(Number(key));
      at = at[Number(key)];
    } else {
      out.push(key);
      at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
    }
  }
  return out;
}

/** The value at `path` named for a message: "`method`", "item 2 of `status`", or `root` for the whole document. */
export function label(path: Path, root: string): string {
  const last = path[path.length - 1];
  if (last === undefined) return root;
  if (typeof last === 'number') return `item ${last + 1} of \`${String(path[path.length - 2])}\``;
  return `\`${last}\``;
}

/** The key a value sits under, for lookups in the schema (`status` for a status list item). */
export function keyOf(path: Path): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return '';
}

const TYPE_NOUNS: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: '`true` or `false`',
  object: 'a mapping',
  array: 'a list',
  null: 'null',
};

/** "a list", "a string or a mapping". */
export function typeNoun(types: readonly string[]): string {
  const nouns = types.map((t) => TYPE_NOUNS[t] ?? t);
  return nouns.length <= 1 ? (nouns[0] ?? 'something else') : `${nouns.slice(0, -1).join(', ')} or ${nouns[nouns.length - 1]}`;
}

/** What a value is, for "… not X": "a list", "empty", "the number 4". */
export function valueNoun(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string \`${short(value)}\``;
  if (typeof value === 'number') return `the number ${value}`;
  return `\`${String(value)}\``;
}

/** A value quoted for a message, cut short when long. */
export function short(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The JSON type of a value as JSON Schema names it. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}
