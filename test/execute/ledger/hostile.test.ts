import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanupFromLedger, type CleanupClient, type LedgerEntry } from '../../../src/execute/ledger/index.js';
import { created, intent } from './fixtures.js';
import { JOBS, SP, TARGET, tempDir } from './helpers.js';

/** A target that answers everything and notes every call: what a planted ledger line would reach. */
function recorder() {
  const calls: string[] = [];
  const client: CleanupClient = {
    async list(p) {
      calls.push(`GET ${p}`);
      return { status: 200, ids: [] };
    },
    async delete(p) {
      calls.push(`DELETE ${p}`);
      return { status: 404 };
    },
  };
  return { client, calls };
}

function ledgerWith(lines: LedgerEntry[]): string {
  const file = path.join(tempDir(), 'ledger.jsonl');
  fs.writeFileSync(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  return file;
}

describe('gsc cleanup given a planted ledger (issue 9 #1)', () => {
  const planted = [
    `/servicePrincipals/${SP}`,
    '/applications/app-1',
    '/users/alice@contoso.com',
    '/servicePrincipals/../../users/bob',
    `${JOBS}/../../../../users/bob`,
    `/servicePrincipals/${SP}/synchronization/jobs/%2e%2e`,
    `/servicePrincipals/%2E%2E/synchronization/jobs/x`,
    `/servicePrincipals/${SP}/synchronization/jobs/a%2Fb`,
    `/servicePrincipals/${SP}/synchronization/jobs/x/y`,
    `/servicePrincipals/${SP}/synchronization/jobs/x?$top=1`,
    `/servicePrincipals/${SP}/synchronization/templates/x`,
  ];
  for (const p of planted) {
    it(`sends no DELETE to ${p}, even with an intent line beside it, and says why`, async () => {
      const id = p.split('/').pop()!;
      const file = ledgerWith([intent('i-1'), created('i-1', id, { path: p })]);
      const target = recorder();
      const report = await cleanupFromLedger(file, target.client, { target: TARGET });
      expect(target.calls).toEqual([]);
      expect(report.items).toHaveLength(1);
      expect(report.items[0]).toMatchObject({ outcome: 'failed' });
      expect(report.items[0]!.detail).toMatch(/^not deleted: /);
    });
  }

  it('deletes a job path only when an intent line of the same ledger announced its create', async () => {
    const file = ledgerWith([created('i-never-announced', 'job-1')]);
    const target = recorder();
    const report = await cleanupFromLedger(file, target.client, { target: TARGET });
    expect(target.calls).toEqual([]);
    expect(report.items[0]!.detail).toContain('no intent line of this ledger announced the create');
  });

  it('refuses when the intent names another service principal than the path', async () => {
    const file = ledgerWith([intent('i-1', { servicePrincipalId: 'other-sp', collectionPath: '/servicePrincipals/other-sp/synchronization/jobs' }), created('i-1', 'job-1')]);
    const target = recorder();
    await cleanupFromLedger(file, target.client, { target: TARGET });
    expect(target.calls).toEqual([]);
  });

  it('still deletes a well-formed job with its intent', async () => {
    const file = ledgerWith([intent('i-1'), created('i-1', 'job-1')]);
    const target = recorder();
    await cleanupFromLedger(file, target.client, { target: TARGET });
    expect(target.calls).toEqual([`DELETE ${JOBS}/job-1`]);
  });

  it('refuses a ledger written for another target: nothing is sent, the error names both', async () => {
    const evil = 'https://collector.example.test/v1.0';
    const file = ledgerWith([intent('i-1', { target: evil, existingIds: undefined }), created('i-1', 'job-1', { target: evil })]);
    const target = recorder();
    const report = await cleanupFromLedger(file, target.client, { target: TARGET });
    expect(target.calls).toEqual([]);
    expect(report.items).toEqual([]);
    expect(report.problems).toMatchObject([{ code: 'ledger-other-target', severity: 'error' }]);
    expect(report.problems[0]!.message).toContain(`written for ${evil}, not for ${TARGET}`);
  });

  it('never lists a collection path an intent line planted elsewhere', async () => {
    const file = ledgerWith([intent('i-1', { collectionPath: '/users', existingIds: [] })]);
    const target = recorder();
    const report = await cleanupFromLedger(file, target.client, { target: TARGET });
    expect(target.calls).toEqual([]);
    expect(report.items[0]).toMatchObject({ outcome: 'failed' });
  });
});
