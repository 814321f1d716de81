/**
 * Defensive redaction for everything a reporter prints or writes. The engine already hides the
 * run's token, but a report is the last line of defence: a token echoed in a body, a cookie set
 * by the target or an OAuth field in a form body must not end up in a CI log or an artifact.
 */

/** What replaces a secret wherever it would have been shown. */
export const REDACTED = '[REDACTED]';

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

/** Text patterns, applied to every string shown: bodies that do not parse, URLs, messages. */
const TEXT_RULES: [RegExp, string][] = [
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

/** Hides credentials in free text (a body, a URL, a message). */
export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_RULES) out = out.replace(pattern, replacement);
  return out;
}

/**
 * A header value fit to show. Credential headers lose their value; an Authorization header
 * keeps its scheme (`Bearer [REDACTED]`), which tells a reader which auth mode a case sent.
 */
export function redactHeader(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (!SECRET_HEADERS.has(lower)) return redactText(value);
  if (value === '') return value;
  const scheme = /^(\S+)\s+\S/.exec(value)?.[1];
  return scheme && lower.endsWith('authorization') ? `${scheme} ${REDACTED}` : REDACTED;
}

/** Redacts every value of a header map; names become lower-case. Tolerates a missing map. */
export function redactHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers || typeof headers !== 'object') return out;
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = redactHeader(name, String(value ?? ''));
  return out;
}

/**
 * A JSON-safe, redacted deep copy of any value: secret fields are replaced, strings are
 * redacted as text, and what JSON cannot hold is made harmless (cycles, bigints, functions,
 * errors, absurd depth) so a reporter never throws on odd data. `undefined` stays `undefined`.
 */
export function redactJson(value: unknown): unknown {
  return copy(value, new WeakSet(), 0);
}

const MAX_DEPTH = 64;

function copy(value: unknown, seen: WeakSet<object>, depth: number): unknown {
  switch (typeof value) {
    case 'string':
      return redactText(value);
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
