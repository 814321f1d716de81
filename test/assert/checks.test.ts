import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkExchange, checks, createSchemaStore } from '../../src/assert/index.js';
import type { Exchange, Expectation, Finding } from '../../src/model/index.js';
import { JOB_SCHEMA, SCHEMAS, at, createExchange, createdJob, exchangeOf, expecting } from './helpers.js';

const ctx = { schemas: createSchemaStore([join(SCHEMAS, 'graph'), join(SCHEMAS, 'common')]) };
const created = createExchange();
const noContent = exchangeOf({ status: 204, headers: { 'request-id': 'r-1' } });
const value = (pointer: string, predicate: Omit<Expectation['values'][number], 'pointer' | 'span'>) => ({
  values: [{ pointer, ...predicate, span: at(9) }],
});
const header = (name: string, predicate: Omit<Expectation['headers'][number], 'name' | 'span'>) => ({
  headers: [{ name, ...predicate, span: at(5) }],
});
const schema = (pointer = '') => ({ schemas: [{ ref: JOB_SCHEMA, written: '../../schemas/api/synchronizationJob.schema.json', pointer, span: at(8) }] });

interface Row {
  check: string;
  title: string;
  exchange: Exchange;
  expect: Partial<Expectation>;
  /** [] when the claim holds; else what the findings must contain, in order. */
  findings: Partial<Finding>[];
}

