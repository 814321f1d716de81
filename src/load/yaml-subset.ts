import type { SourceMap, SourceNode, SourcePair, SourceScalar, SourceSeq } from './source-node.js';

/**
 * What the quick reader gives for a file it fully understands: the plain data, the nodes with
 * their places, and where each line starts (for line:col).
 */
export interface SubsetDocument {
  readonly data: unknown;
  readonly root: SourceNode;
  readonly lineStarts: readonly number[];
}

/**
 * Reads the block-style YAML that suites are written in ten or more times faster than the
 * `yaml` package's `parseDocument`, which builds a concrete and an abstract syntax tree for
 * every file: on a 1000-case suite that parse was most of loading.
 *
 * It gives up (undefined) on anything outside a conservative subset, and the caller then parses
 * with `yaml`, which also explains every error. The subset: block mappings and sequences,
 * comments, single-line plain and quoted scalars, single-line flow collections, and literal or
 * folded block scalars without an indentation indicator. Left to `yaml`: anything YAML reports
 * as an error or a warning, anchors, aliases, tags, directives, document markers, explicit keys,
 * multi-line plain, quoted or flow values, tabs, carriage returns, duplicate keys, an empty
 * document, and a few places where `yaml`'s node ranges are irregular. What it accepts it reads
 * exactly as `yaml` 2 (YAML 1.2, core schema) does, with the same values and node ranges; the
 * differential test in test/load/yaml-subset.test.ts holds it to that.
 */
export function readYamlSubset(text: string): SubsetDocument | undefined {
  if (UNSUPPORTED_TEXT.test(text)) return undefined;
  try {
    return new SubsetReader(text).document();
  } catch (e) {
    if (e === OUTSIDE) return undefined;
    throw e;
  }
}

/** Characters and line starts the subset leaves to `yaml`. */
const UNSUPPORTED_TEXT = /[\t\r\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u2028\u2029]|^(?:---|\.\.\.)(?:[ \n]|$)|^%/m;

/** Thrown inside the reader to give up; never escapes {@link readYamlSubset}. */
const OUTSIDE: unique symbol = Symbol('outside the YAML subset');
function outside(): never {
  throw OUTSIDE;
}

/** Far below the full reader's own limits: larger files are left to it and its diagnostics. */
const MAX_NODES = 100_000;
const MAX_DEPTH = 100;
/** YAML's limit on an implicit key's length. */
const MAX_KEY = 1000;

const BLANK = 0;
const COMMENT = 1;
const CONTENT = 2;

/** A node read from the text, its plain value, and the offset `yaml` gives as its node end (`range[2]`). */
interface Read {
  node: SourceNode;
  value: unknown;
  nodeEnd: number;
  /** The first line after the node. */
  next: number;
  /**
   * True for an empty value followed by blank or comment lines: `yaml` stretches its node end
   * over them in ways the subset does not follow, which matters only when it ends a collection.
   */
  looseEnd?: boolean;
}

class SubsetReader {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly indents: number[] = [];
  private readonly kinds: number[] = [];
  private nodes = 0;

