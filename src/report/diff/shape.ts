/** The JSON type of a value as a shape names it. */
export type JsonType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/**
 * The shape of a JSON body: each JSON pointer to the type found there. Array items are merged
 * under `/*` (a type seen in any item counts), so two lists of different lengths have the same
 * shape when their items do. Bounded by `maxPaths`, so a huge body stays a small summary.
 */
export type Shape = Map<string, Set<JsonType>>;

export function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  return t === 'object' ? 'object' : t === 'number' || t === 'bigint' ? 'number' : t === 'boolean' ? 'boolean' : 'string';
}

export function shapeOf(body: unknown, maxPaths = 2000): Shape {
  const shape: Shape = new Map();
  const add = (path: string, t: JsonType): void => {
    const seen = shape.get(path);
    if (seen) seen.add(t);
    else if (shape.size < maxPaths) shape.set(path, new Set([t]));
  };
  const walk = (value: unknown, path: string, depth: number): void => {
    const t = typeOf(value);
    add(path, t);
    if (depth > 32) return;
    if (t === 'array') for (const item of value as unknown[]) walk(item, `${path}/*`, depth + 1);
    else if (t === 'object') for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1);
  };
  if (body !== undefined) walk(body, '', 0);
  return shape;
}

/** How two shapes differ: pointers present on one side only, and pointers whose types differ. */
export interface ShapeDifference {
  onlyA: string[];
  onlyB: string[];
  types: { pointer: string; a: JsonType[]; b: JsonType[] }[];
}

export function compareShapes(a: Shape, b: Shape): ShapeDifference {
  // Below a property missing on one side, everything is missing too: name the top one only.
  const top = (paths: string[]) => paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(`${q}/`)));
  const onlyA = top([...a.keys()].filter((p) => !b.has(p)));
  const onlyB = top([...b.keys()].filter((p) => !a.has(p)));
  const types: ShapeDifference['types'] = [];
  for (const [pointer, ta] of a) {
    const tb = b.get(pointer);
    if (!tb) continue;
    const x = [...ta].sort();
    const y = [...tb].sort();
    if (x.join() !== y.join()) types.push({ pointer, a: x, b: y });
  }
  return { onlyA, onlyB, types };
}
