import type { IncomingHttpHeaders } from 'node:http';

/**
 * Why a request's credentials were refused.
 * - `missing`: no Authorization header, or an empty one.
 * - `malformed`: not a token at all: another scheme (`Basic …`) or a bearer value that is not
 *   shaped like a JWT (`Bearer not-a-token`). Graph cannot even parse it.
 * - `invalid`: a JWT-shaped bearer token the emulator does not accept (wrong audience, expired…).
 */
export type AuthProblem = 'missing' | 'malformed' | 'invalid';

/** The refusal Graph sends for each problem: always 401 `InvalidAuthenticationToken`. */
export interface AuthFailure {
  problem: AuthProblem;
  message: string;
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
// What Graph says when the token cannot be parsed, as reported in
// https://github.com/microsoftgraph/msgraph-sample-reactspa/issues/54 and
// https://github.com/microsoftgraph/msgraph-training-dotnet/issues/31.
const COMPACT = 'CompactToken parsing failed with error code: 80049217';

/** The bearer token of the Authorization header, if it carries one. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  return /^bearer\s+(\S+)$/i.exec(headers.authorization?.trim() ?? '')?.[1];
}

/** Checks the Authorization header against the accepted tokens; `undefined` means accepted. */
export function checkAuth(headers: IncomingHttpHeaders, tokens: ReadonlySet<string>): AuthFailure | undefined {
  const header = headers.authorization?.trim() ?? '';
  if (header === '') return { problem: 'missing', message: 'Access token is empty.' };
  const token = /^bearer\s+(\S+)$/i.exec(header)?.[1];
  // Fixture tokens are plain strings, so they are looked up before the JWT shape is checked.
  if (token !== undefined && tokens.has(token)) return undefined;
  if (token === undefined || !JWT.test(token)) return { problem: 'malformed', message: COMPACT };
  return { problem: 'invalid', message: 'Access token validation failure. Invalid audience.' };
}
