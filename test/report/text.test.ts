import { describe, expect, it } from 'vitest';
import { redactHeader, redactJson, redactText } from '../../src/common/redact.js';
import { formatDuration, truncate, visible } from '../../src/report/text.js';
import { xmlAttr, xmlText } from '../../src/report/xml.js';

describe('visible', () => {
  it('shows control characters, bidi overrides, noncharacters and lone surrogates as escapes', () => {
    expect(visible('a\u0000b\u001b[2Jc\u007fd\u202ee\uffff')).toBe('a\\u0000b\\u001b[2Jc\\u007fd\\u202ee\\uffff');
    expect(visible('x\ud800y\udc00z')).toBe('x\\ud800y\\udc00z');
  });

  it('keeps tabs, newlines, accents and emoji; CRLF becomes LF and a lone CR is shown', () => {
    expect(visible('é\t😀\r\nnext\rover')).toBe('é\t😀\nnext\\u000dover');
  });
});

describe('truncate', () => {
  it('keeps the text whole when it fits', () => {
    expect(truncate('abc', 10, 10)).toEqual({ text: 'abc', omittedChars: 0 });
  });

  it('cuts at the character or line limit, whichever comes first', () => {
    expect(truncate('abcdef', 4, 10)).toEqual({ text: 'abcd', omittedChars: 2 });
    expect(truncate('a\nb\nc\nd', 100, 2)).toEqual({ text: 'a\nb', omittedChars: 4 });
  });

  it('never splits an emoji in two', () => {
    expect(truncate('ab😀', 3, 10).text).toBe('ab');
  });
});

describe('formatDuration', () => {
  it('reads naturally at every scale', () => {
    expect([formatDuration(12.4), formatDuration(1234), formatDuration(125_000), formatDuration(Number.NaN)]).toEqual(['12 ms', '1.2 s', '2 min 5 s', '? ms']);
    // `--duration 1m` is said as written, not "1 min 0 s".
    expect([formatDuration(60_000), formatDuration(600_000)]).toEqual(['1 min', '10 min']);
  });
});

describe('xml escaping', () => {
  it('escapes markup, so ]]> needs no CDATA', () => {
    expect(xmlText(`]]> <a href="x">'&'</a>`)).toBe(']]&gt; &lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });

  it('keeps line breaks in attributes', () => {
    expect(xmlAttr('a\nb\tc')).toBe('a&#10;b&#9;c');
  });
});

describe('redaction', () => {
  it('hides credential headers but keeps the auth scheme', () => {
    expect(redactHeader('Authorization', 'Bearer abc.def')).toBe('Bearer [REDACTED]');
    expect(redactHeader('authorization', 'garbage')).toBe('[REDACTED]');
    expect(redactHeader('Set-Cookie', 'a=b; HttpOnly')).toBe('[REDACTED]');
    expect(redactHeader('content-type', 'application/json')).toBe('application/json');
  });

  it('hides OAuth fields in JSON text, form bodies and query strings', () => {
    expect(redactText('{"access_token" : "abc\\"def", "expires_in": 3599}')).toBe('{"access_token" : "[REDACTED]", "expires_in": 3599}');
    expect(redactText('grant_type=client_credentials&client_secret=s3cr%3Dt&scope=x')).toBe('grant_type=client_credentials&client_secret=[REDACTED]&scope=x');
    expect(redactText('{"refresh_token":"cut short by truncati')).toBe('{"refresh_token":"[REDACTED]"');
  });

  it('hides bearer tokens and JWTs quoted in text, but not a WWW-Authenticate challenge', () => {
    expect(redactText('sent Bearer abcdefghijklmnopqrstuvwxyz0123')).toBe('sent Bearer [REDACTED]');
    expect(redactText('Bearer realm="", authorization_uri="https://login"')).toBe('Bearer realm="", authorization_uri="https://login"');
    expect(redactText('token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-nature ok')).toBe('token [REDACTED] ok');
  });

  it('hides a password in a URL', () => {
    expect(redactText('https://me:pw@host/x')).toBe('https://[REDACTED]@host/x');
  });

  it('copies JSON with secret fields and secret key/value pairs hidden', () => {
    expect(redactJson({ value: [{ key: 'BaseAddress', value: 'https://scim' }, { key: 'SecretToken', value: 's' }], password: 'p', n: null })).toEqual({
      value: [{ key: 'BaseAddress', value: 'https://scim' }, { key: 'SecretToken', value: '[REDACTED]' }],
      password: '[REDACTED]',
      n: null,
    });
  });

  it('never throws on values JSON cannot hold', () => {
    const thrower = Object.defineProperty({}, 'boom', { enumerable: true, get: () => { throw new Error('no'); } });
    expect(redactJson({ f: () => 1, big: 2n, inf: Infinity, when: new Date(0), err: new Error('bad'), t: thrower, list: [undefined] })).toEqual({
      big: '2', inf: 'Infinity', when: '1970-01-01T00:00:00.000Z', err: 'Error: bad', t: '[Unreadable]', list: [null],
    });
    expect(redactJson(undefined)).toBeUndefined();
  });
});
