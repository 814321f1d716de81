import { isAlias, isMap, isScalar, isSeq, yamlPackage } from '../common/yaml.js';
import { duplicateKeys, yamlProblem } from './yaml-errors.js';
import { readYamlSubset } from './yaml-subset.js';
import type { Document, Node } from 'yaml';
import type { Diagnostic, SourceSpan } from '../model/index.js';
import type { SourceMap, SourceNode, SourcePair, SourceScalar } from './source-node.js';

export type { SourceMap, SourceNode, SourcePair, SourceScalar, SourceSeq } from './source-node.js';

/** A path into a parsed file: map keys and sequence indexes, as in an ajv instancePath. */
export type Path = readonly (string | number)[];

/** A node's place in the text as offsets: start inclusive, end exclusive. */
interface Range {
  start: number;
  end: number;
}

/** How a file is read: the quick reader when it takes the whole file, else the `yaml` package. */
export type YamlReader = 'quick' | 'full';

/**
 * One parsed YAML file: its plain value plus a way back from any path to the text, so every
 * message can point at the exact key or value it is about.
 */
export class YamlFile {
  private readonly lineStarts: readonly number[];
  /** The file as plain JSON-like data (what the schema validates). */
  readonly data: unknown = undefined;
  /** Problems found while reading: YAML syntax, duplicate keys, mappings used as keys. */
  readonly diagnostics: Diagnostic[] = [];
  /** The document's nodes, with their places; undefined when the file did not parse. */
  readonly root: SourceNode | undefined;
  /** True when the document holds nothing but comments and whitespace. */
  readonly empty: boolean = false;
  /** Which reader read the file: `quick` for the block style suites are written in, `full` for the rest. */
  readonly reader: YamlReader;

  constructor(
    /** The path shown in messages. */
    readonly file: string,
    readonly text: string,
    /** `full` skips the quick reader (for tests that compare the two). */
    reader: YamlReader = 'quick',
  ) {
    const quick = reader === 'quick' ? readYamlSubset(text) : undefined;
    if (quick !== undefined) {
      this.reader = 'quick';
      this.lineStarts = quick.lineStarts;
      this.root = quick.root;
      this.data = quick.data;
      return;
    }
    this.reader = 'full';
    const yaml = yamlPackage();
    const lines = new yaml.LineCounter();
    this.lineStarts = lines.lineStarts;
    // Duplicate keys are found by duplicateKeys, in one pass: the package's uniqueKeys is quadratic.
    const doc = yaml.parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
    this.empty = doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null && doc.contents.range[0] === doc.contents.range[1]);
    // After the first syntax error the parser's view of the rest is guesswork: report that one
    // (the rest are echoes of it), plus duplicate keys, which stand on their own.
    const syntax = doc.errors[0];
    if (syntax !== undefined) this.diagnostics.push(yamlProblem(this, syntax.code, syntax.message, syntax.pos, 'error'));
    this.diagnostics.push(...duplicateKeys(this, doc));
    for (const w of doc.warnings) this.diagnostics.push(yamlProblem(this, w.code, w.message, w.pos, 'warning'));
    if (syntax === undefined) {
      const read = new FullTree(this, doc).read(doc.contents, 0);
      this.data = read.value;
      this.root = read.node;
    }
  }

  /**
   * True when `data` says what the file says: it parsed, and did not blow up. Duplicate keys
   * and unquoted templates are reported but leave the rest worth checking.
   */
  get readable(): boolean {
    return this.data !== undefined && !this.diagnostics.some((d) => d.code === 'too-large');
  }

  /** The value node at `path`, or undefined when the path does not exist. */
  node(path: Path): SourceNode | undefined {
    let node: SourceNode | undefined = this.root;
    for (const segment of path) {
      if (node?.kind === 'map') node = findPair(node, segment)?.value;
      else if (node?.kind === 'seq') node = node.items[Number(segment)];
      else return undefined;
    }
    return node;
  }

  /** The key/value pair that holds the value at `path` (undefined for the root and list items). */
  pair(path: Path): SourcePair | undefined {
    if (path.length === 0) return undefined;
    const parent = this.node(path.slice(0, -1));
    return parent?.kind === 'map' ? findPair(parent, path[path.length - 1]!) : undefined;
  }

  /** Where the value at `path` is; falls back to the nearest enclosing node that exists. */
  valueSpan(path: Path): SourceSpan {
    const node = this.node(path);
    if (node !== undefined && node.end > node.start) return this.span([node.start, node.end]);
    return this.keySpan(path);
  }

  /** Where the key of the value at `path` is (for list items and the root: the value itself). */
  keySpan(path: Path): SourceSpan {
    const key = this.pair(path)?.key;
    if (key !== undefined) return this.span([key.start, key.end]);
    const node = this.node(path);
    if (node !== undefined && node.end > node.start) return this.span([node.start, node.end]);
    return path.length > 0 ? this.keySpan(path.slice(0, -1)) : this.span([0, 0]);
  }

  /** From the key to the end of the value (`status: 201`); for list items, the item. */
  pairSpan(path: Path): SourceSpan {
    const pair = this.pair(path);
    if (pair !== undefined) {
      const value = pair.value;
      const end = value !== undefined && value.end > value.start ? value.end : pair.key.end;
      return this.span([pair.key.start, end]);
    }
    return this.valueSpan(path);
  }

  /** A span for offsets `[start, end)` of this file; trailing blank lines are left out. */
  span(range: readonly number[]): SourceSpan {
    const r = this.trim({ start: range[0] ?? 0, end: range[1] ?? range[0] ?? 0 });
    const start = this.linePos(r.start);
    const end = this.linePos(r.end);
    return { file: this.file, line: start.line, col: start.col, endLine: end.line, endCol: end.col };
  }

  /** The text of a node as written (quotes included). */
  source(node: SourceNode): string {
    return this.text.slice(node.start, node.end);
  }

  /** Line and column (both from 1) of an offset, as `yaml`'s LineCounter gives them. */
  private linePos(offset: number): { line: number; col: number } {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    if (starts[low] === offset) return { line: low + 1, col: 1 };
    if (low === 0) return { line: 0, col: offset };
    return { line: low, col: offset - starts[low - 1]! + 1 };
  }

  private trim(r: Range): Range {
    let end = Math.max(r.start, Math.min(r.end, this.text.length));
    while (end > r.start && /\s/.test(this.text[end - 1] ?? '')) end--;
    return { start: r.start, end };
  }
}

