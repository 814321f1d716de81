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

/** Credential shapes in text: bodies that do not parse, URLs, messages. */
const SHAPES: [RegExp, string][] = [
  // "access_token": "…" in JSON text, including a string cut short by truncation.
  [new RegExp(`("(?:${FIELD_ALT})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"?`, 'gi'), `$1"${REDACTED}"`],
  // access_token=… in a form body or a query string.
  [new RegExp(`(^|[?&;\\s])(${FIELD_ALT})=[^&\\s#"]*`, 'gi'), `$1$2=${REDACTED}`],
  // {"key": "SecretToken", "value": "…"} in JSON text.
  [/("key"\s*:\s*"[^"]*(?:secret|password|token)[^"]*"\s*,\s*"value"\s*:\s*)"(?:[^"\\]|\\.)*"?/gi, `$1"${REDACTED}"`],
  // A bearer token quoted anywhere; 16+ characters so `Bearer realm="…"` challenges stay readable.
  [/\b(Bearer)\s+(?!\[REDACTED\])[A-Za-z0-9\-._~+/]{16,}=*/gi, `$1 ${REDACTED}`],
  // A JWT on its own (Entra access and id tokens).
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // user:password@ in a URL.
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]*@/gi, `$1${REDACTED}@`],
];

interface Known {
  value: string;
  /** Every form of a long secret, wherever it appears; undefined for a short one. */
  anywhere: RegExp | undefined;
  /** The secret as a whole JSON string, `"T"`, in any of its forms. */
  wholeString: RegExp;
  /** The lower-case start of each form: text holding none of them (and no escapes) is skipped. */
  starts: string[];
}

const known = new Map<string, Known>();
let longestFirst: Known[] = [];

/**
 * Registers values to hide in everything this process prints or writes from now on. Empty
 * and missing values are ignored.
 */
export function addSecrets(...values: (string | undefined)[]): void {
  let added = false;
  for (const value of values) {
    if (value === undefined || value === '' || known.has(value)) continue;
    const forms = [value, ...(value.length >= MIN_HIDDEN_ANYWHERE ? base64Forms(value) : [])];
    const alternatives = forms.sort((a, b) => b.length - a.length).map(echoPattern).join('|');
    known.set(value, {
      value,
      anywhere: value.length >= MIN_HIDDEN_ANYWHERE ? new RegExp(alternatives, 'gi') : undefined,
      wholeString: new RegExp(`"(?:${alternatives})"`, 'gi'),
      starts: [...new Set(forms.map((f) => f.slice(0, 4).toLowerCase()))],
    });
    added = true;
  }
  if (added) longestFirst = [...known.values()].sort((a, b) => b.value.length - a.value.length);
}

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
  return [...new Set(out)];
}

/**
 * A pattern for `text` as a target might echo it: each character as itself, as a JSON `\uXXXX`
 * escape (`\/` too), or percent-encoded; the caller adds the `i` flag for changed case.
 */
function echoPattern(text: string): string {
  return [...text]
    .map((ch) => {
      const code = ch.codePointAt(0)!;
      const literal = ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
      if (code > 0xffff) return literal;
      const hex4 = code.toString(16).padStart(4, '0');
      const alts = [literal, `\\\\u${hex4}`];
      if (ch === '/') alts.push('\\\\/');
      if (code < 0x80) alts.push(`%${hex4.slice(2)}`);
      return `(?:${alts.join('|')})`;
    })
    .join('');
}

/** Text with every known secret hidden: long ones anywhere, short ones as whole JSON strings. */
export function redactSecrets(text: string): string {
  if (longestFirst.length === 0) return text;
  // The patterns are costly on large bodies; most text holds no form of any secret, which a
  // plain search for each form's start (and for escapes) tells cheaply.
  const lower = text.toLowerCase();
  const escaped = text.includes('\\') || text.includes('%');
  let out = text;
  for (const k of longestFirst) {
    if (!escaped && !k.starts.some((start) => lower.includes(start))) continue;
    out = k.anywhere !== undefined ? out.replace(k.anywhere, REDACTED) : out.replace(k.wholeString, `"${REDACTED}"`);
  }
  return out;
}

/** True when `value` is, whole, a known secret in another case (a secret of any length). */
function isSecret(value: string): boolean {
  const lower = value.trim().toLowerCase();
  return lower !== '' && longestFirst.some((k) => k.value.toLowerCase() === lower);
}

/** Hides known secrets and credential shapes in free text: a body, a URL, a message, a line of output. */
export function redactText(text: string): string {
  let out = redactSecrets(text);
  for (const [pattern, replacement] of SHAPES) out = out.replace(pattern, replacement);
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
    const scheme = /^(\S+)\s+(\S+)$/.exec(value.trim());
    if (isSecret(value)) return REDACTED;
    if (scheme !== null && isSecret(scheme[2]!)) return `${scheme[1]} ${REDACTED}`;
    return text(value);
  }
  const scheme = /^(\S+)\s+\S/.exec(value)?.[1];
  return scheme && lower.endsWith('authorization') ? `${scheme} ${REDACTED}` : REDACTED;
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
      return isSecret(value) ? REDACTED : redactText(value);
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
