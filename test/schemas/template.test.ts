import { describe, expect, it } from 'vitest';
import { changed, compileApiSchemas } from './support.js';

const schemas = compileApiSchemas();
const template = (value: unknown) => schemas.violations('synchronizationTemplate.schema.json', value);
const list = (value: unknown) => schemas.violations('synchronizationTemplateCollection.schema.json', value);

const full = {
  id: 'BoxOutDelta',
  applicationId: 'c8c95753-f628-48e1-9fab-76c2d4cf624c',
  default: true,
  description: null,
  discoverable: true,
  factoryTag: 'CustomSCIM',
  metadata: [
    { key: 'GalleryApplicationIdentifier', value: 'box' },
    { key: 'IsOAuthEnabled', value: 'true' },
    { key: 'ConfigurationFields', value: null },
  ],
  schema: { directories: [], synchronizationRules: [] },
};

describe('synchronizationTemplate', () => {
  it('accepts the list-templates example of the docs (id, factoryTag and an expanded schema only)', () => {
    expect(list({ value: [{ id: 'Slack', factoryTag: 'CustomSCIM', schema: { directories: [], synchronizationRules: [] } }] })).toEqual([]);
  });

  it('accepts a template with every property, OData annotations and unknown properties', () => {
    expect(template(full)).toEqual([]);
    expect(template({ ...full, '@odata.type': '#microsoft.graph.synchronizationTemplate', newThing: 1 })).toEqual([]);
    expect(list({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#x', value: [full] })).toEqual([]);
  });

  it('accepts an upper-case GUID and nullable strings as null', () => {
    expect(template(changed(full, '/applicationId', 'C8C95753-F628-48E1-9FAB-76C2D4CF624C'))).toEqual([]);
    expect(template(changed(full, '/factoryTag', null))).toEqual([]);
  });

  it.each([
    ['/discoverable', 'true', 'type'],
    ['/default', 'false', 'type'],
    ['/default', null, 'type'],
    ['/applicationId', 'not-a-guid', 'format'],
    ['/applicationId', 'Box', 'format'],
    ['/applicationId', null, 'type'],
    ['/id', '', 'minLength'],
    ['/factoryTag', 3, 'type'],
    ['/metadata', { key: 'IsOAuthEnabled', value: 'true' }, 'type'],
  ])('rejects %s = %j', (path, value, keyword) => {
    expect(template(changed(full, path, value))).toContainEqual({ path, keyword });
  });

  it('accepts metadata keys in another casing or not yet known, and refuses one that is not a string', () => {
    expect(template(changed(full, '/metadata/0/key', 'galleryApplicationIdentifier'))).toEqual([]);
    expect(template(changed(full, '/metadata/0/key', 'SomeFutureMember'))).toEqual([]);
    expect(template(changed(full, '/metadata/0/key', 42))).toContainEqual({ path: '/metadata/0/key', keyword: 'type' });
  });

  it('rejects a template without its id, and a page without value', () => {
    const { id: _id, ...withoutId } = full;
    expect(template(withoutId)).toContainEqual({ path: '', keyword: 'required' });
    expect(list({ templates: [full] })).toContainEqual({ path: '', keyword: 'required' });
  });
});

describe('synchronizationSchema (loose)', () => {
  const schema = (value: unknown) => schemas.violations('synchronizationSchema.schema.json', value);

  it('accepts directories and rules of any inner shape, with or without id and version', () => {
    expect(schema({ directories: [{ name: 'Azure Active Directory', objects: [] }], synchronizationRules: [{ id: 'x', objectMappings: [] }] })).toEqual([]);
    expect(schema({ id: 'BoxOutDelta.1.2', version: 'Date:2024-01-01', directories: [], synchronizationRules: [] })).toEqual([]);
  });

  it('rejects directories or rules that are not arrays of objects', () => {
    expect(schema({ directories: {}, synchronizationRules: [] })).toContainEqual({ path: '/directories', keyword: 'type' });
    expect(schema({ directories: [], synchronizationRules: ['rule'] })).toContainEqual({ path: '/synchronizationRules/0', keyword: 'type' });
    expect(schema('schema')).toContainEqual({ path: '', keyword: 'type' });
  });
});
