import { describe, expect, it } from 'vitest';
import { reconcile } from '../../../src/execute/ledger/index.js';
import { created, intent, rejected, resolved } from './fixtures.js';

const old = { id: 'old', templateId: 'scim' };

describe('reconcile', () => {
  it('claims the one new job with the intent’s template', () => {
    const mine = intent('i1');
    expect(reconcile(mine, [old, { id: 'scim.new', templateId: 'scim' }], [mine])).toEqual({
      kind: 'certainly-ours',
      id: 'scim.new',
      reason: 'the only new job, with the template `scim` the create asked for',
    });
  });

  it('does not claim either of two new jobs', () => {
    const r = reconcile(intent('i1'), [old, { id: 'n1', templateId: 'scim' }, { id: 'n2', templateId: 'scim' }]);
    expect(r).toEqual({ kind: 'possibly-left-behind', ids: ['n1', 'n2'], reason: '2 jobs appeared since the create was sent' });
  });

  it('does not claim a new job of another template, or one whose template is not listed', () => {
    expect(reconcile(intent('i1'), [old, { id: 'n1', templateId: 'aws' }])).toEqual({
      kind: 'possibly-left-behind',
      ids: ['n1'],
      reason: "the new job's template is `aws`, the create asked for `scim`",
    });
    expect(reconcile(intent('i1'), [{ id: 'n1' }])).toMatchObject({ kind: 'possibly-left-behind', reason: "the new job's template is not listed, the create asked for `scim`" });
  });

  it('does not claim a job when the collection could not be listed before the create', () => {
    const blind = intent('i1', { existingIds: undefined });
    const r = reconcile(blind, [{ id: 'was-already-there', templateId: 'scim' }], [blind]);
    expect(r).toMatchObject({ kind: 'possibly-left-behind', ids: ['was-already-there'] });
    expect((r as { reason: string }).reason).toContain('could not be listed before the create');
  });

  it('does not claim a job for a create that named no template', () => {
    const r = reconcile(intent('i1', { templateId: undefined }), [{ id: 'n1', templateId: 'scim' }]);
    expect(r).toMatchObject({ kind: 'possibly-left-behind', ids: ['n1'], reason: 'the create named no templateId' });
  });

  it('does not claim a job while another create on the same service principal is unaccounted for', () => {
    const mine = intent('i1');
    const rival = intent('i2', { runId: 'run-2' });
    const r = reconcile(mine, [old, { id: 'n1', templateId: 'scim' }], [mine, rival]);
    expect(r).toEqual({ kind: 'possibly-left-behind', ids: ['n1'], reason: '1 other create(s) on this service principal have an unknown outcome (run run-2)' });
    // A rival settled as "possibly left behind" still may own the job.
    expect(reconcile(mine, [{ id: 'n1', templateId: 'scim' }], [mine, rival, resolved('i2', 'possibly-left-behind', ['n1'])]).kind).toBe('possibly-left-behind');
  });

  it('ignores other creates whose outcome is known, or that are on another service principal', () => {
    const mine = intent('i1');
    const entries = [mine, intent('i2'), created('i2', 'theirs'), intent('i3'), rejected('i3'), intent('i4'), resolved('i4', 'nothing-new'), intent('i5', { servicePrincipalId: 'other-sp', collectionPath: '/servicePrincipals/other-sp/synchronization/jobs' })];
    // `theirs` is accounted for by its own created line, so it is not a candidate either.
    const r = reconcile(mine, [old, { id: 'theirs', templateId: 'scim' }, { id: 'n1', templateId: 'scim' }], entries);
    expect(r).toMatchObject({ kind: 'certainly-ours', id: 'n1' });
  });

  it('finds nothing new when the create made nothing', () => {
    expect(reconcile(intent('i1'), [old])).toEqual({ kind: 'nothing-new', reason: 'no job appeared on the service principal since the create was sent' });
    expect(reconcile(intent('i1'), [])).toMatchObject({ kind: 'nothing-new' });
  });

  it('only excludes recorded jobs of the same collection', () => {
    const elsewhere = created('i9', 'n1', { path: `/servicePrincipals/other/synchronization/jobs/n1` });
    expect(reconcile(intent('i1'), [{ id: 'n1', templateId: 'scim' }], [intent('i1'), elsewhere])).toMatchObject({ kind: 'certainly-ours', id: 'n1' });
  });
});
