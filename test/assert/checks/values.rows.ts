import { expect } from 'vitest';
import { at, createExchange, createdJob, exchangeOf } from '../helpers.js';
import { created, value, type Row } from './rows.js';

/** Conforming and breaking exchanges for the value predicates at JSON pointers. */
export const valuesRows: Row[] = [
  // value-is-present / value-is-absent (absent: true, not: { present: true })
  { check: 'value-is-present', title: 'a null lastExecution', exchange: created, expect: value('/status/lastExecution', { present: true }), findings: [] },
  { check: 'value-is-present', title: 'a missing troubleshootingUrl', exchange: createExchange({ ...createdJob(), status: { code: 'NotConfigured' } }), expect: value('/status/troubleshootingUrl', { present: true }), findings: [{ message: '/status/troubleshootingUrl must be present', pointer: '/status/troubleshootingUrl', expected: 'present', actual: 'absent', span: at(9) }] },
  { check: 'value-is-absent', title: 'no progress on a new job', exchange: created, expect: value('/status/progress', { present: true, negated: true }), findings: [] },
  { check: 'value-is-absent', title: 'a null quarantine, which is present', exchange: created, expect: value('/status/quarantine', { present: true, negated: true }), findings: [{ message: '/status/quarantine must not be present', expected: { not: 'present' }, actual: null, pointer: '/status/quarantine', span: at(9) }] },
  // value-has-type
  { check: 'value-has-type', title: 'a string id', exchange: created, expect: value('/id', { type: 'string' }), findings: [] },
  { check: 'value-has-type', title: 'an integer count as a number', exchange: created, expect: value('/status/countSuccessiveCompleteFailures', { type: 'number' }), findings: [] },
  { check: 'value-has-type', title: 'a count sent as a string', exchange: createExchange({ ...createdJob(), status: { countSuccessiveCompleteFailures: '0' } }), expect: value('/status/countSuccessiveCompleteFailures', { type: 'integer' }), findings: [{ message: '/status/countSuccessiveCompleteFailures must be integer', expected: 'integer', actual: 'string' }] },
  { check: 'value-has-type', title: 'a fractional count', exchange: exchangeOf({ json: { n: 1.5 } }), expect: value('/n', { type: 'integer' }), findings: [{ actual: 'number' }] },
  { check: 'value-has-type', title: 'a missing id', exchange: exchangeOf({ json: {} }), expect: value('/id', { type: 'string' }), findings: [{ message: '/id must be present and be string', actual: undefined }] },
  // value-has-other-type (not: { type })
  { check: 'value-has-other-type', title: 'an object where null is ruled out', exchange: created, expect: value('/schedule', { type: 'null', negated: true }), findings: [] },
  { check: 'value-has-other-type', title: 'a null schedule', exchange: exchangeOf({ json: { schedule: null } }), expect: value('/schedule', { type: 'null', negated: true }), findings: [{ message: '/schedule must not be null', expected: { not: 'null' }, actual: 'null', pointer: '/schedule' }] },
  { check: 'value-has-other-type', title: 'no schedule at all', exchange: exchangeOf({ json: {} }), expect: value('/schedule', { type: 'null', negated: true }), findings: [{ message: '/schedule must be present and not be null', actual: undefined }] },
  // value-equals
  { check: 'value-equals', title: 'the echoed templateId', exchange: created, expect: value('/templateId', { equals: 'BoxOutDelta' }), findings: [] },
  { check: 'value-equals', title: 'a null lastExecution', exchange: created, expect: value('/status/lastExecution', { equals: null }), findings: [] },
  { check: 'value-equals', title: 'the whole schedule, keys in another order', exchange: created, expect: value('/schedule', { equals: { state: 'Disabled', interval: 'P10675199DT2H48M5.4775807S', expiration: null } }), findings: [] },
  { check: 'value-equals', title: 'an Active state', exchange: createExchange({ ...createdJob(), schedule: { ...createdJob().schedule, state: 'Active' } }), expect: value('/schedule/state', { equals: 'Disabled' }), findings: [{ message: '/schedule/state must equal "Disabled"', expected: 'Disabled', actual: 'Active', pointer: '/schedule/state', span: at(9) }] },
  { check: 'value-equals', title: 'a schedule differing deep inside', exchange: createExchange({ ...createdJob(), schedule: { ...createdJob().schedule, state: 'Active' } }), expect: value('/schedule', { equals: { expiration: null, interval: 'P10675199DT2H48M5.4775807S', state: 'Disabled' } }), findings: [{ message: expect.stringMatching(/^\/schedule must equal \{"expiration":null,/), pointer: '/schedule/state', expected: 'Disabled', actual: 'Active' }] },
  { check: 'value-equals', title: 'a missing templateId', exchange: exchangeOf({ json: { id: 'x' } }), expect: value('/templateId', { equals: 'BoxOutDelta' }), findings: [{ pointer: '/templateId', actual: undefined }] },
  { check: 'value-equals', title: 'an empty list where one job was expected', exchange: exchangeOf({ json: { value: [] } }), expect: value('/value', { equals: [{ id: 'a' }] }), findings: [{ pointer: '/value/0', expected: { id: 'a' }, actual: undefined }] },
  // value-differs (notEquals, not: { equals })
  { check: 'value-differs', title: 'a state other than Paused', exchange: created, expect: value('/schedule/state', { equals: 'Paused', negated: true }), findings: [] },
  { check: 'value-differs', title: 'a state still Disabled', exchange: created, expect: value('/schedule/state', { equals: 'Disabled', negated: true }), findings: [{ message: '/schedule/state must not equal "Disabled"', expected: { not: 'Disabled' }, actual: 'Disabled', pointer: '/schedule/state' }] },
  { check: 'value-differs', title: 'a schedule equal to the one it replaced, keys in another order', exchange: created, expect: value('/schedule', { equals: { state: 'Disabled', interval: 'P10675199DT2H48M5.4775807S', expiration: null }, negated: true }), findings: [{ pointer: '/schedule', actual: createdJob().schedule }] },
  { check: 'value-differs', title: 'a missing state', exchange: exchangeOf({ json: {} }), expect: value('/schedule/state', { equals: 'Disabled', negated: true }), findings: [{ message: '/schedule/state must be present and not equal "Disabled"', expected: { not: 'Disabled' }, actual: undefined }] },
  // value-matches-pattern
  { check: 'value-matches-pattern', title: 'an ISO 8601 interval', exchange: created, expect: value('/schedule/interval', { pattern: '^P' }), findings: [] },
  { check: 'value-matches-pattern', title: 'a .NET TimeSpan interval', exchange: createExchange({ ...createdJob(), schedule: { interval: '10675199.02:48:05.4775807' } }), expect: value('/schedule/interval', { pattern: '^P' }), findings: [{ message: '/schedule/interval must match /^P/', expected: '^P', actual: '10675199.02:48:05.4775807' }] },
  { check: 'value-matches-pattern', title: 'a number, which is no string', exchange: exchangeOf({ json: { n: 40 } }), expect: value('/n', { pattern: '^\\d+$' }), findings: [{ message: '/n must be a string and match /^\\d+$/', actual: 40 }] },
  // value-does-not-match-pattern (not: { pattern })
  { check: 'value-does-not-match-pattern', title: 'an ISO 8601 interval, not a .NET TimeSpan', exchange: created, expect: value('/schedule/interval', { pattern: '^\\d+\\.', negated: true }), findings: [] },
  { check: 'value-does-not-match-pattern', title: 'a .NET TimeSpan interval', exchange: createExchange({ ...createdJob(), schedule: { interval: '10675199.02:48:05.4775807' } }), expect: value('/schedule/interval', { pattern: '^\\d+\\.', negated: true }), findings: [{ message: '/schedule/interval must not match /^\\d+\\./', expected: { not: '^\\d+\\.' }, actual: '10675199.02:48:05.4775807' }] },
  { check: 'value-does-not-match-pattern', title: 'a number, which is no string either way', exchange: exchangeOf({ json: { n: 40 } }), expect: value('/n', { pattern: '^x', negated: true }), findings: [{ message: '/n must be a string and not match /^x/', actual: 40 }] },
  // value-is-non-empty
  { check: 'value-is-non-empty', title: 'the job id', exchange: created, expect: value('/id', { nonEmpty: true }), findings: [] },
  { check: 'value-is-non-empty', title: 'the status object', exchange: created, expect: value('/status', { nonEmpty: true }), findings: [] },
  { check: 'value-is-non-empty', title: 'an empty id', exchange: exchangeOf({ json: { id: '' } }), expect: value('/id', { nonEmpty: true }), findings: [{ message: '/id must be non-empty', expected: 'non-empty', actual: '' }] },
  { check: 'value-is-non-empty', title: 'an empty synchronizedEntryCountByType', exchange: created, expect: value('/status/synchronizedEntryCountByType', { nonEmpty: true }), findings: [{ actual: [] }] },
  { check: 'value-is-non-empty', title: 'a number', exchange: exchangeOf({ json: { n: 1 } }), expect: value('/n', { nonEmpty: true }), findings: [{ message: '/n must be a string, array or object and be non-empty', actual: 1 }] },
  // value-is-empty (not: { nonEmpty })
  { check: 'value-is-empty', title: 'no entries synchronized yet', exchange: created, expect: value('/status/synchronizedEntryCountByType', { nonEmpty: true, negated: true }), findings: [] },
  { check: 'value-is-empty', title: 'an empty string', exchange: exchangeOf({ json: { s: '' } }), expect: value('/s', { nonEmpty: true, negated: true }), findings: [] },
  { check: 'value-is-empty', title: 'a status with fields', exchange: created, expect: value('/status', { nonEmpty: true, negated: true }), findings: [{ message: '/status must not be non-empty', expected: { not: 'non-empty' }, pointer: '/status' }] },
  { check: 'value-is-empty', title: 'a number, which has no emptiness', exchange: exchangeOf({ json: { n: 0 } }), expect: value('/n', { nonEmpty: true, negated: true }), findings: [{ message: '/n must be a string, array or object and not be non-empty', actual: 0 }] },
  { check: 'value-is-empty', title: 'a missing value', exchange: exchangeOf({ json: {} }), expect: value('/n', { nonEmpty: true, negated: true }), findings: [{ message: '/n must be present and not be non-empty', actual: undefined }] },
  // value-contains
  { check: 'value-contains', title: 'a list holding the new job among others', exchange: exchangeOf({ json: { value: [{ id: 'a', templateId: 'Slack' }, { id: 'b', templateId: 'BoxOutDelta', status: {} }] } }), expect: value('/value', { contains: { id: 'b', templateId: 'BoxOutDelta' } }), findings: [] },
  { check: 'value-contains', title: 'a list without the new job', exchange: exchangeOf({ json: { value: [{ id: 'a', templateId: 'BoxOutDelta' }] } }), expect: value('/value', { contains: { id: 'b' } }), findings: [{ message: '/value must contain an element matching {"id":"b"}', expected: { contains: { id: 'b' } }, pointer: '/value' }] },
  { check: 'value-contains', title: 'a job whose id matches but whose template does not', exchange: exchangeOf({ json: { value: [{ id: 'b', templateId: 'Slack' }] } }), expect: value('/value', { contains: { id: 'b', templateId: 'BoxOutDelta' } }), findings: [{ pointer: '/value' }] },
  { check: 'value-contains', title: 'an object where a list belongs', exchange: exchangeOf({ json: { value: { id: 'b' } } }), expect: value('/value', { contains: { id: 'b' } }), findings: [{ message: '/value must be an array and contain an element matching {"id":"b"}', actual: { id: 'b' } }] },
  // value-excludes (excludes, not: { contains })
  { check: 'value-excludes', title: 'a list without the rejected template', exchange: exchangeOf({ json: { value: [{ id: 'a', templateId: 'BoxOutDelta' }] } }), expect: value('/value', { contains: { templateId: 'gsc-no-such-template' }, negated: true }), findings: [] },
  { check: 'value-excludes', title: 'a job created by a rejected create', exchange: exchangeOf({ json: { value: [{ id: 'a' }, { id: 'x', templateId: 'gsc-no-such-template' }] } }), expect: value('/value', { contains: { templateId: 'gsc-no-such-template' }, negated: true }), findings: [{ message: '/value must not contain an element matching {"templateId":"gsc-no-such-template"}', expected: { not: { contains: { templateId: 'gsc-no-such-template' } } }, pointer: '/value/1', actual: { id: 'x', templateId: 'gsc-no-such-template' } }] },
  { check: 'value-excludes', title: 'no list at all', exchange: exchangeOf({ json: {} }), expect: value('/value', { contains: { id: 'x' }, negated: true }), findings: [{ message: '/value must be an array and not contain an element matching {"id":"x"}', actual: undefined, pointer: '/value' }] },
];
