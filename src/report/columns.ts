/**
 * What a reporter keeps per case until the run ends, as columns of numbers rather than an object
 * per case: a case costs a few bytes (its status, its level, where its text is kept), so a run
 * of 100,000 cases holds about a megabyte, and a long run's memory stays that of a short one.
 */

type NumberArray = Uint8Array | Uint32Array | Float64Array;

/** A growing column of numbers of one typed-array kind; amortised O(1) `push`. */
export class NumberColumn {
  private data: NumberArray;
  private size = 0;

  /** `make` gives an empty typed array of a length: it decides the range the column holds. */
  constructor(private readonly make: (length: number) => NumberArray) {
    this.data = make(256);
  }

  /** A column of whole numbers from 0 to 255 (statuses, levels: indexes into a {@link Names}). */
  static bytes(): NumberColumn {
    return new NumberColumn((n) => new Uint8Array(n));
  }

  /** A column of whole numbers from 0 to 4,294,967,295 (line numbers, indexes). */
  static whole(): NumberColumn {
    return new NumberColumn((n) => new Uint32Array(n));
  }

  /** A column of any number (durations, byte offsets past 4 GB). */
  static numbers(): NumberColumn {
    return new NumberColumn((n) => new Float64Array(n));
  }

  get length(): number {
    return this.size;
  }

  /** Appends `value`; returns its index. */
  push(value: number): number {
    if (this.size === this.data.length) {
      const grown = this.make(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.size] = value;
    return this.size++;
  }

  get(index: number): number {
    return this.data[index]!;
  }
}

/**
 * Strings that recur from case to case (suite ids, file names, statuses), each kept once and
 * named by a small number, in the order first seen.
 */
export class Names<T extends string = string> {
  private readonly ids = new Map<T, number>();
  private readonly list: T[] = [];

  /** The number of `name`, given it on first sight. */
  id(name: T): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.list.push(name) - 1;
      this.ids.set(name, id);
    }
    return id;
  }

  name(id: number): T {
    return this.list[id]!;
  }

  /** How many different names it holds. */
  get size(): number {
    return this.list.length;
  }
}
