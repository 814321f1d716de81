import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger, LedgerError, readLedger } from '../../../src/execute/ledger/index.js';
import { JOBS, SP, TARGET, tempDir, ticking } from './helpers.js';

describe('Ledger', () => {
  it('writes one versioned JSON line per record, and reads them back', () => {
    const file = path.join(tempDir(), 'nested', 'ledger.jsonl');
    const ledger = Ledger.open(file, { runId: 'run-1', target: TARGET, now: ticking() });
    const intentId = ledger.recordIntent({ target: TARGET, collectionPath: JOBS, servicePrincipalId: SP, templateId: 'scim', existingIds: ['old'] });
    ledger.recordCreated({ intentId, target: TARGET, path: `${JOBS}/scim.1`, id: 'scim.1' });
    ledger.recordDeleted({ path: `${JOBS}/scim.1`, id: 'scim.1' });
    ledger.close();

    const lines = fs.readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(JSON.parse(lines[0]!)).toEqual({
      v: 1,
      type: 'intent',
      time: '2025-03-10T12:00:00.000Z',
      runId: 'run-1',
      intentId,
      target: TARGET,
      collectionPath: JOBS,
      servicePrincipalId: SP,
      templateId: 'scim',
      existingIds: ['old'],
    });
    const { entries, problems } = readLedger(file);
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.type, e.time])).toEqual([
      ['intent', '2025-03-10T12:00:00.000Z'],
      ['created', '2025-03-10T12:00:01.000Z'],
      ['deleted', '2025-03-10T12:00:02.000Z'],
    ]);
    expect(entries[2]).toMatchObject({ target: TARGET, path: `${JOBS}/scim.1`, id: 'scim.1', runId: 'run-1' });
  });

  it('appends to an existing ledger, keeping other runs’ lines', () => {
    const file = path.join(tempDir(), 'ledger.jsonl');
    const first = Ledger.open(file, { runId: 'run-1', target: TARGET });
    first.recordRejected({ intentId: 'i-1', status: 400 });
    first.close();
    const second = Ledger.open(file, { runId: 'run-2', target: TARGET });
    second.recordGone({ path: `${JOBS}/x`, id: 'x' });
    second.close();
    expect(readLedger(file).entries.map((e) => `${e.runId}:${e.type}`)).toEqual(['run-1:rejected', 'run-2:gone']);
  });

  it('starts a fresh line after a torn one, so the next record is not lost', () => {
    const file = path.join(tempDir(), 'ledger.jsonl');
    fs.writeFileSync(file, '{"v":1,"type":"rejected","ti');
    const ledger = Ledger.open(file, { runId: 'run-2', target: TARGET });
    ledger.recordRejected({ intentId: 'i-2', status: 404 });
    ledger.close();
    const { entries, problems } = readLedger(file);
    expect(entries).toMatchObject([{ type: 'rejected', intentId: 'i-2', status: 404 }]);
    expect(problems).toMatchObject([{ code: 'ledger-bad-line', span: { line: 1 }, severity: 'warning' }]);
  });

  it('gives every intent its own id', () => {
    const ledger = Ledger.open(path.join(tempDir(), 'l.jsonl'), { runId: 'r', target: TARGET });
    const intent = { target: TARGET, collectionPath: JOBS, servicePrincipalId: SP, existingIds: [] };
    expect(ledger.recordIntent(intent)).not.toBe(ledger.recordIntent(intent));
    ledger.close();
  });

  it('refuses a created record whose path would delete something else', () => {
    const ledger = Ledger.open(path.join(tempDir(), 'l.jsonl'), { runId: 'r', target: TARGET });
    expect(() => ledger.recordCreated({ intentId: 'i', target: TARGET, path: JOBS, id: 'scim.1' })).toThrow(
      new RangeError(`the path to delete must end in the job id: \`${JOBS}\` does not end in \`scim.1\``),
    );
    ledger.close();
  });

  it('says which file it cannot open, and refuses records once closed', () => {
    const dir = tempDir();
    const err = (() => {
      try {
        Ledger.open(dir, { runId: 'r', target: TARGET });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(LedgerError);
    expect((err as LedgerError).message).toMatch(new RegExp(`^cannot open the ledger ${dir}: .*EISDIR`));
    expect((err as LedgerError).code).toBe('EISDIR');

    const ledger = Ledger.open(path.join(dir, 'l.jsonl'), { runId: 'r', target: TARGET });
    ledger.close();
    ledger.close();
    expect(() => ledger.recordGone({ path: `${JOBS}/x`, id: 'x' })).toThrow(LedgerError);
  });
});
