import type { Dispatcher } from 'undici';

/** Where the engine gets its bearer token from. */
export interface TokenProvider {
  /** A bearer token, cached for the run and refreshed before it expires (at least 5 min early). */
  getToken(): Promise<string>;
  /** For messages: "client credentials for app 1111… in tenant contoso… (secret)" — never the secret. */
  describe(): string;
  /** Every secret value this provider knows (tokens it issued, the client secret, the key PEM), for redaction. */
  secrets(): string[];
}

/** What the sign-in talks through; the defaults suit a real run, tests replace them. */
export interface AuthDeps {
  /**
   * The undici dispatcher for sign-in requests: a proxy agent, an agent trusting a test CA,
   * or a MockAgent. @default undici's global dispatcher, read when the provider is created
   */
  dispatcher?: Dispatcher;
  /** Clock in ms since the epoch; decides expiry and refresh. @default Date.now */
  now?: () => number;
  /** Deadline for each sign-in request, connect to last byte. @default 30000 */
  timeoutMs?: number;
}
