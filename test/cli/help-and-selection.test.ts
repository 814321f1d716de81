import { describe, expect, it } from 'vitest';
import { gsc } from '../e2e/support.js';

describe("each command's --help shows its own exit codes", () => {
  it('gsc lint --help: 0 valid, 2 invalid; nothing about a target', async () => {
    const { code, stdout } = await gsc(['lint', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Exit codes:\n  0  every suite file is valid\n  2  a suite file is invalid');
    expect(stdout).not.toContain('non-conformant');
  });

  it('gsc list --help: 0 listed, 2 nothing matched', async () => {
    const { stdout } = await gsc(['list', '--help']);
    expect(stdout).toContain('  2  nothing matched the selection');
    expect(stdout).not.toContain('conformant');
  });

  it('gsc cleanup --help: 1 means something may be left behind, 3 unreachable', async () => {
    const { stdout } = await gsc(['cleanup', '--help']);
    expect(stdout).toContain('  1  something may be left behind');
    expect(stdout).toContain('  3  the target could not be reached');
    expect(stdout).not.toContain('non-conformant');
  });

  it('gsc run --help keeps the verdict codes', async () => {
    const { stdout } = await gsc(['run', '--help']);
    expect(stdout).toContain('1  non-conformant');
  });
});

describe('a selection that matches nothing', () => {
  it('gsc list --tags nosuchtag says nothing matched, lists the known tags and exits 2', async () => {
    const { code, stdout, stderr } = await gsc(['list', '--tags', 'nosuchtag']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^gsc list: no case matches --tags nosuchtag \(of \d+ case\(s\)\); the known tags are: .*\blifecycle\b/);
  });

  it('gsc run with a selection that matches nothing exits 2 and sends nothing', async () => {
    const { code, stderr } = await gsc(['run', '--grep', 'no-such-case', '--tags', 'nosuchtag']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no case matches --grep "no-such-case" --tags nosuchtag .*the known tags are:/);
  });
});
