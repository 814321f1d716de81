import { describe, expect, it } from 'vitest';
import { InvalidExpectationError, escapeToken, formatPointer, parsePointer, resolvePointer } from '../../../src/assert/index.js';

// The document from RFC 6901 section 5, plus a few Graph-shaped keys.
const doc = {
  foo: ['bar', 'baz'],
  '': 0,
  'a/b': 1,
  'c%d': 2,
  'e^f': 3,
  'g|h': 4,
  'i\\j': 5,
  'k"l': 6,
  ' ': 7,
  'm~n': 8,
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#jobs',
  status: { lastExecution: null, quarantine: { seriesCount: 0 } },
};

describe('resolvePointer (RFC 6901)', () => {
  it.each([
    ['', doc],
    ['/foo', ['bar', 'baz']],
    ['/foo/0', 'bar'],
    ['/', 0],
    ['/a~1b', 1],
    ['/c%d', 2],
    ['/e^f', 3],
    ['/g|h', 4],
    ['/i\\j', 5],
    ['/k"l', 6],
    ['/ ', 7],
    ['/m~0n', 8],
    ['/@odata.context', 'https://graph.microsoft.com/v1.0/$metadata#jobs'],
    ['/status/lastExecution', null],
    ['/status/quarantine/seriesCount', 0],
  ])('%j resolves', (pointer, value) => {
    expect(resolvePointer(doc, pointer)).toEqual({ found: true, value });
  });

  it.each([
    ['/nope', 'a missing key'],
    ['/foo/2', 'an index past the end'],
    ['/foo/-', '"-", the index after the last element'],
    ['/foo/01', 'an index with a leading zero'],
    ['/foo/+1', 'a signed index'],
    ['/foo/x', 'a key on an array'],
    ['/status/lastExecution/state', 'a key below null'],
    ['/foo/0/length', 'a key below a string'],
    ['/constructor', 'an inherited property'],
    ['/__proto__', 'the prototype'],
  ])('%j does not resolve (%s)', (pointer) => {
    expect(resolvePointer(doc, pointer)).toEqual({ found: false });
  });

  it('resolves "" in any document, even null', () => {
    expect(resolvePointer(null, '')).toEqual({ found: true, value: null });
  });

  it('unescapes ~01 to "~1", not "/"', () => {
    expect(parsePointer('/~01')).toEqual(['~1']);
    expect(resolvePointer({ '~1': 'tilde-one', '/': 'slash' }, '/~01')).toEqual({ found: true, value: 'tilde-one' });
  });

  it.each([
    ['foo', 'a JSON pointer starts with `/`'],
    ['/a~2b', '`~` must be written `~0`'],
    ['/a~', '`~` must be written `~0`'],
  ])('rejects the malformed pointer %j with a clear message', (pointer, why) => {
    expect(() => resolvePointer(doc, pointer)).toThrow(InvalidExpectationError);
    expect(() => resolvePointer(doc, pointer)).toThrow(why);
  });

  it('escapes tokens so formatting and parsing round-trip', () => {
    const tokens = ['a/b', 'm~n', '', '0', '~1'];
    expect(escapeToken('a/b~c')).toBe('a~1b~0c');
    expect(parsePointer(formatPointer(tokens))).toEqual(tokens);
    expect(formatPointer(['value', 0, 'id'])).toBe('/value/0/id');
  });
});