/** Far beyond any real suite; reached only by alias bombs and generated junk. */
const MAX_VALUES = 200_000;
const MAX_DEPTH = 200;

/**
 * Plain data and source nodes from the `yaml` package's document, aliases expanded. Not
 * `doc.toJS()`: that warns on stderr about mapping keys.
 */
class FullTree {
  /** Values left before the file counts as too large (aliases can expand exponentially). */
  private budget = MAX_VALUES;

  constructor(
    private readonly file: YamlFile,
    private readonly doc: Document.Parsed,
  ) {}

  read(node: unknown, depth: number): { value: unknown; node: SourceNode | undefined } {
    node = this.deref(node);
    if (--this.budget === 0 || depth === MAX_DEPTH) {
      const what = this.budget === 0 ? `more than ${MAX_VALUES} values` : `more than ${MAX_DEPTH} levels`;
      this.file.diagnostics.push({ code: 'too-large', message: `the file expands to ${what}`, hint: 'a suite is far smaller; look for aliases (*name) that repeat large parts', span: this.file.span(rangeOf(node)), severity: 'error' });
    }
    if (this.budget <= 0 || depth >= MAX_DEPTH) return { value: null, node: undefined };
    const [start, end] = rangeOf(node);
    if (isScalar(node)) return { value: node.value, node: { kind: 'scalar', value: node.value, start, end } };
    if (isSeq(node)) {
      const read = node.items.map((item) => this.read(item, depth + 1));
      return { value: read.map((r) => r.value), node: { kind: 'seq', items: read.map((r) => r.node), start, end } };
    }
    if (!isMap(node)) return { value: null, node: undefined };
    const out: Record<string, unknown> = {};
    const pairs: SourcePair[] = [];
    const map: SourceMap = { kind: 'map', pairs, start, end };
    // Where each key a merge brought sits in `pairs`, for a key written out to take its place.
    const mergedAt = new Map<string, number>();
    for (const pair of node.items) {
      const key = this.deref(pair.key);
      if (!isScalar(key) && isNode(key)) {
        // `equals: {{templateId}}` unquoted is a flow mapping whose key is a mapping.
        const text = this.file.text.slice(start, end);
        if (text.startsWith('{{')) {
          this.file.diagnostics.push({
            code: 'unquoted-template',
            message: `\`${text}\` without quotes is read by YAML as a mapping, not a template`,
            hint: `quote it: "${text}"`,
            span: this.file.span([start, end]),
            severity: 'error',
          });
          return { value: text, node: { kind: 'map', pairs: [], start, end } };
        }
        this.file.diagnostics.push({ code: 'yaml-syntax', message: 'a mapping or list used as a key', hint: 'keys must be plain strings', span: this.file.span(rangeOf(key)), severity: 'error' });
        continue;
      }
      if (isScalar(key) && isMergeKey(key.value)) {
        this.merge(pair.value, out, pairs, mergedAt, depth);
        continue;
      }
      const name = isScalar(key) ? String(key.value ?? '') : '';
      const value = this.read(pair.value, depth + 1);
      // `__proto__: …` must become a key, not replace the object's prototype.
      if (name === '__proto__') Object.defineProperty(out, name, { value: value.value, enumerable: true, writable: true, configurable: true });
      else out[name] = value.value;
      if (isScalar(key)) {
        const [keyStart, keyEnd] = rangeOf(key);
        const keyNode: SourceScalar = { kind: 'scalar', value: key.value, start: keyStart, end: keyEnd };
        // A key written out overrides the one a merge brought, and is what its path points at.
        const at = mergedAt.get(name);
        if (at === undefined) pairs.push({ key: keyNode, value: value.node });
        else pairs[at] = { key: keyNode, value: value.node };
        mergedAt.delete(name);
      }
    }
    return { value: out, node: map };
  }

