import { escapeToken } from '../json/pointer.js';

/** Where a schema object sits: its document's key in ajv and a URI-fragment JSON pointer. */
export interface SchemaLocation {
  key: string;
  /** Escaped and percent-encoded, ready to follow a "#". */
  fragment: string;
}

/**
 * Maps every object of the loaded schema documents to where it sits. ajv reports a failed
 * oneOf/anyOf with its `parentSchema` object, not an absolute location; this lets us ask ajv
 * for that combinator's branches by URI and validate each on its own.
 */
export class SchemaLocations {
  readonly #byObject = new WeakMap<object, SchemaLocation>();

  /** Indexes a whole document registered in ajv under `key`. */
  add(document: unknown, key: string): void {
    this.#walk(document, key, '');
  }

  /** The location of a schema object, when it came from a loaded document. */
  get(schema: unknown): SchemaLocation | undefined {
    return schema !== null && typeof schema === 'object' ? this.#byObject.get(schema) : undefined;
  }

  #walk(node: unknown, key: string, fragment: string): void {
    if (node === null || typeof node !== 'object') return;
    if (!Array.isArray(node)) this.#byObject.set(node, { key, fragment });
    for (const [token, child] of Object.entries(node)) {
      this.#walk(child, key, `${fragment}/${encodeURIComponent(escapeToken(token))}`);
    }
  }
}
