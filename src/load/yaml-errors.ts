import { isScalar, yamlPackage } from '../common/yaml.js';
import type { Document, Node } from 'yaml';
import type { Diagnostic } from '../model/index.js';
import type { YamlFile } from './yaml-file.js';

/**
 * YAML parse problems as diagnostics, reworded where the parser's words do not help: the
 * duplicate key is named with its first place, an unclosed bracket is pointed at where it
 * opens, and an unquoted `{{variable}}` in flow style is recognised for what it is.
 */
export function yamlProblem(file: YamlFile, code: string, message: string, pos: [number, number], severity: Diagnostic['severity']): Diagnostic {
  const span = file.span(pos[1] > pos[0] ? pos : [pos[0], pos[0] + 1]);
  const template = flowTemplate(file.text, pos[0]);
  if (template !== undefined) {
    return { code: 'unquoted-template', message: 'a `{{variable}}` inside `{ }` or `[ ]` must be quoted', hint: `YAML reads { and } there as brackets; quote the value: "${template}"`, span, severity };
  }
  const leading = leadingTemplate(file.text, pos[0]);
  if (leading !== undefined) {
    return { code: 'unquoted-template', message: 'a value that starts with `{{` must be quoted', hint: `YAML reads a leading { as the start of a mapping; quote the value: "${leading.value}"`, span: file.span([leading.start, leading.start + leading.value.length]), severity };
  }
  if (/comments must be separated from other tokens by white space/i.test(message)) {
    return { code: 'yaml-syntax', message: 'invalid YAML: a `#` right after a value', hint: 'put a space before `#` to start a comment, or quote the whole value if the `#` belongs to it', span, severity };
  }
  if (code === 'MULTIPLE_DOCS') {
    return { code: 'yaml-syntax', message: 'invalid YAML: a second document starts here', hint: YAML_HINTS.MULTIPLE_DOCS!, span, severity };
  }
  const opener = /end with an? ([\]}])/.exec(message) ? unclosedBracket(file.text, pos[0]) : undefined;
  if (opener !== undefined) {
    const bracket = file.text[opener] ?? '[';
    const close = bracket === '[' ? ']' : '}';
    return { code: 'yaml-syntax', message: `invalid YAML: \`${bracket}\` is never closed`, hint: `add the \`${close}\` that ends it`, span: file.span([opener, opener + 1]), severity };
  }
  const words = message.charAt(0).toLowerCase() + message.slice(1);
  const glued = keyWithoutSpace(file.text, pos);
  const hint = glued !== undefined ? `put a space after the \`:\` of \`${glued}\`; without one, YAML reads it as text, not as a key and its value` : (MESSAGE_HINTS.find(([re]) => re.test(message))?.[1] ?? YAML_HINTS[code] ?? 'check the brackets, quotes and indentation here and on the line above');
  return { code: 'yaml-syntax', message: `invalid YAML: ${words.replace(/\s+at line \d+, column \d+.*$/s, '')}`, hint, span: file.span(pastIndentation(file.text, pos)), severity };
}

/**
 * Every key given twice in one mapping, named with its first place. The `yaml` package's own
 * check (`uniqueKeys`) compares each key with every key before it, so a hostile file of 100,000
 * keys would hold the CPU for minutes; this is one pass. Keys are compared by value, as that
 * check compares them (`1` and `"1"` differ); merge keys are not keys.
 */
export function duplicateKeys(file: YamlFile, doc: Document): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { visit } = yamlPackage();
  visit(doc, {
    Map: (_, map) => {
      const seen = new Map<unknown, Node>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key) || typeof key.value === 'symbol') continue;
        const first = seen.get(key.value);
        if (first === undefined) {
          seen.set(key.value, key);
          continue;
        }
        const where = first.range ? `\`${String(key.value)}\` is first given at line ${file.span(first.range).line}; ` : '';
        out.push({ code: 'duplicate-key', message: `duplicate key \`${String(key.value)}\``, hint: `${where}a key may appear once per mapping: keep one`, span: file.span(key.range ?? [0, 1]), severity: 'error' });
      }
      return undefined;
    },
  });
  return out;
}

/**
 * Where an error is shown: `yaml` places some (a line indented wrongly) in the line's leading
 * spaces; the line's first key or value is what the reader must move.
 */