const rows: Row[] = [
  // status-is-expected
  { check: 'status-is-expected', title: 'a 201 when 201 is expected', exchange: created, expect: { status: { anyOf: [201], span: at(4) } }, findings: [] },
  { check: 'status-is-expected', title: 'a 201 against 4xx', exchange: created, expect: { status: { anyOf: ['4xx'], span: at(4) } }, findings: [{ message: 'status must be 4xx', expected: '4xx', actual: 201, span: at(4) }] },
  { check: 'status-is-expected', title: 'a 404 in 4xx', exchange: exchangeOf({ status: 404 }), expect: { status: { anyOf: ['4xx'], span: at(4) } }, findings: [] },
  { check: 'status-is-expected', title: 'a 201 in [200, 201]', exchange: created, expect: { status: { anyOf: [200, 201], span: at(4) } }, findings: [] },
  { check: 'status-is-expected', title: 'the documented 200 against the real 201', exchange: exchangeOf({ status: 200, json: createdJob() }), expect: { status: { anyOf: [201], span: at(4) } }, findings: [{ message: 'status must be 201', expected: 201, actual: 200 }] },
  { check: 'status-is-expected', title: 'a 500 against [204, "4xx"]', exchange: exchangeOf({ status: 500 }), expect: { status: { anyOf: [204, '4xx'], span: at(4) } }, findings: [{ message: 'status must be one of 204, 4xx', expected: [204, '4xx'], actual: 500 }] },
  // header-is-present / header-is-absent
  { check: 'header-is-present', title: 'request-id, asked in any case', exchange: created, expect: header('Request-Id', { present: true }), findings: [] },
  { check: 'header-is-present', title: 'a missing client-request-id', exchange: noContent, expect: header('client-request-id', { present: true }), findings: [{ message: 'client-request-id header must be present', expected: 'present', actual: 'absent', span: at(5) }] },
  { check: 'header-is-absent', title: 'no Location on create', exchange: created, expect: header('Location', { present: false }), findings: [] },
  { check: 'header-is-absent', title: 'an unexpected Content-Type on a 204', exchange: exchangeOf({ status: 204, headers: { 'content-type': 'application/json' } }), expect: header('Content-Type', { present: false }), findings: [{ message: 'Content-Type header must be absent', expected: 'absent', actual: 'application/json' }] },
  // header-equals
  { check: 'header-equals', title: 'OData-Version 4.0', exchange: created, expect: header('OData-Version', { equals: '4.0' }), findings: [] },
  { check: 'header-equals', title: 'OData-Version 4.01', exchange: exchangeOf({ headers: { 'odata-version': '4.01' } }), expect: header('OData-Version', { equals: '4.0' }), findings: [{ message: 'OData-Version header must equal "4.0"', expected: '4.0', actual: '4.01' }] },
  { check: 'header-equals', title: 'a missing OData-Version', exchange: noContent, expect: header('OData-Version', { equals: '4.0' }), findings: [{ expected: '4.0', actual: undefined }] },
  // header-matches-pattern
  { check: 'header-matches-pattern', title: "Graph's long JSON content type", exchange: created, expect: header('content-type', { pattern: '^application/json' }), findings: [] },
  { check: 'header-matches-pattern', title: 'a text/html content type', exchange: exchangeOf({ headers: { 'content-type': 'text/html' } }), expect: header('content-type', { pattern: '^application/json' }), findings: [{ message: 'content-type header must match /^application/json/', expected: '^application/json', actual: 'text/html' }] },
  { check: 'header-matches-pattern', title: 'a missing content type', exchange: noContent, expect: header('content-type', { pattern: '^application/json' }), findings: [{ actual: undefined }] },
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
  // value-is-present / value-is-absent
  { check: 'value-is-present', title: 'a null lastExecution', exchange: created, expect: value('/status/lastExecution', { present: true }), findings: [] },
  { check: 'value-is-present', title: 'a missing troubleshootingUrl', exchange: createExchange({ ...createdJob(), status: { code: 'NotConfigured' } }), expect: value('/status/troubleshootingUrl', { present: true }), findings: [{ message: '/status/troubleshootingUrl must be present', pointer: '/status/troubleshootingUrl', expected: 'present', actual: 'absent', span: at(9) }] },
  { check: 'value-is-absent', title: 'no progress on a new job', exchange: created, expect: value('/status/progress', { absent: true }), findings: [] },
  { check: 'value-is-absent', title: 'a null quarantine, which is present', exchange: created, expect: value('/status/quarantine', { absent: true }), findings: [{ message: '/status/quarantine must be absent', expected: 'absent', actual: null, pointer: '/status/quarantine' }] },
  // value-has-type
  { check: 'value-has-type', title: 'a string id', exchange: created, expect: value('/id', { type: 'string' }), findings: [] },
  { check: 'value-has-type', title: 'an integer count as a number', exchange: created, expect: value('/status/countSuccessiveCompleteFailures', { type: 'number' }), findings: [] },
  { check: 'value-has-type', title: 'a count sent as a string', exchange: createExchange({ ...createdJob(), status: { countSuccessiveCompleteFailures: '0' } }), expect: value('/status/countSuccessiveCompleteFailures', { type: 'integer' }), findings: [{ message: '/status/countSuccessiveCompleteFailures must be integer', expected: 'integer', actual: 'string' }] },
  { check: 'value-has-type', title: 'a fractional count', exchange: exchangeOf({ json: { n: 1.5 } }), expect: value('/n', { type: 'integer' }), findings: [{ actual: 'number' }] },
  { check: 'value-has-type', title: 'a missing id', exchange: exchangeOf({ json: {} }), expect: value('/id', { type: 'string' }), findings: [{ actual: undefined }] },
  // value-equals
  { check: 'value-equals', title: 'the echoed templateId', exchange: created, expect: value('/templateId', { equals: 'BoxOutDelta' }), findings: [] },
  { check: 'value-equals', title: 'a null lastExecution', exchange: created, expect: value('/status/lastExecution', { equals: null }), findings: [] },
  { check: 'value-equals', title: 'the whole schedule, keys in another order', exchange: created, expect: value('/schedule', { equals: { state: 'Disabled', interval: 'P10675199DT2H48M5.4775807S', expiration: null } }), findings: [] },
  { check: 'value-equals', title: 'an Active state', exchange: createExchange({ ...createdJob(), schedule: { ...createdJob().schedule, state: 'Active' } }), expect: value('/schedule/state', { equals: 'Disabled' }), findings: [{ message: '/schedule/state must equal "Disabled"', expected: 'Disabled', actual: 'Active', pointer: '/schedule/state', span: at(9) }] },
  { check: 'value-equals', title: 'a schedule differing deep inside', exchange: createExchange({ ...createdJob(), schedule: { ...createdJob().schedule, state: 'Active' } }), expect: value('/schedule', { equals: { expiration: null, interval: 'P10675199DT2H48M5.4775807S', state: 'Disabled' } }), findings: [{ message: expect.stringMatching(/^\/schedule must equal \{"expiration":null,/), pointer: '/schedule/state', expected: 'Disabled', actual: 'Active' }] },
  { check: 'value-equals', title: 'a missing templateId', exchange: exchangeOf({ json: { id: 'x' } }), expect: value('/templateId', { equals: 'BoxOutDelta' }), findings: [{ pointer: '/templateId', actual: undefined }] },
  { check: 'value-equals', title: 'an empty list where one job was expected', exchange: exchangeOf({ json: { value: [] } }), expect: value('/value', { equals: [{ id: 'a' }] }), findings: [{ pointer: '/value/0', expected: { id: 'a' }, actual: undefined }] },
  // value-differs
  { check: 'value-differs', title: 'a state other than Paused', exchange: created, expect: value('/schedule/state', { notEquals: 'Paused' }), findings: [] },
  { check: 'value-differs', title: 'a state still Disabled', exchange: created, expect: value('/schedule/state', { notEquals: 'Disabled' }), findings: [{ message: '/schedule/state must be present and differ from "Disabled"', expected: { not: 'Disabled' }, actual: 'Disabled' }] },
  { check: 'value-differs', title: 'a missing state', exchange: exchangeOf({ json: {} }), expect: value('/schedule/state', { notEquals: 'Disabled' }), findings: [{ actual: undefined }] },
  // value-matches-pattern
  { check: 'value-matches-pattern', title: 'an ISO 8601 interval', exchange: created, expect: value('/schedule/interval', { pattern: '^P' }), findings: [] },
  { check: 'value-matches-pattern', title: 'a .NET TimeSpan interval', exchange: createExchange({ ...createdJob(), schedule: { interval: '10675199.02:48:05.4775807' } }), expect: value('/schedule/interval', { pattern: '^P' }), findings: [{ message: '/schedule/interval must be a string matching /^P/', expected: '^P', actual: '10675199.02:48:05.4775807' }] },
  { check: 'value-matches-pattern', title: 'a number, which is no string', exchange: exchangeOf({ json: { n: 40 } }), expect: value('/n', { pattern: '^\\d+$' }), findings: [{ actual: 40 }] },
  // value-is-non-empty
  { check: 'value-is-non-empty', title: 'the job id', exchange: created, expect: value('/id', { nonEmpty: true }), findings: [] },
  { check: 'value-is-non-empty', title: 'the status object', exchange: created, expect: value('/status', { nonEmpty: true }), findings: [] },
  { check: 'value-is-non-empty', title: 'an empty id', exchange: exchangeOf({ json: { id: '' } }), expect: value('/id', { nonEmpty: true }), findings: [{ message: '/id must be a non-empty string, array or object', expected: 'non-empty', actual: '' }] },
  { check: 'value-is-non-empty', title: 'an empty synchronizedEntryCountByType', exchange: created, expect: value('/status/synchronizedEntryCountByType', { nonEmpty: true }), findings: [{ actual: [] }] },
  { check: 'value-is-non-empty', title: 'a number', exchange: exchangeOf({ json: { n: 1 } }), expect: value('/n', { nonEmpty: true }), findings: [{ actual: 1 }] },
];

describe.each(checks.map((c) => c.name))('%s', (name) => {
  const mine = rows.filter((row) => row.check === name);

  it('has a conforming and a breaking exchange in this table', () => {
    expect(mine.some((row) => row.findings.length === 0)).toBe(true);
    expect(mine.some((row) => row.findings.length > 0)).toBe(true);
  });

  it.each(mine.map((row) => [row.findings.length === 0 ? 'holds for' : 'fails on', row.title, row] as const))('%s %s', (_, __, row) => {
    const findings = checkExchange(row.exchange, expecting(row.expect), ctx).filter((f) => f.check === name);
    expect(findings).toHaveLength(row.findings.length);
    row.findings.forEach((finding, i) => expect(findings[i]).toMatchObject(finding));
  });
});

describe('the registry', () => {
  it('names each check once, with a claim', () => {
    const names = checks.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const check of checks) expect(check.claim).toMatch(/^the .+[^.]$/);
  });

  it('produces no findings at all for the documented create against its full expectation', () => {
    const expectation = expecting({
      status: { anyOf: [201], span: at(4) },
      ...header('request-id', { present: true }),
      ...schema(),
      values: [{ pointer: '/status/code', equals: 'NotConfigured', span: at(10) }],
    });
    expect(checkExchange(created, expectation, ctx)).toEqual([]);
  });
});
