import { describe, expect, it } from 'vitest';
import { compileApiSchemas } from './support.js';

const schemas = compileApiSchemas();
const error = (value: unknown) => schemas.violations('odataError.schema.json', value);

/**
 * Error bodies as Graph sends them: from public reports (e.g.
 * https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/8800 for the 401 with an
 * empty message, https://github.com/microsoftgraph/msgraph-sdk-java/issues/1785 for the date without
 * an offset) and the examples of https://learn.microsoft.com/en-us/graph/errors.
 */
const realBodies: Array<[string, unknown]> = [
  [
    'missing sync permission: 401 UnknownError with an empty message and an offset-less date',
    { error: { code: 'UnknownError', message: '', innerError: { date: '2024-02-08T12:07:31', 'request-id': '3a6f0b1e-5c0e-4a8e-9d1c-2f6c1b7e9a10', 'client-request-id': '3a6f0b1e-5c0e-4a8e-9d1c-2f6c1b7e9a10' } } },
  ],
  [
    'missing token: 401 InvalidAuthenticationToken with date and request-id only',
    { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.', innerError: { date: '2021-07-02T01:40:19', 'request-id': '1a0f2c3d-0000-0000-0000-000000000000' } } },
  ],
  [
    'the SDK design document example',
    { error: { code: 'BadRequest', message: "Resource not found for the segment 'mef'.", innerError: { date: '2021-07-02T01:40:19', 'request-id': '1a0f', 'client-request-id': '225a' } } },
  ],
  [
    'throttling: 429 TooManyRequests',
    { error: { code: 'TooManyRequests', message: 'Too many requests from Identifier:x under category:y.', innerError: { date: '2023-01-10T08:00:00', 'request-id': 'r', 'client-request-id': 'c' } } },
  ],
  [
    'an error with target, details, a date with offset and fractional seconds, and an @odata.type',
    {
      error: {
        code: 'Request_BadRequest',
        message: 'Invalid value',
        target: 'templateId',
        details: [{ code: 'InvalidValue', message: 'templateId is required', target: 'templateId' }],
        innerError: { '@odata.type': '#microsoft.graph.InnerError', date: '2024-02-08T12:07:31.1234567Z', 'request-id': null, 'client-request-id': null },
      },
    },
  ],
  ['an error with no innerError at all', { error: { code: 'NotFound', message: 'Not found' } }],
  ['an innerError of null', { error: { code: 'NotFound', message: 'Not found', innerError: null } }],
  [
    'annotations and unknown properties, including a differently cased innererror key',
    { '@odata.context': 'x', error: { code: 'BadRequest', message: 'm', innererror: { anything: true }, extra: 1 }, more: [] },
  ],
];

describe('odataError: real error bodies pass', () => {
  it.each(realBodies)('%s', (_name, body) => {
    expect(error(body)).toEqual([]);
  });
});

describe('odataError: broken error bodies are caught', () => {
  it.each([
    ['no error object (an innererror alone is not an error body)', { innererror: { date: '2024-02-08T12:07:31' } }, '', 'required'],
    ['error.code missing', { error: { message: 'm' } }, '/error', 'required'],
    ['error.message missing', { error: { code: 'BadRequest' } }, '/error', 'required'],
    ['error.code not a string', { error: { code: 400, message: 'm' } }, '/error/code', 'type'],
    ['error.message null', { error: { code: 'BadRequest', message: null } }, '/error/message', 'type'],
    ['error a string', { error: 'BadRequest' }, '/error', 'type'],
    ['details not an array', { error: { code: 'c', message: 'm', details: { code: 'c', message: 'm' } } }, '/error/details', 'type'],
    ['a detail without code', { error: { code: 'c', message: 'm', details: [{ message: 'm' }] } }, '/error/details/0', 'required'],
    ['innerError.date not a timestamp', { error: { code: 'c', message: 'm', innerError: { date: 'Thu, 08 Feb 2024 12:07:31 GMT' } } }, '/error/innerError/date', 'pattern'],
    ['innerError.request-id a number', { error: { code: 'c', message: 'm', innerError: { 'request-id': 42 } } }, '/error/innerError/request-id', 'type'],
    ['a body that is an array', [{ error: { code: 'c', message: 'm' } }], '', 'type'],
  ])('%s', (_name, body, path, keyword) => {
    expect(error(body)).toContainEqual({ path, keyword });
  });
});
