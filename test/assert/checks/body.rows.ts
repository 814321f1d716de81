import { expect } from 'vitest';
import { at, createExchange, createdJob, exchangeOf } from '../helpers.js';
import { created, noContent, schema, value, type Row } from './rows.js';

/** Conforming and breaking exchanges for the checks on the body as a whole. */
export const bodyRows: Row[] = [
  // body-is-empty
  { check: 'body-is-empty', title: 'a 204 with no body', exchange: noContent, expect: { emptyBody: { span: at(6) } }, findings: [] },
  { check: 'body-is-empty', title: 'a 204 with a body', exchange: exchangeOf({ status: 204, body: '{}' }), expect: { emptyBody: { span: at(6) } }, findings: [{ message: 'body must be empty', expected: '', actual: '{}', span: at(6) }] },
  { check: 'body-is-empty', title: 'a 204 with whitespace', exchange: exchangeOf({ status: 204, body: '\r\n' }), expect: { emptyBody: { span: at(6) } }, findings: [{ actual: '\r\n' }] },
  // body-is-json
  { check: 'body-is-json', title: 'the job', exchange: created, expect: value('/id', { present: true }), findings: [] },
  { check: 'body-is-json', title: 'an HTML error page', exchange: exchangeOf({ status: 502, body: '<html>Bad Gateway</html>' }), expect: value('/id', { present: true }), findings: [{ message: expect.stringMatching(/^body must be JSON \(Unexpected token/), expected: 'a JSON document', actual: '<html>Bad Gateway</html>', span: at(9) }] },
  { check: 'body-is-json', title: 'an empty body where a schema is expected', exchange: exchangeOf({ status: 201 }), expect: schema(), findings: [{ message: 'body must be JSON, not empty', actual: '' }] },
  // body-matches-schema
  { check: 'body-matches-schema', title: 'the documented job (TimeSpan.MaxValue interval, MinValue times, @odata.context)', exchange: created, expect: schema(), findings: [] },
  { check: 'body-matches-schema', title: 'a job whose state is not an enum member', exchange: createExchange({ ...createdJob(), schedule: { expiration: null, interval: 'PT40M', state: 'Running' } }), expect: schema(), findings: [{ message: '/schedule/state must be equal to one of the allowed values', expected: { enum: ['Active', 'Disabled', 'Paused'] }, actual: 'Running', pointer: '/schedule/state', span: at(8) }] },
  { check: 'body-matches-schema', title: 'a job missing its id', exchange: createExchange({ ...createdJob(), id: undefined }), expect: schema(), findings: [{ message: "body must have required property 'id'", expected: { required: 'id' }, pointer: '' }] },
  { check: 'body-matches-schema', title: 'the first job of a list, at a pointer', exchange: exchangeOf({ json: { value: [createdJob()] } }), expect: schema('/value/0'), findings: [] },
  { check: 'body-matches-schema', title: 'a job in a list, with a bad status code', exchange: exchangeOf({ json: { value: [{ ...createdJob(), status: { ...createdJob().status, code: 'Done' } }] } }), expect: schema('/value/0'), findings: [{ message: '/value/0/status/code must be equal to one of the allowed values', pointer: '/value/0/status/code', actual: 'Done' }] },
  { check: 'body-matches-schema', title: 'an empty list, at a pointer', exchange: exchangeOf({ json: { value: [] } }), expect: schema('/value/0'), findings: [{ message: '/value/0 must be present to match ../../schemas/api/synchronizationJob.schema.json', pointer: '/value/0', actual: 'absent' }] },
];
