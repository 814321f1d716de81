import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support.js';
import { TEST_CLIENT_PEM_PATH } from '../../fixtures/auth/fake-entra.js';
import { LeakScan, privateKeySecrets } from '../../fixtures/remote-target/leaks.js';

// The other files of this folder end with a scan that must find nothing; this one proves the scan can find something.
describe('the leak scan the remote-target tests end with', () => {
  it('finds a secret in a report file, a nested file, a ledger line and printed output, and names where', () => {
    const dir = tempDir('gsc-leak-');
    mkdirSync(join(dir, 'nested'));
    writeFileSync(join(dir, 'results.json'), '{"header":"Bearer TEST-ONLY-token-123456"}');
    writeFileSync(join(dir, 'junit.xml'), '<testsuites/>');
    writeFileSync(join(dir, 'ledger.jsonl'), '{"v":1,"note":"TEST-ONLY-token-123456"}\n');
    writeFileSync(join(dir, 'nested', 'trace.txt'), 'clean');
    const key = readFileSync(TEST_CLIENT_PEM_PATH, 'utf8');
    const keyLine = privateKeySecrets(key)[2]!.value;
    writeFileSync(join(dir, 'nested', 'debug.log'), `…${keyLine}…`);
    const scan = new LeakScan();
    scan.secret({ label: 'the token', value: 'TEST-ONLY-token-123456' }, ...privateKeySecrets(key));
    scan.folder(dir);
    scan.output('stderr of gsc run', 'gsc: cannot sign in: TEST-ONLY-token-123456 rejected');

    const { scanned, leaks } = scan.findings();

    expect(scanned).toContain(join(dir, 'nested', 'trace.txt'));
    expect([...leaks].sort()).toEqual([
      'stderr of gsc run holds the token',
      `${join(dir, 'ledger.jsonl')} holds the token`,
      `${join(dir, 'nested', 'debug.log')} holds line 2 of the private key`,
      `${join(dir, 'results.json')} holds the token`,
    ].sort());
    expect(() => scan.expectNoLeaks()).toThrow();
  });

  it('refuses to pass when a folder lacks a file the run must have written', () => {
    const scan = new LeakScan();
    scan.secret({ label: 'the token', value: 'TEST-ONLY-token-123456' });
    scan.folder(tempDir('gsc-leak-'));

    expect(() => scan.expectNoLeaks()).toThrow(/has no results\.json/);
  });
});