  constructor(private readonly text: string) {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      let i = start;
      while (i < end && text.charCodeAt(i) === 32) i++;
      this.starts.push(start);
      this.ends.push(end);
      this.indents.push(i - start);
      this.kinds.push(i === end ? BLANK : text.charCodeAt(i) === 35 ? COMMENT : CONTENT);
      if (nl < 0) break;
      start = nl + 1;
    }
  }

  document(): SubsetDocument {
    const first = this.nextContent(0);
    if (first === this.lineCount || this.indents[first] !== 0) outside();
    const read = this.block(first, 0, 0);
    if (this.nextContent(read.next) !== this.lineCount) outside();
    return { data: read.value, root: read.node, lineStarts: this.starts };
  }

  private get lineCount(): number {
    return this.starts.length;
  }

  /**
   * The first content line at or after `line`. Comment lines on the way must not be indented
   * deeper than the content line that follows them: `yaml` counts such a comment into the
   * collection before it, which changes that collection's range.
   */
  private nextContent(line: number): number {
    let deepestComment = -1;
    let i = line;
    while (i < this.lineCount && this.kinds[i] !== CONTENT) {
      if (this.kinds[i] === COMMENT) deepestComment = Math.max(deepestComment, this.indents[i]!);
      i++;
    }
    const limit = i < this.lineCount ? this.indents[i]! : 0;
    if (deepestComment > limit) outside();
    return i;
  }

  /** A block node whose first line is `line`, starting at column `col`, nested `depth` deep. */
  private block(line: number, col: number, depth: number): Read {
    if (depth > MAX_DEPTH) outside();
    const at = this.starts[line]! + col;
    if (this.isDash(at)) return this.sequence(line, col, depth);
    if (this.key(line, at) !== undefined) return this.mapping(line, col, depth);
    return outside();
  }

  private isDash(at: number): boolean {
    if (this.text.charCodeAt(at) !== 45) return false;
    const after = this.text.charCodeAt(at + 1);
    return after === 32 || after === 10 || Number.isNaN(after);
  }

  private mapping(line: number, col: number, depth: number): Read {
    const pairs: SourcePair[] = [];
    const value: Record<string, unknown> = {};
    let start = -1;
    let last: Read | undefined;
    for (;;) {
      const at = this.starts[line]! + col;
      const key = this.key(line, at) ?? outside();
      if (start < 0) start = at;
      const item = this.valueAfter(line, key.colon + 1, col, depth, true);
      this.count();
      const name = String(key.node.value ?? '');
      if (Object.prototype.hasOwnProperty.call(value, name)) outside();
      // `__proto__: …` must become a key, not replace the object's prototype.
      if (name === '__proto__') Object.defineProperty(value, name, { value: item.value, enumerable: true, writable: true, configurable: true });
      else value[name] = item.value;
      pairs.push({ key: key.node, value: item.node });
      last = item;
      const next = this.nextContent(item.next);
      if (next === this.lineCount || this.indents[next]! < col) break;
      if (this.indents[next]! > col || this.isDash(this.starts[next]! + col)) outside();
      line = next;
    }
    if (last.looseEnd === true) outside();
    const node: SourceMap = { kind: 'map', pairs, start, end: last.nodeEnd };
    return { node, value, nodeEnd: last.nodeEnd, next: last.next };
  }

  private sequence(line: number, col: number, depth: number): Read {
    const items: SourceNode[] = [];
    const value: unknown[] = [];
    let start = -1;
    let last: Read | undefined;
    for (;;) {
      const at = this.starts[line]! + col;
      if (start < 0) start = at;
      const item = this.valueAfter(line, at + 1, col, depth, false);
      this.count();
      items.push(item.node);
      value.push(item.value);
      last = item;
      const next = this.nextContent(item.next);
      if (next === this.lineCount || this.indents[next]! < col) break;
      if (this.indents[next]! > col) outside();
      // A key at the sequence's own column ends a sequence that is a mapping's value without indentation.
      if (!this.isDash(this.starts[next]! + col)) break;
      line = next;
    }
    if (last.looseEnd === true) outside();
    const node: SourceSeq = { kind: 'seq', items, start, end: last.nodeEnd };
    return { node, value, nodeEnd: last.nodeEnd, next: last.next };
  }

  /**
   * The value after a key's colon or a sequence's dash at `from` on `line`; `col` is the column
   * of the key or dash. `inMap` allows a sequence at the key's own column (`key:` then `- item`).
   */
  private valueAfter(line: number, from: number, col: number, depth: number, inMap: boolean): Read {
    const end = this.ends[line]!;
    let at = from;
    while (at < end && this.text.charCodeAt(at) === 32) at++;
    const ch = this.text.charCodeAt(at);
    if (at === end || ch === 35) {
      if (ch === 35 && at === from) outside();
      const next = this.nextContent(line + 1);
      if (next < this.lineCount) {
        const indent = this.indents[next]!;
        if (indent > col) return this.block(next, indent, depth + 1);
        if (inMap && indent === col && this.isDash(this.starts[next]! + col)) return this.block(next, col, depth + 1);
      }
      // No value: `yaml` places the empty scalar where the line's text stops.
      const node: SourceScalar = { kind: 'scalar', value: null, start: at, end: at };
      const looseEnd = line + 1 < this.lineCount && this.kinds[line + 1] !== CONTENT;
      return { node, value: null, nodeEnd: ch === 35 ? this.lineEnd(line) : at, next: line + 1, looseEnd };
    }
    if (!inMap) {
      if (this.isDash(at)) outside();
      if (this.key(line, at) !== undefined) return this.mapping(line, at - this.starts[line]!, depth + 1);
    }
    if (ch === 124 || ch === 62) return this.blockScalar(line, at, col);
    let read: { node: SourceNode; value: unknown; end: number };
    if (ch === 34 || ch === 39) read = this.quoted(at, end);
    else if (ch === 123 || ch === 91) read = this.flow(at, end, depth + 1);
    else read = this.plainValue(at, end);
    this.restOfLine(read.end, end);
    return { node: read.node, value: read.value, nodeEnd: this.lineEnd(line), next: line + 1 };
  }

  /** After a value, only spaces and a comment may follow on its line. */
  private restOfLine(at: number, end: number): void {
    let i = at;
    while (i < end && this.text.charCodeAt(i) === 32) i++;
    if (i < end && (this.text.charCodeAt(i) !== 35 || i === at)) outside();
  }

  /** The offset after the line's newline (the text's length on the last line). */
  private lineEnd(line: number): number {
    return Math.min(this.ends[line]! + 1, this.text.length);
  }

  /** The last key read, since a mapping's first key is read once to see it is one and again to read the mapping. */
  private lastKey: { at: number; key: { node: SourceScalar; colon: number } | undefined } | undefined;

  /** An implicit key at `at`: its node and the offset of its colon, or undefined when the line holds no key there. */
  private key(line: number, at: number): { node: SourceScalar; colon: number } | undefined {
    if (this.lastKey?.at === at) return this.lastKey.key;
    const key = this.readKey(line, at);
    this.lastKey = { at, key };
    return key;
  }

  private readKey(line: number, at: number): { node: SourceScalar; colon: number } | undefined {
    const end = this.ends[line]!;
    const ch = this.text.charCodeAt(at);
    let colon: number;
    let node: SourceScalar;
    if (ch === 34 || ch === 39) {
      const q = this.quotedOrUndefined(at, end);
      if (q === undefined || this.text.charCodeAt(q.end) !== 58) return undefined;
      colon = q.end;
      node = q.node as SourceScalar;
    } else {
      if (!plainStart(this.text, at)) return undefined;
      colon = -1;
      for (let i = at; i < end; i++) {
        const c = this.text.charCodeAt(i);
        if (c === 35 && this.text.charCodeAt(i - 1) === 32) return undefined;
        if (c === 58) {
          const after = this.text.charCodeAt(i + 1);
          if (i + 1 === end || after === 32) {
            colon = i;
            break;
          }
        }
      }
      if (colon < 0) return undefined;
      if (this.text.charCodeAt(colon - 1) === 32) outside();
      const raw = this.text.slice(at, colon);
      node = { kind: 'scalar', value: resolvePlain(raw), start: at, end: colon };
    }
    if (colon - at > MAX_KEY) outside();
    const after = this.text.charCodeAt(colon + 1);
    if (colon + 1 < end && after !== 32) return undefined;
    return { node, colon };
  }

  /** A plain scalar in block context, up to a comment or the end of the line. */
  private plainValue(at: number, end: number): { node: SourceScalar; value: unknown; end: number } {
    if (!plainStart(this.text, at)) outside();
    let stop = end;
    for (let i = at; i < end; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 35 && this.text.charCodeAt(i - 1) === 32) {
        stop = i;
        break;
      }
      // `a: b: c` is a mapping where YAML allows none; `yaml` reports it.
      if (c === 58 && (i + 1 === end || this.text.charCodeAt(i + 1) === 32)) outside();
    }
    while (stop > at && this.text.charCodeAt(stop - 1) === 32) stop--;
    const value = resolvePlain(this.text.slice(at, stop));
    return { node: { kind: 'scalar', value, start: at, end: stop }, value, end: stop };
  }

  private quoted(at: number, end: number): { node: SourceNode; value: unknown; end: number } {
    return this.quotedOrUndefined(at, end) ?? outside();
  }

  /** A single-line quoted scalar at `at`; undefined when it does not close on its line. */
  private quotedOrUndefined(at: number, end: number): { node: SourceNode; value: unknown; end: number } | undefined {
    const text = this.text;
    const quote = text.charCodeAt(at);
    let value = '';
    let from = at + 1;
    for (let i = at + 1; i < end; i++) {
      const c = text.charCodeAt(i);
      if (quote === 39) {
        if (c !== 39) continue;
        if (text.charCodeAt(i + 1) === 39) {
          value += text.slice(from, i + 1);
          from = ++i + 1;
          continue;
        }
      } else if (c === 92) {
        value += text.slice(from, i);
        const escaped = unescape(text, i + 1, end);
        value += escaped.text;
        i = escaped.last;
        from = i + 1;
        continue;
      } else if (c !== 34) continue;
      value += text.slice(from, i);
      return { node: { kind: 'scalar', value, start: at, end: i + 1 }, value, end: i + 1 };
    }
    return undefined;
  }

  /** A flow collection that closes on its line. */
  private flow(at: number, end: number, depth: number): { node: SourceNode; value: unknown; end: number } {
    if (depth > MAX_DEPTH) outside();
    const text = this.text;
    const isMap = text.charCodeAt(at) === 123;
    const close = isMap ? 125 : 93;
    const pairs: SourcePair[] = [];
    const items: SourceNode[] = [];
    const map: Record<string, unknown> = {};
    const list: unknown[] = [];
    let i = this.spaces(at + 1, end);
    if (text.charCodeAt(i) === close) return this.flowDone(isMap, at, i + 1, pairs, items, map, list);
    for (;;) {
      this.count();
      if (isMap) {
        const key = this.flowItem(i, end, depth);
        if (key.node.kind !== 'scalar') outside();
        i = key.end;
        if (text.charCodeAt(i) !== 58 || text.charCodeAt(i + 1) !== 32) outside();
        const item = this.flowItem(this.spaces(i + 1, end), end, depth);
        const name = String(key.value ?? '');
        if (Object.prototype.hasOwnProperty.call(map, name)) outside();
        if (name === '__proto__') Object.defineProperty(map, name, { value: item.value, enumerable: true, writable: true, configurable: true });
        else map[name] = item.value;
        pairs.push({ key: key.node, value: item.node });
        i = item.end;
      } else {
        const item = this.flowItem(i, end, depth);
        items.push(item.node);
        list.push(item.value);
        i = item.end;
        if (text.charCodeAt(i) === 58) outside();
      }
      i = this.spaces(i, end);
      const c = text.charCodeAt(i);
      if (c === close) return this.flowDone(isMap, at, i + 1, pairs, items, map, list);
      if (c !== 44) outside();
      i = this.spaces(i + 1, end);
      if (text.charCodeAt(i) === close || i === end) outside();
    }
  }

  private flowDone(isMap: boolean, start: number, end: number, pairs: SourcePair[], items: SourceNode[], map: Record<string, unknown>, list: unknown[]): { node: SourceNode; value: unknown; end: number } {
    if (isMap) return { node: { kind: 'map', pairs, start, end }, value: map, end };
    return { node: { kind: 'seq', items, start, end }, value: list, end };
  }

  /** One item inside a flow collection; `end` of the result is where its text stops. */
  private flowItem(at: number, end: number, depth: number): { node: SourceNode; value: unknown; end: number } {
    const c = this.text.charCodeAt(at);
    if (c === 34 || c === 39) return this.quoted(at, end);
    if (c === 123 || c === 91) return this.flow(at, end, depth + 1);
    if (!plainStart(this.text, at)) outside();
    let stop = at;
    for (; stop < end; stop++) {
      const ch = this.text.charCodeAt(stop);
      if (ch === 44 || ch === 91 || ch === 93 || ch === 123 || ch === 125) break;
      if (ch === 35 && this.text.charCodeAt(stop - 1) === 32) outside();
      if (ch === 58) {
        const after = this.text.charCodeAt(stop + 1);
        if (stop + 1 === end || after === 32 || after === 44 || after === 91 || after === 93 || after === 123 || after === 125) break;
      }
    }
    if (stop === end) outside();
    let last = stop;
    while (last > at && this.text.charCodeAt(last - 1) === 32) last--;
    if (last === at) outside();
    const value = resolvePlain(this.text.slice(at, last));
    return { node: { kind: 'scalar', value, start: at, end: last }, value, end: last };
  }

  private spaces(at: number, end: number): number {
    let i = at;
    while (i < end && this.text.charCodeAt(i) === 32) i++;
    return i;
  }

  /** A literal (`|`) or folded (`>`) block scalar whose header is at `at`; `col` is its parent's column. */
  private blockScalar(line: number, at: number, col: number): Read {
    const text = this.text;
    const folded = text.charCodeAt(at) === 62;
    let i = at + 1;
    const chomp = text[i] === '-' || text[i] === '+' ? text[i++] : '';
    this.restOfLine(i, this.ends[line]!);
    // The first line with text sets the indentation; leading empty lines are left to `yaml`.
    const first = line + 1;
    if (first >= this.lineCount || this.kinds[first] === BLANK) outside();
    const indent = this.indents[first]!;
    if (indent <= col) outside();
    const lines: string[] = [];
    let lastText = first;
    let next = first;
    for (; next < this.lineCount; next++) {
      const blank = this.kinds[next] === BLANK;
      if (blank) {
        if (this.ends[next]! - this.starts[next]! > indent) outside();
        lines.push('');
        continue;
      }
      if (this.indents[next]! < indent) break;
      if (folded && this.indents[next]! > indent) outside();
      lines.push(text.slice(this.starts[next]! + indent, this.ends[next]!));
      lastText = next;
    }
    // A block scalar must end with a line break for its value to be what the chomping says.
    if (this.ends[lastText] === text.length) outside();
    const trailing = next - lastText - 1;
    const body = lines.slice(0, lastText - first + 1);
    let value = folded ? fold(body) : body.join('\n');
    if (chomp !== '-') value += '\n';
    if (chomp === '+') {
      // Blank lines that reach the end of the text have no newline after the last one.
      if (next === this.lineCount && trailing > 0) outside();
      value += '\n'.repeat(trailing);
    }
    const end = chomp === '+' ? (next < this.lineCount ? this.starts[next]! : text.length) : this.starts[lastText + 1]!;
    return { node: { kind: 'scalar', value, start: at, end }, value, nodeEnd: end, next };
  }

  private count(): void {
    if (++this.nodes > MAX_NODES) outside();
  }
}

