import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from '../common/yaml.js';
import { yamlProblem } from './yaml-errors.js';
import type { Document, Node, Pair } from 'yaml';
import type { Diagnostic, SourceSpan } from '../model/index.js';

/** A path into a parsed file: map keys and sequence indexes, as in an ajv instancePath. */
export type Path = readonly (string | number)[];

/** A node's place in the text as offsets: start inclusive, end exclusive. */
interface Range {
  start: number;
  end: number;
}

/**
 * One parsed YAML file: its plain value plus a way back from any path to the text, so every
 * message can point at the exact key or value it is about.
 */
export class YamlFile {
  private readonly lines = new LineCounter();
  readonly doc: Document.Parsed;
  /** The file as plain JSON-like data (what the schema validates). */
  readonly data: unknown = undefined;
  /** Problems found while reading: YAML syntax, duplicate keys, mappings used as keys. */
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    /** The path shown in messages. */
    readonly file: string,
    readonly text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    // After the first syntax error the parser's view of the rest is guesswork: report that one
    // (the rest are echoes of it), plus duplicate keys, which stand on their own.
    const syntax = this.doc.errors.find((e) => e.code !== 'DUPLICATE_KEY');
    for (const e of this.doc.errors) if (e === syntax || e.code === 'DUPLICATE_KEY') this.diagnostics.push(yamlProblem(this, e.code, e.message, e.pos, 'error'));
    for (const w of this.doc.warnings) this.diagnostics.push(yamlProblem(this, w.code, w.message, w.pos, 'warning'));
    if (syntax === undefined) this.data = this.plain(this.doc.contents, 0);
  }

  /**
   * True when `data` says what the file says: it parsed, and did not blow up. Duplicate keys
   * and unquoted templates are reported but leave the rest worth checking.
   */
  get readable(): boolean {
    return this.data !== undefined && this.budget > 0;
  }

  /** True when the document holds nothing but comments and whitespace. */
  get empty(): boolean {
    return this.doc.contents === null || (isScalar(this.doc.contents) && this.doc.contents.value === null && this.doc.contents.range[0] === this.doc.contents.range[1]);
  }

  /** The value node at `path`, or undefined when the path does not exist. */
  node(path: Path): Node | undefined {
    let node: unknown = this.doc.contents;
    for (const segment of path) {
      node = this.deref(node);
      if (isMap(node)) node = findPair(node.items, segment)?.value;
      else if (isSeq(node)) node = node.items[Number(segment)];
      else return undefined;
    }
    const found = this.deref(node);
    return isNode(found) ? found : undefined;
  }

  /** The key/value pair that holds the value at `path` (undefined for the root and list items). */
  pair(path: Path): Pair | undefined {
    if (path.length === 0) return undefined;
    const parent = this.deref(this.node(path.slice(0, -1)));
    return isMap(parent) ? findPair(parent.items, path[path.length - 1] as string | number) : undefined;
  }

  /** Where the value at `path` is; falls back to the nearest enclosing node that exists. */
  valueSpan(path: Path): SourceSpan {
    const node = this.node(path);
    if (node?.range && node.range[1] > node.range[0]) return this.span(node.range);
    return this.keySpan(path);
  }

  /** Where the key of the value at `path` is (for list items and the root: the value itself). */
  keySpan(path: Path): SourceSpan {
    const key = this.pair(path)?.key;
    if (isNode(key) && key.range) return this.span(key.range);
    const node = this.node(path);
    if (node?.range && node.range[1] > node.range[0]) return this.span(node.range);
    return path.length > 0 ? this.keySpan(path.slice(0, -1)) : this.span([0, 0]);
  }

  /** From the key to the end of the value (`status: 201`); for list items, the item. */
  pairSpan(path: Path): SourceSpan {
    const pair = this.pair(path);
    const key = pair?.key;
    const value = pair?.value;
    if (isNode(key) && key.range) {
      const end = isNode(value) && value.range && value.range[1] > value.range[0] ? value.range[1] : key.range[1];
      return this.span([key.range[0], end]);
    }
    return this.valueSpan(path);
  }

  /** A span for offsets `[start, end)` of this file; trailing blank lines are left out. */
  span(range: readonly number[]): SourceSpan {
    const r = this.trim({ start: range[0] ?? 0, end: range[1] ?? range[0] ?? 0 });
    const start = this.lines.linePos(r.start);
    const end = this.lines.linePos(r.end);
    return { file: this.file, line: start.line, col: start.col, endLine: end.line, endCol: end.col };
  }

  /** The text of a node as written (quotes included). */
  source(node: Node): string {
    return node.range ? this.text.slice(node.range[0], node.range[1]) : '';
  }

  private trim(r: Range): Range {
    let end = Math.max(r.start, Math.min(r.end, this.text.length));
    while (end > r.start && /\s/.test(this.text[end - 1] ?? '')) end--;
    return { start: r.start, end };
  }

  private deref(node: unknown): unknown {
    // Aliases point back at their anchor; a cycle-free document needs a few hops at most.
    for (let hops = 0; isAlias(node) && hops < 64; hops++) node = node.resolve(this.doc);
    return node;
  }

  /** Values left before the file counts as too large (aliases can expand exponentially). */
  private budget = MAX_VALUES;

  /** Plain data from the AST. Not `doc.toJS()`: that warns on stderr about mapping keys. */
  private plain(node: unknown, depth: number): unknown {
    node = this.deref(node);
    if (--this.budget === 0 || depth === MAX_DEPTH) {
      const what = this.budget === 0 ? `more than ${MAX_VALUES} values` : `more than ${MAX_DEPTH} levels`;
      this.diagnostics.push({ code: 'too-large', message: `the file expands to ${what}`, hint: 'a suite is far smaller; look for aliases (*name) that repeat large parts', span: this.span(isNode(node) && node.range ? node.range : [0, 0]), severity: 'error' });
    }
    if (this.budget <= 0 || depth >= MAX_DEPTH) return null;
    if (isScalar(node)) return node.value;
    if (isSeq(node)) return node.items.map((item) => this.plain(item, depth + 1));
    if (!isMap(node)) return null;
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = this.deref(pair.key);
      if (!isScalar(key) && isNode(key)) {
        // `equals: {{templateId}}` unquoted is a flow mapping whose key is a mapping.
        const text = this.source(node);
        if (text.startsWith('{{')) {
          this.diagnostics.push({
            code: 'unquoted-template',
            message: `\`${text}\` without quotes is read by YAML as a mapping, not a template`,
            hint: `quote it: "${text}"`,
            span: this.span(node.range ?? [0, 0]),
            severity: 'error',
          });
          return text;
        }
        this.diagnostics.push({ code: 'yaml-syntax', message: 'a mapping or list used as a key', hint: 'keys must be plain strings', span: this.span(key.range ?? [0, 0]), severity: 'error' });
        continue;
      }
      const name = isScalar(key) ? String(key.value ?? '') : '';
      const value = this.plain(pair.value, depth + 1);
      // `__proto__: …` must become a key, not replace the object's prototype.
      if (name === '__proto__') Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
      else out[name] = value;
    }
    return out;
  }
}

/** Far beyond any real suite; reached only by alias bombs and generated junk. */
const MAX_VALUES = 200_000;
const MAX_DEPTH = 200;

/** True for any YAML node, aliases included. */
function isNode(value: unknown): value is Node {
  return isScalar(value) || isMap(value) || isSeq(value) || isAlias(value);
}

function findPair(items: readonly Pair[], segment: string | number): Pair | undefined {
  const wanted = String(segment);
  return items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value ?? '') === wanted);
}
