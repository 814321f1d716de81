import { Redactor } from '../execute/redact.js';
import { redactHeader, redactText } from '../report/index.js';

/** Headers whose values are credentials: their values are learnt, so an echo in a body is hidden too. */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/**
 * Hides what passes through the proxy before anything is kept: credential headers lose their
 * value (`Bearer [REDACTED]`), every credential a client sent is then hidden wherever it appears
 * (a body, a URL), and the report redactor's patterns (JWTs, `access_token`, secret key/value
 * pairs) apply to every text. Nothing unredacted is ever stored, reported or recorded.
 */
export class TrafficRedactor {
  readonly #seen = new Redactor();

  /** Remembers the credentials in a request's headers. */
  learn(headers: Record<string, string | string[] | undefined>): void {
    for (const name of CREDENTIAL_HEADERS) {
      const raw = headers[name];
      for (const value of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
        this.#seen.add(value, value.replace(/^\S+\s+/, ''), ...value.split(/;\s*/).map((c) => c.slice(c.indexOf('=') + 1)));
      }
    }
  }

  text(value: string): string {
    return this.#seen.text(redactText(value));
  }

  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = this.#seen.text(redactHeader(name, value));
    return out;
  }
}
