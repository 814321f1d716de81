import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** Authentication: every request without a valid token answers 401. */
export const AUTH: readonly Deviation[] = [
  /** Authentication is skipped when no header is sent. */
  {
    name: 'missing-auth-accepted', breaks: 'A request without Authorization answers 401', doc: DOCS.errors,
    acceptAuth: 'missing',
    mustFail: { probes: ['missingAuth401'], cases: ['create/requires-authorization', 'create/auth-error-code-is-invalid-authentication-token'] },
  },
  /** Whatever cannot be parsed as a token is let through, as if authentication were optional. */
  {
    name: 'malformed-auth-accepted', breaks: 'A request whose Authorization is not a token at all (another scheme, or Bearer garbage) answers 401',
    doc: DOCS.errors,
    acceptAuth: 'malformed',
    mustFail: { probes: ['malformedAuth401'], cases: ['create/rejects-malformed-token'] },
  },
  /** Permissions are not checked: a token that may only read creates jobs. */
  {
    name: 'read-only-token-writes', breaks: 'A write with a token that lacks the write permission answers 401 UnknownError or 403', doc: DOCS.errors,
    readOnlyTokensWrite: true,
    mustFail: { probes: ['readOnlyWritesRefused'], cases: ['auth/low-privilege-token-is-refused'] },
  },
  /** JWTs are parsed but their signature and audience are not validated. */
  {
    name: 'invalid-token-accepted', breaks: 'A request with a well-formed (JWT) bearer token the service does not accept answers 401',
    doc: DOCS.errors,
    acceptAuth: 'invalid',
    mustFail: { probes: ['invalidToken401'], cases: ['create/rejects-invalid-token'] },
  },
  /** 403 means authenticated but not allowed; a missing or bad token is 401 InvalidAuthenticationToken. */
  {
    name: 'auth-failure-403', breaks: 'Authentication failures answer 401, not 403', doc: DOCS.errors,
    reply: (r) => (r.problem === 'auth' ? { ...r, status: 403 } : r),
    mustFail: {
      probes: ['missingAuth401', 'malformedAuth401', 'invalidToken401'],
      cases: ['create/requires-authorization', 'create/rejects-malformed-token', 'create/rejects-invalid-token'],
    },
  },
];
