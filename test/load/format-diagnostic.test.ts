import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model/index.js';
import { formatDiagnostic } from '../../src/load/index.js';

const source = ['suite: x', 'cases:', '  - steps:', '      - name: a', '        expct:', '          status: 200'].join('\n');
const sources = new Map([['suites/x.yaml', source]]);
const typo: Diagnostic = {
  code: 'unknown-key',
  message: 'unknown key `expct` in a step',
  hint: 'did you mean `expect`?',
  span: { file: 'suites/x.yaml', line: 5, col: 9, endLine: 5, endCol: 14 },
  severity: 'error',
};

describe('formatting a diagnostic for the terminal', () => {
  it('shows the place, the line and a caret under the key, rustc style', () => {
    expect(formatDiagnostic(typo, sources)).toBe(
      ['error[unknown-key]: unknown key `expct` in a step', ' --> suites/x.yaml:5:9', '  |', '5 |         expct:', '  |         ^^^^^', '  = help: did you mean `expect`?'].join('\n'),
    );
  });

  it('widens the gutter for long line numbers', () => {
    const far = { ...typo, span: { file: 'big.yaml', line: 120, col: 3, endLine: 120, endCol: 4 } };
    const big = new Map([['big.yaml', `${'x\n'.repeat(119)}  k: v\n`]]);
    expect(formatDiagnostic(far, big).split('\n').slice(1, 5)).toEqual(['   --> big.yaml:120:3', '    |', '120 |   k: v', '    |   ^']);
  });

  it('underlines to the end of the first line for a span over several lines', () => {
    const multi = { ...typo, span: { file: 'suites/x.yaml', line: 3, col: 5, endLine: 6, endCol: 22 } };
    expect(formatDiagnostic(multi, sources).split('\n')[4]).toBe('  |     ^^^^^^');
  });

  it('shows only the place when the source is not at hand, and only the text without a place', () => {
    expect(formatDiagnostic(typo, new Map())).toBe('error[unknown-key]: unknown key `expct` in a step\n --> suites/x.yaml:5:9\n  = help: did you mean `expect`?');
    const placeless: Diagnostic = { code: 'missing-specs', message: 'no OpenAPI document', severity: 'warning' };
    expect(formatDiagnostic(placeless, sources)).toBe('warning[missing-specs]: no OpenAPI document');
  });

  it('keeps the caret under its column after a tab', () => {
    const tabbed = new Map([['t.yaml', 'a:\t"x" # y']]);
    const d = { ...typo, span: { file: 't.yaml', line: 1, col: 4, endLine: 1, endCol: 7 } };
    const lines = formatDiagnostic(d, tabbed).split('\n');
    expect(lines[3]).toBe('1 | a:  "x" # y');
    expect(lines[4]).toBe('  |     ^^^');
  });

  it('never prints a bearer token from the source line', () => {
    const leaky = new Map([['s.yaml', '  headers: { Authorization: "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOi.abc" }']]);
    const d = { ...typo, span: { file: 's.yaml', line: 1, col: 3, endLine: 1, endCol: 10 } };
    const text = formatDiagnostic(d, leaky);
    expect(text).not.toContain('eyJ0eXAi');
    expect(text).toContain('Bearer [REDACTED]');
    const templated = new Map([['s.yaml', '  headers: { Authorization: "Bearer {{token}}" }']]);
    expect(formatDiagnostic(d, templated)).toContain('Bearer {{token}}');
  });

  it('colours only when asked', () => {
    expect(formatDiagnostic(typo, sources)).not.toContain('\x1b[');
    const coloured = formatDiagnostic(typo, sources, { color: true });
    expect(coloured).toContain('\x1b[1;31merror[unknown-key]\x1b[0m');
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(formatDiagnostic(typo, sources));
  });
});
