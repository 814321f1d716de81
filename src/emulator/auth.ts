import type { IncomingHttpHeaders } from 'node:http';

/**
 * Why a request's credentials were refused.
 * - `missing`: no Authorization header, or an empty one.
 * - `malformed`: the header is not `Bearer <token>`.
 * - `invalid`: a bearer token the emulator does not accept.
 */
export type AuthProblem = 'missing' | 'malformed' | 'invalid';

/** The refusal Graph sends for each problem: always 401 `InvalidAuthenticationToken`. */
export interface AuthFailure {
  problem: AuthProblem;
  message: string;
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
// What Graph says when the token is not a JWT at all.
const COMPACT = 'CompactToken parsing failed with error code: 80049217';

/** Checks the Authorization header against the accepted tokens; `undefined` means accepted. */
export function checkAuth(headers: IncomingHttpHeaders, tokens: ReadonlySet<string>): AuthFailure | undefined {
  const header = headers.authorization?.trim() ?? '';
  if (header === '') return { problem: 'missing', message: 'Access token is empty.' };
  const match = /^bearer\s+(\S+)$/i.exec(header);
  if (!match) return { problem: 'malformed', message: COMPACT };
  const token = match[1] ?? '';
  if (tokens.has(token)) return undefined;
  return {
    problem: 'invalid',
    message: JWT.test(token) ? 'Access token validation failure. Invalid audience.' : COMPACT,
  };
}
