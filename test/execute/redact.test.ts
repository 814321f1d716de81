import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from '../../src/execute/redact.js';

describe('redaction', () => {
  it('keeps the scheme of an Authorization header and hides the credential', () => {
    const r = new Redactor();
    expect(r.headers({ Authorization: 'Bearer eyJ.secret.sig', 'Content-Type': 'application/json' }))
      .toEqual({ authorization: `Bearer ${REDACTED}`, 'content-type': 'application/json' });
  });
  it('hides cookies whole', () => {
    expect(new Redactor().headers({ cookie: 'a=b', 'set-cookie': 'c=d' })).toEqual({ cookie: REDACTED, 'set-cookie': REDACTED });
  });
  it('removes known secrets wherever they appear in text, longest first', () => {
    const r = new Redactor();
    r.add('token-123456', 'token-123456-extended');
    expect(r.text('echo: token-123456-extended and token-123456')).toBe(`echo: ${REDACTED} and ${REDACTED}`);
  });
  it('ignores values too short to be secrets, which would hide ordinary words', () => {
    const r = new Redactor();
    r.add('abc', undefined, '');
    expect(r.text('abc')).toBe('abc');
  });
});
