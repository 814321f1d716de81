/**
 * A parsed YAML file's nodes, reduced to what messages need: each node's kind, its value (for
 * scalars) and where it is in the text. Both readers build them: the quick reader of the common
 * block style (yaml-subset.ts) and the full `yaml` parser (yaml-file.ts), so the rest of the
 * loader never depends on which one read a file.
 */
export type SourceNode = SourceScalar | SourceMap | SourceSeq;

/** A node's place in the text as offsets: start inclusive, end exclusive (`yaml`'s `range[0]` and `range[1]`). */
interface Placed {
  readonly start: number;
  readonly end: number;
}

/** A scalar: its resolved value (string, number, boolean or null) as YAML's core schema reads it. */
export interface SourceScalar extends Placed {
  readonly kind: 'scalar';
  readonly value: unknown;
}

/** A mapping. Only pairs whose key is a scalar are kept: no other key can be named by a path. */
export interface SourceMap extends Placed {
  readonly kind: 'map';
  readonly pairs: readonly SourcePair[];
}

/** One key and its value (undefined when YAML gives the key no value node). */
export interface SourcePair {
  readonly key: SourceScalar;
  readonly value: SourceNode | undefined;
}

/** A sequence. */
export interface SourceSeq extends Placed {
  readonly kind: 'seq';
  readonly items: readonly (SourceNode | undefined)[];
}