function pastIndentation(text: string, pos: [number, number]): [number, number] {
  const lineStart = text.lastIndexOf('\n', pos[0] - 1) + 1;
  const indent = /^ */.exec(text.slice(lineStart))![0].length;
  const inIndent = pos[0] >= lineStart && Math.max(pos[1], pos[0] + 1) <= lineStart + indent;
  if (!inIndent || indent === 0) return pos[1] > pos[0] ? pos : [pos[0], pos[0] + 1];
  const first = lineStart + indent;
  const lineEnd = text.indexOf('\n', first);
  const token = /^[^\s:]+/.exec(text.slice(first, lineEnd < 0 ? undefined : lineEnd))?.[0] ?? ' ';
  return [first, first + token.length];
}

/**
 * The value of a `key: {{…}}…` or `- {{…}}…` line when a syntax error on that line comes from
 * its unquoted leading `{{`: YAML starts a flow mapping there, and what follows `}}` breaks it.
 */
function leadingTemplate(text: string, offset: number): { value: string; start: number } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  let line = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  // The comment and trailing spaces are cut first: a pattern that had to skip them could
  // backtrack over a long line for minutes.
  const comment = line.indexOf(' #');
  if (comment >= 0) line = line.slice(0, comment);
  line = line.trimEnd();
  const at = line.indexOf('{{');
  if (at < 0 || !/^\s*(?:-\s+)?(?:[^\s#'"{[][^#]*?:\s+)?$/.test(line.slice(0, at))) return undefined;
  return { value: line.slice(at), start: lineStart + at };
}

/** Offset of the last `[` or `{` before `offset` left open (outside quotes and comments). */
function unclosedBracket(text: string, offset: number): number | undefined {
  const open: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < offset; i++) {
    const ch = text[i];
    if (quote !== undefined) {
      if (ch === quote || ch === '\n') quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && /\s/.test(text[i - 1] ?? '\n')) i = text.indexOf('\n', i) < 0 ? offset : text.indexOf('\n', i) - 1;
    else if (ch === '[' || ch === '{') open.push(i);
    else if (ch === ']' || ch === '}') open.pop();
  }
  return open[open.length - 1];
}

/**
 * The value around `offset` when a syntax error there comes from an unquoted `{{…}}` inside a
 * flow collection (`{ path: /a/{{id}} }`), the most common way to break a suite file.
 */
function flowTemplate(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  const at = offset - lineStart;
  if (!line.slice(Math.max(0, at - 1), at + 2).includes('{{')) return undefined;
  // The value starts after the nearest `: `, `, ` or opening bracket before the error.
  const before = line.slice(0, at);
  const start = Math.max(before.lastIndexOf(': ') + 2, before.lastIndexOf(', ') + 2, before.lastIndexOf('[') + 1, 0);
  let end = start;
  while (end < line.length) {
    if (line.startsWith('{{', end)) {
      const close = line.indexOf('}}', end);
      end = close < 0 ? line.length : close + 2;
    } else if (/[,}\]]/.test(line[end] ?? '')) break;
    else end++;
  }
  const value = line.slice(start, end).trim();
  return value.includes('{{') ? value : undefined;
}

/**
 * `status:200` on a line the error covers: a key and its value without the space YAML needs
 * between them (a URL's `://` is not one).
 */
function keyWithoutSpace(text: string, pos: [number, number]): string | undefined {
  const from = text.lastIndexOf('\n', pos[0] - 1) + 1;
  const to = text.indexOf('\n', Math.max(pos[0], pos[1] - 1));
  for (const line of text.slice(from, to < 0 ? undefined : to).split('\n')) {
    const m = /^\s*(?:-\s+)?([^\s:#'"{}[\],]+:[^\s/][^\s]*)\s*$/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

/** Help for parser messages whose code covers several mistakes, tried before {@link YAML_HINTS}. */
const MESSAGE_HINTS: readonly (readonly [RegExp, string])[] = [
  [/missing directives-end/i, 'write `---` on its own line after the `%YAML` line, before the document'],
  [/sequence item without - indicator/i, 'align this line with the keys above it: it is indented less than they are'],
  [/nested mappings are not allowed in compact mappings/i, 'check the indentation of the next line: a key indented deeper than the keys above it is read as part of the value before it'],
];

const YAML_HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'indent with spaces; YAML does not allow tabs for indentation',
  MULTIPLE_DOCS: 'keep one suite per file, without a second `---`',
  BAD_INDENT: 'align the line with its siblings, or close the bracket it is inside',
  MISSING_CHAR: 'close the quote or bracket that is open',
  BLOCK_AS_IMPLICIT_KEY: 'put a space after the `:` of the key above, or indent this line under it',
};
