import { describe, expect, it } from 'vitest';
import { closestValue, didYouMean, editDistance } from '../../src/common/did-you-mean.js';
import { listOf } from '../../src/common/words.js';

describe('suggestions for a misspelt key or value', () => {
  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('metohd', 'method')).toBe(1);
    expect(editDistance('expct', 'expect')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('offers the key a typo most likely meant, and nothing for an unrelated word', () => {
    const stepKeys = ['name', 'request', 'expect', 'capture', 'eventually'];
    expect(didYouMean('expct', stepKeys)).toBe('expect');
    expect(didYouMean('requset', stepKeys)).toBe('request');
    expect(didYouMean('Capture', stepKeys)).toBe('capture');
    expect(didYouMean('foo', stepKeys)).toBeUndefined();
  });

  it('offers the nearest value of a closed set, case first', () => {
    expect(closestValue('Must', ['MUST', 'SHOULD', 'MAY'])).toBe('MUST');
    expect(closestValue('post', ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])).toBe('POST');
    expect(closestValue('nobody', ['run', 'none', 'invalid', 'malformed'])).toBe('none');
    expect(closestValue('xyz', ['MUST', 'SHOULD', 'MAY'])).toBeUndefined();
  });

  it('lists values in backticks', () => {
    expect(listOf(['a', 'b', 'c'])).toBe('`a`, `b` or `c`');
    expect(listOf(['a', 'b'], 'and')).toBe('`a` and `b`');
    expect(listOf(['a'])).toBe('`a`');
  });
});