/** Folds the lines of a `>` scalar: a line break becomes a space, and n empty lines between two lines n line breaks. */
function fold(lines: readonly string[]): string {
  let out = lines[0] ?? '';
  let empty = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') {
      empty++;
      continue;
    }
    out += empty === 0 ? ` ${line}` : '\n'.repeat(empty) + line;
    empty = 0;
  }
  return out;
}

/** True when a plain scalar may start at `at` (YAML's indicators may not, except `-`, `?`, `:` before a non-space). */
function plainStart(text: string, at: number): boolean {
  const c = text[at];
  if (c === undefined || '[]{},#&*!|>\'"%@`\n '.includes(c)) return false;
  if (c === '-' || c === '?' || c === ':') {
    const after = text[at + 1];
    // `?` and `:` starting a scalar are legal but rare; `yaml` handles them.
    return c === '-' && after !== undefined && after !== ' ' && after !== '\n';
  }
  return true;
}

/** Double-quoted escapes `yaml` accepts on one line. */
const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

/** The escape after a backslash at `at - 1`: its text and the offset of its last character. */
function unescape(text: string, at: number, end: number): { text: string; last: number } {
  const c = text[at];
  if (c === undefined || at >= end) outside();
  const simple = ESCAPES[c];
  if (simple !== undefined) return { text: simple, last: at };
  const length = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
  if (length === 0 || at + length >= end) outside();
  const hex = text.slice(at + 1, at + 1 + length);
  if (!/^[0-9a-fA-F]+$/.test(hex)) outside();
  const code = parseInt(hex, 16);
  if (code > 0x10ffff) outside();
  return { text: String.fromCodePoint(code), last: at + length };
}

/**
 * True for a first character no core-schema word or number starts with (most keys and values):
 * letters other than n, t and f in either case, `/`, `$`, `_` and `{`.
 */
function startsAsString(c: number): boolean {
  const lower = c | 32;
  if (lower >= 97 && lower <= 122) return lower !== 110 && lower !== 116 && lower !== 102;
  return c === 47 || c === 36 || c === 95 || c === 123;
}

/** A plain scalar's value under YAML 1.2's core schema, in the order `yaml` tries its tags. */
function resolvePlain(raw: string): unknown {
  if (startsAsString(raw.charCodeAt(0))) return raw;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(raw)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(raw)) return raw[0] === 't' || raw[0] === 'T';
  if (/^0o[0-7]+$/.test(raw)) return parseInt(raw.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(raw)) return parseInt(raw, 10);
  if (/^0x[0-9a-fA-F]+$/.test(raw)) return parseInt(raw.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(raw)) return raw.slice(-3).toLowerCase() === 'nan' ? NaN : raw[0] === '-' ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(raw)) return parseFloat(raw);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(raw)) return parseFloat(raw);
  return raw;
}
