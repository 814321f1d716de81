/** What replaces a secret wherever it would have been shown. */
export const REDACTED = '[REDACTED]';

/** Headers whose values are credentials, whatever they contain. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/**
 * Removes secrets from text before it is recorded. Secrets are matched literally, longest
 * first, so a token that contains another secret is still removed whole.
 */
export class Redactor {
  private secrets: string[] = [];

  /** Adds values to hide; values shorter than 6 characters are ignored (they would hide ordinary text). */
  add(...values: (string | undefined)[]): void {
    for (const v of values) if (v && v.length >= 6 && !this.secrets.includes(v)) this.secrets.push(v);
    this.secrets.sort((a, b) => b.length - a.length);
  }

  text(value: string): string {
    let out = value;
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
    return out;
  }

  /** Header values with credentials hidden: `Bearer [REDACTED]` keeps the scheme, which helps debugging. */
  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      const lower = name.toLowerCase();
      if (SECRET_HEADERS.has(lower)) {
        const scheme = /^(\S+)\s+\S/.exec(value)?.[1];
        out[lower] = scheme && lower.endsWith('authorization') ? `${scheme} ${REDACTED}` : REDACTED;
      } else out[lower] = this.text(value);
    }
    return out;
  }
}
