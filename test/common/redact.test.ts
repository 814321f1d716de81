import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor, redactHeaders, redactJson, redactText } from '../../src/common/redact.js';

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
  it('hides a secret learnt later in a header value or URL it already showed before (nothing stays remembered unredacted)', () => {
    const r = new Redactor();
    const url = 'https://graph.example/jobs?sig=learnt-later-secret';
    expect(r.text(url)).toBe(url);
    expect(r.headers({ 'x-echo': 'learnt-later-secret' })).toEqual({ 'x-echo': 'learnt-later-secret' });
    r.add('learnt-later-secret');
    expect(r.text(url)).toBe(`https://graph.example/jobs?sig=${REDACTED}`);
    expect(r.headers({ 'x-echo': 'learnt-later-secret' })).toEqual({ 'x-echo': REDACTED });
  });
  it('hides a secret learnt later in text, header values and JSON a report already showed (what was redacted before is not reused)', () => {
    const text = 'echoed: reporter-learnt-secret';
    const json = { note: 'reporter-learnt-secret' };
    expect(redactText(text)).toBe(text);
    expect(redactHeaders({ 'x-echo': 'reporter-learnt-secret' })).toEqual({ 'x-echo': 'reporter-learnt-secret' });
    expect(redactJson(json)).toEqual(json);
    new Redactor().add('reporter-learnt-secret');
    expect(redactText(text)).toBe(`echoed: ${REDACTED}`);
    expect(redactHeaders({ 'x-echo': 'reporter-learnt-secret' })).toEqual({ 'x-echo': REDACTED });
    expect(redactJson(json)).toEqual({ note: REDACTED });
  });
  it('ignores values too short to be secrets, which would hide ordinary words', () => {
    const r = new Redactor();
    r.add('abc', undefined, '');
    expect(r.text('abc')).toBe('abc');
  });
});

describe('a known secret, in every form a target might echo it', () => {
  const secret = 'Echo-Secret-42xyz';
  const r = new Redactor();
  r.add(secret);

  it('is hidden written as JSON \\u escapes, so the decoded body holds no secret either', () => {
    const escaped = [...secret].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const body = r.text(`{"echo":"${escaped}","mixed":"Echo-\\u0053ecret-42xyz"}`);
    expect(JSON.parse(body)).toEqual({ echo: REDACTED, mixed: REDACTED });
  });

  it('leaves an escaped backslash followed by text as it is: that is no escape, and no secret', () => {
    // JSON for the text `\u0045cho-Secret-42xyz`: read as an escape it would spell the secret.
    const body = '{"p":"\\\\u0045cho-Secret-42xyz"}';
    expect(r.text(body)).toBe(body);
    expect(r.text(body.replace('\\\\', '\\'))).toBe(`{"p":"${REDACTED}"}`);
  });

  it('is hidden in upper and lower case, and percent-encoded', () => {
    expect(r.text(`${secret.toUpperCase()} ${secret.toLowerCase()} ${encodeURIComponent(secret).replace(/-/g, '%2D')}`)).toBe(`${REDACTED} ${REDACTED} ${REDACTED}`);
  });

  it('is hidden in base64, alone or inside a longer base64 text such as a Basic credential', () => {
    for (const prefix of ['', 'u:', 'us:', 'user:']) {
      const b64 = Buffer.from(`${prefix}${secret}`).toString('base64');
      expect(r.text(`Basic ${b64}`), prefix).not.toContain(b64.slice(4, -4));
      expect(r.text(Buffer.from(`${prefix}${secret}`).toString('base64url')), `${prefix} url-safe`).toContain(REDACTED);
    }
  });
});

describe('a short secret (emulators accept --token T)', () => {
  const r = new Redactor();
  r.add('Tk1');

  it('is hidden as a whole JSON string and a whole header value, in any case', () => {
    expect(r.text('{"a":"Tk1","b":"tk1","c":"Tk1 and more"}')).toBe(`{"a":"${REDACTED}","b":"${REDACTED}","c":"Tk1 and more"}`);
    expect(r.headers({ 'x-echo': 'Tk1', 'x-auth': 'Bearer tk1', 'x-other': 'Tk1a' })).toEqual({ 'x-echo': REDACTED, 'x-auth': `Bearer ${REDACTED}`, 'x-other': 'Tk1a' });
  });

  it('leaves ordinary text alone, so output is not garbled', () => {
    expect(redactText('Tk1 appears in Tk1000 and in prose')).toBe('Tk1 appears in Tk1000 and in prose');
  });

  it('is never a whole JSON string in a report', () => {
    expect(redactJson({ id: 'Tk1', list: ['TK1'], text: 'Tk1 x' })).toEqual({ id: REDACTED, list: [REDACTED], text: 'Tk1 x' });
  });
});
