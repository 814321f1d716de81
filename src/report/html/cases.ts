import type { Level, Status } from '../../model/index.js';
import { NumberColumn, Names } from '../columns.js';
import type { RenderedCase } from './page.js';

/** Where the page lists the cases that need reading: failed, then error, skipped, passed. */
const STATUS_ORDER: Record<Status, number> = { failed: 0, error: 1, skipped: 2, passed: 3 };

/**
 * The rendered cases of a run, as the page needs them: a case that passed (the many, in a long
 * run) is a few numbers in columns (its status, level, file and line; its HTML is kept under its index);
 * any other case, or one the baseline names, is kept whole, for the verdict and the summary.
 */
export class PageCases {
  /** The cases that did not pass or that the baseline names, by index, in the order they ended. */
  private readonly notable = new Map<number, RenderedCase>();
  private readonly statuses = new Names<Status>();
  private readonly levels = new Names<Level>();
  private readonly files = new Names();
  private readonly status = NumberColumn.bytes();
  private readonly level = NumberColumn.bytes();
  private readonly file = NumberColumn.whole();
  private readonly line = NumberColumn.numbers();

  get length(): number {
    return this.status.length;
  }

  /** Keeps `c`, the case numbered `length + 1`, whose HTML is kept under its index (`length`). */
  add(c: RenderedCase): void {
    if (c.n !== this.length + 1 || c.html !== this.length) throw new Error(`html: case ${c.n}, its HTML kept under ${c.html}, came as case ${this.length + 1}`);
    if (c.status !== 'passed' || c.baseline !== undefined) this.notable.set(this.length, c);
    this.status.push(this.statuses.id(c.status));
    this.level.push(this.levels.id(c.level));
    this.file.push(this.files.id(c.file));
    this.line.push(c.line);
  }

  /** The case at `index` (numbered `index + 1`). */
  at(index: number): RenderedCase {
    return (
      this.notable.get(index) ?? {
        id: '',
        level: this.levels.name(this.level.get(index)),
        status: this.statuses.name(this.status.get(index)),
        n: index + 1,
        headline: '',
        html: index,
        file: this.files.name(this.file.get(index)),
        line: this.line.get(index),
      }
    );
  }

  /** Every case, in the order they ended. */
  *all(): IterableIterator<RenderedCase> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  /** Every case that did not pass or that the baseline names, in the order they ended: all a verdict needs to name. */
  notables(): RenderedCase[] {
    return [...this.notable.values()];
  }

  /** How many cases have `status`, and how many `level`. */
  countOf(what: { status: Status } | { level: Level }): number {
    const [names, column, name] = 'status' in what ? [this.statuses as Names, this.status, what.status] : [this.levels as Names, this.level, what.level];
    let n = 0;
    for (let i = 0; i < this.length; i++) if (names.name(column.get(i)) === name) n++;
    return n;
  }

  /**
   * The indexes of the cases in the page's order: cases that need reading first, then by place
   * in the suites (file, then line), as they are written; cases alike stay in the order they ended.
   */
  ordered(): Uint32Array {
    const rank = this.fileRanks();
    const statusRank = (i: number): number => STATUS_ORDER[this.statuses.name(this.status.get(i))] ?? 9;
    return Uint32Array.from({ length: this.length }, (_, i) => i).sort(
      (a, b) => statusRank(a) - statusRank(b) || rank[this.file.get(a)]! - rank[this.file.get(b)]! || this.line.get(a) - this.line.get(b) || a - b,
    );
  }

  /** Each file's place among the files by `localeCompare`; files it finds equal share one. */
  private fileRanks(): number[] {
    const ids = Array.from({ length: this.files.size }, (_, i) => i).sort((a, b) => this.files.name(a).localeCompare(this.files.name(b)));
    const rank: number[] = new Array<number>(ids.length);
    ids.forEach((id, k) => {
      rank[id] = k > 0 && this.files.name(ids[k - 1]!).localeCompare(this.files.name(id)) === 0 ? rank[ids[k - 1]!]! : k;
    });
    return rank;
  }
}
