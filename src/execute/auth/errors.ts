/**
 * Why signing in failed:
 * - `incomplete`: the options cannot work (missing tenant, two credentials, bad authority URL…);
 *   nothing was sent.
 * - `rejected`: Entra answered and refused (wrong tenant, unknown app, bad or expired secret…).
 * - `unreachable`: no usable answer (connection refused, TLS failure, timeout, not a token endpoint).
 * - `certificate`: the client certificate file cannot be used (unreadable, no key, key and
 *   certificate do not match…); nothing was sent.
 * - `untrusted`: the authority's metadata sent the sign-in to another origin; the credential was
 *   not sent there.
 */
export type SignInErrorCode = 'incomplete' | 'rejected' | 'unreachable' | 'certificate' | 'untrusted';

/**
 * A sign-in problem worded for the person running the suite. `message` says what went wrong,
 * `hint` says what to do. Neither ever holds a secret, an assertion or a token.
 */
export class SignInError extends Error {
  override name = 'SignInError';
  code: SignInErrorCode;
  /** How to fix it, naming the flags and environment variables to set. */
  hint: string;

  constructor(code: SignInErrorCode, message: string, hint: string) {
    super(message);
    this.code = code;
    this.hint = hint;
  }
}
