import { describe, expect, it } from 'vitest';
import { compileApiSchemas } from './support.js';

const schemas = compileApiSchemas();
const check = (file: string) => (value: unknown) => schemas.violations(`${file}.schema.json`, value);

describe('synchronizationSecretKeyStringValuePair (PUT secrets, validateCredentials)', () => {
  const secret = check('synchronizationSecretKeyStringValuePair');

  it.each(['BaseAddress', 'SecretToken', 'SyncNotificationSettings', 'SyncAll', 'UserName', 'Password', 'ConnectionString', 'SkipOutOfScopeDeletions'])(
    'accepts the member %s',
    (key) => {
      expect(secret({ key, value: 'v' })).toEqual([]);
    },
  );

  it('accepts the secrets example of the docs, item by item, and a null value', () => {
    for (const item of [
      { key: 'BaseAddress', value: 'user@domain.com' },
      { key: 'SecretToken', value: 'password-value' },
      { key: 'SyncNotificationSettings', value: '{"Enabled":false,"DeleteThresholdEnabled":false}' },
      { key: 'SyncAll', value: 'false' },
      { key: 'Password', value: null },
    ]) {
      expect(secret(item)).toEqual([]);
    }
  });

  it('rejects a key that is no member (case matters), a missing key and a null key', () => {
    expect(secret({ key: 'baseAddress', value: 'v' })).toContainEqual({ path: '/key', keyword: 'enum' });
    expect(secret({ key: 'Token', value: 'v' })).toContainEqual({ path: '/key', keyword: 'enum' });
    expect(secret({ value: 'v' })).toContainEqual({ path: '', keyword: 'required' });
    expect(secret({ key: null, value: 'v' })).toContainEqual({ path: '/key', keyword: 'enum' });
    expect(secret({ key: 'SyncAll', value: false })).toContainEqual({ path: '/value', keyword: 'type' });
  });
});

describe('stringKeyStringValuePair (provisionOnDemand result)', () => {
  const pair = check('stringKeyStringValuePair');

  it('accepts JSON-in-string key and value with an @odata.context from either namespace', () => {
    expect(pair({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.stringKeyStringValuePair', key: '{"result":"Success","details":{}}', value: '{"provisioningSteps":[]}' })).toEqual([]);
    expect(pair({ '@odata.context': 'https://syncfabric.windowsazure.com/api/$metadata#microsoft.synchronization.stringKeyStringValuePair', key: '{}', value: '{}' })).toEqual([]);
  });

  it('rejects a key or value that is parsed JSON instead of a string', () => {
    expect(pair({ key: { result: 'Success' }, value: '{}' })).toContainEqual({ path: '/key', keyword: 'type' });
    expect(pair({ key: '{}', value: [] })).toContainEqual({ path: '/value', keyword: 'type' });
  });
});

describe('keyValuePair and stringKeyLongValuePair', () => {
  const setting = check('keyValuePair');
  const count = check('stringKeyLongValuePair');

  it('accept settings and counts as the service sends them', () => {
    expect(setting({ name: 'QuarantineTooManyDeletesThreshold', value: '500' })).toEqual([]);
    expect(setting({ name: 'Empty', value: null })).toEqual([]);
    expect(count({ key: 'user to User', value: 3 })).toEqual([]);
    expect(count({ key: null, value: 9007199254740991 })).toEqual([]);
  });

  it('reject a nameless setting, a numeric setting value and a string count', () => {
    expect(setting({ value: '500' })).toContainEqual({ path: '', keyword: 'required' });
    expect(setting({ name: 'Threshold', value: 500 })).toContainEqual({ path: '/value', keyword: 'type' });
    expect(count({ key: 'user to User', value: '3' })).toContainEqual({ path: '/value', keyword: 'type' });
    expect(count({ key: 'user to User' })).toContainEqual({ path: '', keyword: 'required' });
  });
});

describe('synchronizationJobRestartCriteria.resetScope: a comma-separated flags string', () => {
  const criteria = check('synchronizationJobRestartCriteria');

  it.each(['Watermark, Escrows, QuarantineState', 'Full', 'ForceDeletes', 'Escrows,Watermark', '', null])('accepts %j', (resetScope) => {
    expect(criteria({ resetScope })).toEqual([]);
  });

  it('accepts criteria without resetScope', () => {
    expect(criteria({})).toEqual([]);
  });

  it.each(['Watermark, Everything', 'watermark', 'Watermark,', 'Watermark; Escrows', ', Full'])('rejects %j', (resetScope) => {
    expect(criteria({ resetScope })).toEqual([{ path: '/resetScope', keyword: 'pattern' }]);
  });

  it('rejects the flags as an array or a number', () => {
    expect(criteria({ resetScope: ['Watermark'] })).toContainEqual({ path: '/resetScope', keyword: 'type' });
    expect(criteria({ resetScope: 15 })).toContainEqual({ path: '/resetScope', keyword: 'type' });
  });
});
