import { addSecrets, redactHeader, redactText } from '../common/redact.js';

/** Headers whose values are credentials: their values are learnt, so an echo in a body is hidden too. */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/**
 * Hides what passes through the proxy before anything is kept, with the project's one redactor:
 * every credential a client sends is registered as a secret (so an echo in a body or a URL is
 * hidden, in any encoding the redactor knows), credential headers lose their value
 * (`Bearer [REDACTED]`), and the redactor's credential shapes (JWTs, `access_token`, secret
 * key/value pairs) apply to every text. Nothing unredacted is stored, reported or recorded.
 */
export class TrafficRedactor {
  /** Remembers the credentials in a request's headers. */
  learn(headers: Record<string, string | string[] | undefined>): void {
    for (const name of CREDENTIAL_HEADERS) {
      const raw = headers[name];
      for (const value of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
        addSecrets(value, value.replace(/^\S+\s+/, ''), ...value.split(/;\s*/).map((c) => c.slice(c.indexOf('=') + 1)));
      }
    }
  }

  text(value: string): string {
    return redactText(value);
  }

  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = redactHeader(name, value);
    return out;
  }
}
