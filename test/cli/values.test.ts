import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/run/exit-codes.js';
import { parseDuration, parseLevel, parseList, parsePositiveInt, parseTarget } from '../../src/run/values.js';
import { parseSettings } from '../../src/cli/args.js';
import { runFlags } from '../../src/cli/flags.js';

describe('flag values', () => {
  it('reads durations in ms, s, m and h', () => {
    expect(parseDuration('500ms', '--timeout')).toBe(500);
    expect(parseDuration('30s', '--timeout')).toBe(30_000);
    expect(parseDuration('2m', '--timeout')).toBe(120_000);
    expect(parseDuration('1h', '--timeout')).toBe(3_600_000);
    expect(() => parseDuration('soon', '--timeout')).toThrow(/--timeout soon: not a duration: write a number and its unit \(ms, s, m or h/);
  });
  it('refuses a duration without its unit, naming where it came from', () => {
    expect(() => parseDuration('30', '--timeout')).toThrow('--timeout 30: add a unit, e.g. 30s or 30ms');
    expect(() => parseDuration('30', 'GSC_TIMEOUT')).toThrow('GSC_TIMEOUT 30: add a unit, e.g. 30s or 30ms');
  });
  it('reads levels in any case and suggests the one meant', () => {
    expect(parseLevel('should', '--level')).toBe('SHOULD');
    expect(() => parseLevel('MUTS', '--level')).toThrow(/did you mean MUST\?/);
  });
  it('accepts http(s) base URLs only, without credentials or queries', () => {
    expect(parseTarget('https://graph.microsoft.com/v1.0/', '--target')).toBe('https://graph.microsoft.com/v1.0');
    expect(() => parseTarget('graph.microsoft.com', '--target')).toThrow(UsageError);
    expect(() => parseTarget('ftp://h/v1.0', '--target')).toThrow(/http:\/\/ or https:\/\//);
    expect(() => parseTarget('https://u:p@h/v1.0', '--target')).toThrow(/credentials/);
    expect(() => parseTarget('https://h/v1.0?x=1', '--target')).toThrow(/query/);
    expect(parseTarget('https://graph.microsoft.com/beta', '--target')).toBe('https://graph.microsoft.com/beta');
    expect(() => parseTarget('https://graph.microsoft.com', '--target')).toThrow(
      '--target "https://graph.microsoft.com" does not end in a version segment: add /v1.0 (or /beta), e.g. https://graph.microsoft.com/v1.0');
    expect(() => parseTarget('http://127.0.0.1:8080/graph/', '--target')).toThrow(/add \/v1\.0 \(or \/beta\), e\.g\. http:\/\/127\.0\.0\.1:8080\/graph\/v1\.0$/);
    // A wrong version is replaced, never kept: not …/v2.0/v1.0.
    expect(() => parseTarget('http://127.0.0.1:8080/v2.0', '--target')).toThrow(
      '--target "http://127.0.0.1:8080/v2.0" does not end in a version segment: v2.0 is not a Graph version: replace it with v1.0 (or beta), e.g. http://127.0.0.1:8080/v1.0');
    expect(() => parseTarget('https://graph.microsoft.com/V1.0', '--target')).toThrow(/V1\.0 is not a Graph version: replace it with v1\.0 \(or beta\), e\.g\. https:\/\/graph\.microsoft\.com\/v1\.0$/);
    expect(() => parseTarget('https://graph.microsoft.com/graph/v1', '--target')).toThrow(/e\.g\. https:\/\/graph\.microsoft\.com\/graph\/v1\.0$/);
    expect(() => parseTarget('https://graph.microsoft.com/v1.0/servicePrincipals', '--target')).toThrow(
      /give the base URL only, https:\/\/graph\.microsoft\.com\/v1\.0: the run adds/);
  });
  it('reads whole numbers and lists', () => {
    expect(parsePositiveInt('4', '--concurrency')).toBe(4);
    expect(() => parsePositiveInt('0', '--concurrency')).toThrow(/at least 1/);
    expect(parseList(' a, ,b ')).toEqual(['a', 'b']);
  });
});

describe('settings precedence', () => {
  it('takes a flag over its environment variable, and the environment over nothing', () => {
    const env = { GSC_TARGET: 'http://env/v1.0', GSC_LEVEL: 'SHOULD' };
    const s = parseSettings(['--target', 'http://flag/v1.0'], runFlags, env);
    expect(s.get('target')).toBe('http://flag/v1.0');
    expect(s.source('target')).toEqual({ kind: 'flag', label: '--target' });
    expect(s.get('level')).toBe('SHOULD');
    expect(s.source('level')).toEqual({ kind: 'env', label: 'GSC_LEVEL' });
    expect(s.get('grep')).toBeUndefined();
  });
  it('notes a secret given on the command line, so the CLI can warn', () => {
    expect(parseSettings(['--token', 'T'], runFlags, {}).secretsOnCommandLine).toEqual(['--token']);
    expect(parseSettings([], runFlags, { GSC_TOKEN: 'T' }).secretsOnCommandLine).toEqual([]);
  });
  it('turns an unknown or incomplete flag into a usage error with a suggestion', () => {
    expect(() => parseSettings(['--taget', 'x'], runFlags, {})).toThrow(/unknown flag --taget: did you mean --target\?/);
    expect(() => parseSettings(['--target'], runFlags, {})).toThrow(/--target needs a value/);
  });
});
