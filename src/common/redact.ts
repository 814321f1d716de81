/**
 * The one redactor: what the tool prints or writes never holds a secret. Two kinds of knowledge
 * meet here:
 * - the secrets this process was given or obtained (the token, a client secret, an issued
 *   access token), registered with {@link addSecrets} and hidden in every form a target might
 *   echo them: as written, in another case, in JSON `\u0067` escapes, percent-encoded, and in
 *   base64 (alone, or inside a longer base64 text such as a Basic credential);
 * - credential shapes nobody told us about: Authorization and cookie headers, OAuth fields,
 *   a bearer token or a JWT in text, a password in a URL.
 * A secret of 8 or more characters is hidden wherever it appears. A shorter one (emulators accept
 * `--token T`) is hidden where it is a whole header value or a whole JSON string: hiding every
 * `T` in the output would garble it and hide nothing.
 * Secrets are process-wide: once known, every output of the process hides them, whichever part
 * of the tool prints.
 */

/** What replaces a secret wherever it would have been shown. */
export const REDACTED = '[REDACTED]';

/** Secrets at least this long are hidden wherever they appear; shorter ones only as whole values. */
export const MIN_HIDDEN_ANYWHERE = 8;

/** Headers whose values are credentials, whatever they contain. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/** JSON and form fields that carry credentials (OAuth token requests and answers). */
const SECRET_FIELD_NAMES = ['access_token', 'refresh_token', 'id_token', 'client_secret', 'client_assertion', 'password'];
const SECRET_FIELDS = new Set(SECRET_FIELD_NAMES);
const FIELD_ALT = SECRET_FIELD_NAMES.join('|');

/**
 * `synchronizationSecretKeyStringValuePair` keys whose values are credentials of the connected
 * app (`SecretToken`, `Password`, `ClientSecret`…): `{"key": "SecretToken", "value": "…"}`.
 */
const SECRET_KEY = /secret|password|token/i;

/**
 * Credential shapes in text: bodies that do not parse, URLs, messages. Each comes with what any
 * match of it must contain, looked up in the text (lower-cased) first: most text holds none of
 * them, and a plain search costs far less than trying a pattern at every position.
 */
const SHAPES: [RegExp, string, (lower: string, text: string) => boolean][] = [
  // "access_token": "…" in JSON text, including a string cut short by truncation.
  [new RegExp(`("(?:${FIELD_ALT})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"?`, 'gi'), `$1"${REDACTED}"`, hasField],
  // access_token=… in a form body or a query string.
  [new RegExp(`(^|[?&;\\s])(${FIELD_ALT})=[^&\\s#"]*`, 'gi'), `$1$2=${REDACTED}`, hasField],
  // {"key": "SecretToken", "value": "…"} in JSON text.
  [/("key"\s*:\s*"[^"]*(?:secret|password|token)[^"]*"\s*,\s*"value"\s*:\s*)"(?:[^"\\]|\\.)*"?/gi, `$1"${REDACTED}"`, (lower) => lower.includes('"key"')],
  // A bearer token quoted anywhere; 16+ characters so `Bearer realm="…"` challenges stay readable.
  [/\b(Bearer)\s+(?!\[REDACTED\])[A-Za-z0-9\-._~+/]{16,}=*/gi, `$1 ${REDACTED}`, (lower) => lower.includes('bearer')],
  // A JWT on its own (Entra access and id tokens).
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED, (_, text) => text.includes('eyJ')],
  // user:password@ in a URL.
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]*@/gi, `$1${REDACTED}@`, (_, text) => text.includes('://') && text.includes('@')],
];

/** True when the text may hold a secret field: derived from SECRET_FIELD_NAMES, so a name added there is never skipped. */
function hasField(lower: string): boolean {
  return SECRET_FIELD_NAMES.some((name) => lower.includes(name));
}

interface Known {
  value: string;
  /**
   * What is searched for, lower-case: a long secret and its base64 forms, hidden wherever they
   * appear; a short one as a whole JSON string, quotes included.
   */
  needles: string[];
}

const known = new Map<string, Known>();
let longestFirst: Known[] = [];
/** Every known secret, lower-case, for whole-value checks. */
let lowerSecrets = new Set<string>();

/**
 * Registers values to hide in everything this process prints or writes from now on. Empty
 * and missing values are ignored.
 */
export function addSecrets(...values: (string | undefined)[]): void {
  let added = false;
  for (const value of values) {
    if (value === undefined || value === '' || known.has(value)) continue;
    const forms = value.length >= MIN_HIDDEN_ANYWHERE ? [value, ...base64Forms(value)] : [`"${value}"`];
    known.set(value, { value, needles: [...new Set(forms.map(lowerCase))] });
    added = true;
  }
  if (added) {
    longestFirst = [...known.values()].sort((a, b) => b.value.length - a.value.length);
    lowerSecrets = new Set(longestFirst.map((k) => k.value.toLowerCase()));
    // What was worked out before hid fewer secrets.
    for (const memo of MEMOS) memo.clear();
  }
}

