/** Ids shorter than this are not treated as captured: `1` or `ok` would match ordinary path segments. */
const MIN_ID_LENGTH = 6;

/**
 * The ids an answer hands out: the `id` of the body and of each element of its `value` list,
 * as Graph answers a create, a get and a list. A later request that names one of them refers to
 * what that answer created.
 */
export function idsIn(body: Buffer): string[] {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return [];
  }
  const found: string[] = [];
  const take = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
    const id = (node as Record<string, unknown>).id;
    if (typeof id === 'string' && id.length >= MIN_ID_LENGTH) found.push(id);
  };
  take(json);
  const list = json !== null && typeof json === 'object' ? (json as Record<string, unknown>).value : undefined;
  if (Array.isArray(list)) list.forEach(take);
  return found;
}

/** The decoded segments of a path, without the query. */
export function segments(path: string): string[] {
  return (path.split('?')[0] ?? '').split('/').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
}
