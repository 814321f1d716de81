import { describe, expect, it } from 'vitest';
import { pendingItems } from '../../../src/execute/ledger/index.js';
import { created, intent, rejected, removed, resolved } from './fixtures.js';

describe('pendingItems', () => {
  it('lists jobs created and not yet deleted or found gone', () => {
    const entries = [intent('i1'), created('i1', 'a'), intent('i2'), created('i2', 'b'), intent('i3'), created('i3', 'c'), removed('a'), removed('c', 'gone')];
    const { items, intents } = pendingItems(entries);
    expect(items.map((i) => i.id)).toEqual(['b']);
    expect(intents).toEqual([]);
  });

  it('lists intents whose create answer never got recorded, or whose job is not proven gone', () => {
    const entries = [
      intent('lost'), intent('refused'), rejected('refused'), intent('nothing'), resolved('nothing', 'nothing-new'),
      intent('doubt'), resolved('doubt', 'possibly-left-behind', ['x']), intent('fine'), created('fine', 'f'),
    ];
    expect(pendingItems(entries).intents.map((i) => i.intentId)).toEqual(['lost', 'doubt']);
  });

  it('counts a job recorded twice once', () => {
    expect(pendingItems([created('i1', 'a'), created('i1', 'a')]).items).toHaveLength(1);
  });

  it('tells the same path on another target apart', () => {
    const elsewhere = created('i2', 'a', { target: 'http://127.0.0.1:9/v1.0' });
    expect(pendingItems([created('i1', 'a'), elsewhere, removed('a')]).items).toEqual([elsewhere]);
  });
});