/**
 * Redacted texts by their original, for a text seen again: a run redacts the same URL, header
 * values and answers case after case. A redaction depends only on its text and the known
 * secrets, so the memos are emptied whenever a secret is added, and are bounded by the
 * characters they hold (emptied when full).
 */
class Memo {
  private readonly map = new Map<string, string>();
  private chars = 0;

  get(text: string): string | undefined {
    return this.map.get(text);
  }

  set(text: string, redacted: string): string {
    if (text.length > MEMO_TEXT_MAX) return redacted;
    if (this.chars + text.length + redacted.length > MEMO_CHARS_MAX) this.clear();
    this.map.set(text, redacted);
    this.chars += text.length + redacted.length;
    return redacted;
  }

  clear(): void {
    this.map.clear();
    this.chars = 0;
  }
}

/** Texts longer than this are redacted every time (a large answer is rarely repeated). */
const MEMO_TEXT_MAX = 4096;
/** What one memo holds at most, in characters of originals and results. */
const MEMO_CHARS_MAX = 256 * 1024;
const secretsMemo = new Memo();
const textMemo = new Memo();
const jsonStringMemo = new Memo();
/** Values of headers that are not credential headers, by the redaction of text they get. */
const headerTextMemo = new Memo();
const headerSecretsMemo = new Memo();
const MEMOS = [secretsMemo, textMemo, jsonStringMemo, headerTextMemo, headerSecretsMemo];

/**
 * The base64 texts that hold `secret` whatever bytes precede it: standard and URL-safe, at each
 * of the three alignments, without the characters its neighbours share.
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out: string[] = [];
  for (let lead = 0; lead < 3; lead++) {
    const b64 = Buffer.concat([Buffer.alloc(lead), bytes]).toString('base64');
    const first = Math.ceil((lead * 8) / 6);
    const last = Math.floor(((lead + bytes.length) * 8) / 6);
    const inner = b64.slice(first, last);
    if (inner.length >= MIN_HIDDEN_ANYWHERE) out.push(inner, inner.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return out;
}

/** Lower case that keeps every index where it was (only A-Z change), so matches map back. */
function lowerCase(text: string): string {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Text as a target's escapes spell it out, with where each character came from in the original. */
interface Decoded {
  text: string;
  /** Original start and end of each character; absent when nothing was decoded (identity). */
  from?: number[];
  to?: number[];
}

const ESCAPES = /\\u[0-9a-fA-F]{4}|\\\/|%[0-7][0-9a-fA-F]/;

/**
 * Decodes JSON `\uXXXX` and `\/` escapes and ASCII percent-encoding, so a secret echoed as
 * `\u0067…` or `%67…` is found like one written plainly. Quotes and backslashes stay encoded:
 * they are the JSON structure a whole-string match relies on.
 */
function decode(text: string): Decoded {
  // Every escape starts with a backslash or a percent sign: most text has neither.
  if ((!text.includes('\\') && !text.includes('%')) || !ESCAPES.test(text)) return { text };
  const chars: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; ) {
    let ch = text[i]!;
    let width = 1;
    if (ch === '\\' && text[i + 1] === '\\') {
      // An escaped backslash: what follows it is text, not an escape.
      chars.push(ch);
      from.push(i);
      to.push(i + 1);
      i++;
    } else if (ch === '\\' && text[i + 1] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
      const code = parseInt(text.slice(i + 2, i + 6), 16);
      if (code !== 0x22 && code !== 0x5c) [ch, width] = [String.fromCharCode(code), 6];
    } else if (ch === '\\' && text[i + 1] === '/') {
      [ch, width] = ['/', 2];
    } else if (ch === '%' && /^[0-7][0-9a-fA-F]$/.test(text.slice(i + 1, i + 3))) {
      const code = parseInt(text.slice(i + 1, i + 3), 16);
      if (code !== 0x22 && code !== 0x5c) [ch, width] = [String.fromCharCode(code), 3];
    }
    chars.push(ch);
    from.push(i);
    to.push(i + width);
    i += width;
  }
  return { text: chars.join(''), from, to };
}

/**
 * Text with every known secret hidden: a long one anywhere, in any case, escaped or in base64;
 * a short one where it is a whole JSON string. Plain searches on a decoded, lower-case view,
 * mapped back to the original: no pattern per secret, whose compilation costs more than a run.
 */
export function redactSecrets(text: string): string {
  if (longestFirst.length === 0 || text === '') return text;
  return secretsMemo.get(text) ?? secretsMemo.set(text, hideSecrets(text));
}

function hideSecrets(text: string): string {
  const view = decode(text);
  const lower = lowerCase(view.text);
  const spans: [number, number][] = [];
  for (const k of longestFirst) {
    for (const needle of k.needles) {
      for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
        const last = at + needle.length - 1;
        spans.push([view.from?.[at] ?? at, view.to?.[last] ?? last + 1]);
      }
    }
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let done = 0;
  for (let i = 0; i < spans.length; ) {
    let [start, end] = spans[i]!;
    for (i++; i < spans.length && spans[i]![0] < end; i++) end = Math.max(end, spans[i]![1]);
    // A whole JSON string keeps its quotes, so the text stays JSON.
    const quoted = text[start] === '"' && text[end - 1] === '"' && end - start >= 2;
    out += text.slice(done, start) + (quoted ? `"${REDACTED}"` : REDACTED);
    done = end;
  }
  return out + text.slice(done);
}