  /**
   * A YAML 1.1 merge (`<<: *defaults`, or a list of them): each merged mapping's keys that the
   * mapping does not have yet join it, as the `yaml` package merges them; keys written later in
   * the mapping override them.
   */
  private merge(value: unknown, out: Record<string, unknown>, pairs: SourcePair[], mergedAt: Map<string, number>, depth: number): void {
    const resolved = this.deref(value);
    const sources = isSeq(resolved) ? resolved.items : [resolved];
    for (const source of sources) {
      const read = this.read(source, depth + 1);
      if (read.node?.kind !== 'map' || read.value === null || typeof read.value !== 'object') {
        this.file.diagnostics.push({ code: 'yaml-syntax', message: 'a merge key `<<` must be followed by a mapping or a list of mappings', hint: 'merge an anchored mapping: `<<: *name`', span: this.file.span(rangeOf(this.deref(source))), severity: 'error' });
        continue;
      }
      const merged = read.value as Record<string, unknown>;
      for (const pair of read.node.pairs) {
        const name = String(pair.key.value ?? '');
        if (Object.prototype.hasOwnProperty.call(out, name) || !Object.prototype.hasOwnProperty.call(merged, name)) continue;
        Object.defineProperty(out, name, { value: merged[name], enumerable: true, writable: true, configurable: true });
        mergedAt.set(name, pairs.push(pair) - 1);
      }
    }
  }

  private deref(node: unknown): unknown {
    // Aliases point back at their anchor; a cycle-free document needs a few hops at most.
    for (let hops = 0; isAlias(node) && hops < 64; hops++) node = node.resolve(this.doc);
    return node;
  }
}

/** YAML 1.1's merge key, which the `yaml` package reads as the symbol `<<`. */
function isMergeKey(value: unknown): boolean {
  return typeof value === 'symbol' && value.description === '<<';
}

function rangeOf(node: unknown): [number, number] {
  const range = isNode(node) ? node.range : undefined;
  return range ? [range[0], range[1]] : [0, 0];
}

/** True for any YAML node, aliases included. */
function isNode(value: unknown): value is Node {
  return isScalar(value) || isMap(value) || isSeq(value) || isAlias(value);
}

function findPair(map: SourceMap, segment: string | number): SourcePair | undefined {
  const wanted = String(segment);
  return map.pairs.find((p) => String(p.key.value ?? '') === wanted);
}
