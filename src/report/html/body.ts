import { redactJson, redactText } from '../../common/redact.js';
import { esc } from './escape.js';

/** How much of one body the page shows. */
export interface BodyLimits {
  /** Characters, after pretty-printing. */
  chars: number;
  /** Lines, after pretty-printing. */
  lines: number;
}

/** A body as the page shows it: escaped HTML for a `<pre>`, and what was left out. */
export interface BodyHtml {
  html: string;
  /** True when the body was cut at the limits. */
  truncated: boolean;
  /** Pointers that are marked, but past the cut, so the reader does not see them. */
  unseen: string[];
}

/** Bodies beyond this size are shown raw: re-indenting megabytes helps nobody. */
const PRETTY_MAX_CHARS = 1_000_000;

/** Thrown by the printer when the limits are reached; never leaves this module. */
const STOP = Symbol('stop');

/**
 * A response or request body for the page: JSON pretty-printed, redacted, cut at the limits,
 * with the value at each given JSON pointer wrapped in `<mark class="hit">`. A pointer that does
 * not resolve marks the deepest part that exists with `<mark class="near">` (its title says what
 * is missing). Other bodies are shown as redacted text. Everything is escaped.
 */
export function bodyHtml(text: string, json: unknown, pointers: readonly string[], limits: BodyLimits): BodyHtml {
  if (json !== undefined && text.length <= PRETTY_MAX_CHARS) return jsonHtml(redactJson(json), pointers, limits);
  // Redact a generous head rather than all of a huge body: only the head is shown.
  const cutHead = text.length > 2 * limits.chars;
  const head = redactText(cutHead ? text.slice(0, 2 * limits.chars) : text);
  const p = new Printer(limits);
  try {
    const lines = head.split('\n');
    lines.forEach((line, i) => {
      if (i > 0) p.newline();
      p.text(line);
    });
  } catch (e) {
    if (e !== STOP) throw e;
  }
  return { html: p.finish(), truncated: p.stopped || cutHead, unseen: [] };
}

/** A redacted JSON value pretty-printed with marks. */
function jsonHtml(value: unknown, pointers: readonly string[], limits: BodyLimits): BodyHtml {
  const marks = new Map<string, Mark>();
  for (const pointer of pointers) {
    const m = locate(value, pointer);
    if (m && !marks.has(m.at)) marks.set(m.at, m);
  }
  const p = new Printer(limits);
  try {
    print(p, value, '', 0, marks);
  } catch (e) {
    if (e !== STOP) throw e;
  }
  const unseen = [...marks.values()].filter((m) => !p.opened.has(m.at)).map((m) => m.wanted);
  return { html: p.finish(), truncated: p.stopped, unseen };
}

/** Where a pointer's mark goes: the value itself, or the deepest ancestor that exists. */
interface Mark {
  /** The pointer that is marked (canonical form). */
  at: string;
  /** The pointer a finding named. */
  wanted: string;
  kind: 'hit' | 'near';
}

function locate(value: unknown, pointer: string): Mark | undefined {
  if (pointer !== '' && !pointer.startsWith('/')) return undefined;
  const tokens = pointer === '' ? [] : pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  let at = '';
  let here: unknown = value;
  for (const token of tokens) {
    const next = child(here, token);
    if (next === undefined) return { at, wanted: pointer, kind: 'near' };
    here = next.value;
    at += `/${encode(token)}`;
  }
  return { at, wanted: pointer, kind: 'hit' };
}

function child(value: unknown, token: string): { value: unknown } | undefined {
  if (Array.isArray(value)) return /^(0|[1-9]\d*)$/.test(token) && Number(token) < value.length ? { value: value[Number(token)] } : undefined;
  if (value !== null && typeof value === 'object' && Object.hasOwn(value, token)) return { value: (value as Record<string, unknown>)[token] };
  return undefined;
}

function encode(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Writes a JSON value as indented lines. An object member whose value is marked is marked
 * from its key on, so the eye lands on `"code": "…"` rather than on a bare value.
 */
function print(p: Printer, value: unknown, pointer: string, depth: number, marks: Map<string, Mark>, markedByParent = false): void {
  const mark = markedByParent ? undefined : marks.get(pointer);
  if (mark) p.open(mark);
  if (Array.isArray(value)) {
    printList(p, '[', ']', value.map((v, i) => [undefined, v, `${pointer}/${i}`] as const), depth, marks);
  } else if (value !== null && typeof value === 'object') {
    printList(p, '{', '}', Object.entries(value).map(([k, v]) => [k, v, `${pointer}/${encode(k)}`] as const), depth, marks);
  } else {
    p.text(JSON.stringify(value) ?? 'null', typeof value === 'string' ? 'js' : value === null ? 'jl' : typeof value === 'number' ? 'jn' : 'jb');
  }
  if (mark) p.close();
}

function printList(p: Printer, start: string, end: string, items: (readonly [string | undefined, unknown, string])[], depth: number, marks: Map<string, Mark>): void {
  if (items.length === 0) return p.text(`${start}${end}`);
  p.text(start);
  items.forEach(([key, v, ptr], i) => {
    p.newline();
    p.text('  '.repeat(depth + 1));
    const mark = key !== undefined ? marks.get(ptr) : undefined;
    if (mark) p.open(mark);
    if (key !== undefined) {
      p.text(JSON.stringify(key), 'jk');
      p.text(': ');
    }
    print(p, v, ptr, depth + 1, marks, mark !== undefined);
    if (mark) p.close();
    if (i < items.length - 1) p.text(',');
  });
  p.newline();
  p.text(`${'  '.repeat(depth)}${end}`);
}

/** Escaped output with a budget; throws {@link STOP} when the limits are reached. */
class Printer {
  private readonly out: string[] = [];
  private chars = 0;
  private lines = 1;
  private depth = 0;
  stopped = false;
  readonly opened = new Set<string>();

  constructor(private readonly limits: BodyLimits) {}

  text(s: string, cls?: string): void {
    const room = this.limits.chars - this.chars;
    let cut = s.length > room ? s.slice(0, Math.max(0, room)) : s;
    // Never split a surrogate pair: half an emoji would show as an escape.
    if (cut.length < s.length && /[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
    if (cut) this.out.push(cls ? `<span class="${cls}">${esc(cut)}</span>` : esc(cut));
    this.chars += cut.length;
    if (cut.length < s.length) this.stop();
  }

  newline(): void {
    if (++this.lines > this.limits.lines) this.stop();
    this.out.push('\n');
    this.chars++;
  }

  open(m: Mark): void {
    const title = m.kind === 'hit' ? `the finding is about ${m.wanted || 'the whole body'}` : `${m.wanted} is absent; this is the deepest part of it that exists`;
    this.out.push(`<mark class="${m.kind}" title="${esc(title)}">`);
    this.opened.add(m.at);
    this.depth++;
  }

  close(): void {
    this.out.push('</mark>');
    this.depth--;
  }

  finish(): string {
    while (this.depth > 0) this.close();
    return this.out.join('');
  }

  private stop(): never {
    this.stopped = true;
    throw STOP;
  }
}