/** True when `value` is, whole, a known secret in any case (a secret of any length). */
function isSecret(value: string): boolean {
  const lower = value.trim().toLowerCase();
  return lower !== '' && lowerSecrets.has(lower);
}

/** Hides known secrets and credential shapes in free text: a body, a URL, a message, a line of output. */
export function redactText(text: string): string {
  if (text === '') return text;
  return textMemo.get(text) ?? textMemo.set(text, hideShapes(text));
}

function hideShapes(text: string): string {
  let out = longestFirst.length === 0 ? text : hideSecrets(text);
  let lower = out.toLowerCase();
  for (const [pattern, replacement, mayMatch] of SHAPES) {
    if (!mayMatch(lower, out)) continue;
    const next = out.replace(pattern, replacement);
    if (next !== out) [out, lower] = [next, next.toLowerCase()];
  }
  return out;
}

/**
 * A header value fit to show. Credential headers lose their value; an Authorization header
 * keeps its scheme (`Bearer [REDACTED]`), which tells a reader which auth mode a case sent. A
 * value that is a known secret, of any length, is hidden whole.
 */
export function redactHeader(name: string, value: string, text: (s: string) => string = redactText): string {
  const lower = name.toLowerCase();
  if (value === '') return value;
  if (!SECRET_HEADERS.has(lower)) {
    const memo = text === redactText ? headerTextMemo : text === redactSecrets ? headerSecretsMemo : undefined;
    if (memo === undefined) return headerValue(value, text);
    return memo.get(value) ?? memo.set(value, headerValue(value, text));
  }
  const scheme = /^(\S+)\s+\S/.exec(value)?.[1];
  return scheme && lower.endsWith('authorization') ? `${scheme} ${REDACTED}` : REDACTED;
}

/** The value of a header that is not a credential header, with known secrets and `text`'s redaction applied. */
function headerValue(value: string, text: (s: string) => string): string {
  if (isSecret(value)) return REDACTED;
  const scheme = /^(\S+)\s+(\S+)$/.exec(value.trim());
  if (scheme !== null && isSecret(scheme[2]!)) return `${scheme[1]} ${REDACTED}`;
  return text(value);
}

/** Redacts every value of a header map; names become lower-case. Tolerates a missing map. */
export function redactHeaders(headers: Record<string, unknown> | undefined, text: (s: string) => string = redactText): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers || typeof headers !== 'object') return out;
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = redactHeader(name, String(value ?? ''), text);
  return out;
}

/**
 * A JSON-safe, redacted deep copy of any value: secret fields are replaced, strings are
 * redacted as text (a string that is a secret, of any length, is replaced whole), and what
 * JSON cannot hold is made harmless (cycles, bigints, functions, errors, absurd depth) so a
 * reporter never throws on odd data. `undefined` stays `undefined`.
 */
export function redactJson(value: unknown): unknown {
  return copy(value, new WeakSet(), 0);
}

const MAX_DEPTH = 64;

function copy(value: unknown, seen: WeakSet<object>, depth: number): unknown {
  switch (typeof value) {
    case 'string':
      return jsonStringMemo.get(value) ?? jsonStringMemo.set(value, isSecret(value) ? REDACTED : redactText(value));
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'object':
      return value === null ? null : copyObject(value, seen, depth);
    default:
      // undefined, functions and symbols have no JSON form.
      return undefined;
  }
}

function copyObject(value: object, seen: WeakSet<object>, depth: number): unknown {
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Too deep]';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (value instanceof Error) return redactText(`${value.name}: ${value.message}`);
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => copy(v, seen, depth + 1) ?? null);
    const out: Record<string, unknown> = {};
    const secretPair = typeof (value as { key?: unknown }).key === 'string' && SECRET_KEY.test((value as { key: string }).key);
    for (const [k, v] of Object.entries(value)) {
      const hide = (SECRET_FIELDS.has(k.toLowerCase()) || (secretPair && k === 'value')) && v !== null && v !== undefined;
      const c = hide ? REDACTED : copy(v, seen, depth + 1);
      if (c !== undefined) out[k] = c;
    }
    return out;
  } catch {
    // A throwing getter or proxy: show that something was there rather than fail the report.
    return '[Unreadable]';
  } finally {
    seen.delete(value);
  }
}

/**
 * The redactor the engine records exchanges with. It hides the known secrets only, not the
 * credential shapes: checks run on what it records, and a target's `SecretToken` value pair is
 * the contract's data until a reporter shows it.
 */
export class Redactor {
  /** Registers secrets (process-wide, see {@link addSecrets}). */
  add(...values: (string | undefined)[]): void {
    addSecrets(...values);
  }

  /** Text with the known secrets hidden. */
  text(value: string): string {
    return redactSecrets(value);
  }

  /** Header values with credentials and known secrets hidden: `Bearer [REDACTED]` keeps the scheme. */
  headers(headers: Record<string, string>): Record<string, string> {
    return redactHeaders(headers, redactSecrets);
  }
}
