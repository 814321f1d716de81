import { describe, expect, it } from 'vitest';
import { useColor } from '../../src/cli/io.js';

describe('console colour', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };

  it('is on at a terminal and off in a pipe or plain CI', () => {
    expect(useColor(tty, {})).toBe(true);
    expect(useColor(pipe, {})).toBe(false);
    expect(useColor(tty, { CI: 'true' })).toBe(false);
  });

  it('stays on under GitHub Actions, whose logs render ANSI, unless NO_COLOR says otherwise', () => {
    expect(useColor(pipe, { CI: 'true', GITHUB_ACTIONS: 'true' })).toBe(true);
    expect(useColor(pipe, { CI: 'true', GITHUB_ACTIONS: 'true', NO_COLOR: '1' })).toBe(false);
  });

  it('follows FORCE_COLOR when NO_COLOR is not set', () => {
    expect(useColor(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColor(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
  });
});
