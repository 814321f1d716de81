import { at, createdJob, exchangeOf } from '../helpers.js';
import { created, noContent, header, type Row } from './rows.js';

/** Conforming and breaking exchanges for the status and header checks. */
export const statusHeadersRows: Row[] = [
  // status-is-expected
  { check: 'status-is-expected', title: 'a 201 when 201 is expected', exchange: created, expect: { status: { anyOf: [201], span: at(4) } }, findings: [] },
  { check: 'status-is-expected', title: 'a 201 against 4xx', exchange: created, expect: { status: { anyOf: ['4xx'], span: at(4) } }, findings: [{ message: 'status must be 4xx', expected: '4xx', actual: 201, span: at(4) }] },
  { check: 'status-is-expected', title: 'a 404 in 4xx', exchange: exchangeOf({ status: 404 }), expect: { status: { anyOf: ['4xx'], span: at(4) } }, findings: [] },
  { check: 'status-is-expected', title: 'a 201 in [200, 201]', exchange: created, expect: { status: { anyOf: [200, 201], span: at(4) } }, findings: [] },
  { check: 'status-is-expected', title: 'the documented 200 against the real 201', exchange: exchangeOf({ status: 200, json: createdJob() }), expect: { status: { anyOf: [201], span: at(4) } }, findings: [{ message: 'status must be 201', expected: 201, actual: 200 }] },
  { check: 'status-is-expected', title: 'a 500 against [204, "4xx"]', exchange: exchangeOf({ status: 500 }), expect: { status: { anyOf: [204, '4xx'], span: at(4) } }, findings: [{ message: 'status must be one of 204, 4xx', expected: [204, '4xx'], actual: 500 }] },
  // header-is-present / header-is-absent (present: false, not: { present: true })
  { check: 'header-is-present', title: 'request-id, asked in any case', exchange: created, expect: header('Request-Id', { present: true }), findings: [] },
  { check: 'header-is-present', title: 'a missing client-request-id', exchange: noContent, expect: header('client-request-id', { present: true }), findings: [{ message: 'client-request-id header must be present', expected: 'present', actual: 'absent', span: at(5) }] },
  { check: 'header-is-absent', title: 'no Location on create', exchange: created, expect: header('Location', { present: true, negated: true }), findings: [] },
  { check: 'header-is-absent', title: 'an unexpected Content-Type on a 204', exchange: exchangeOf({ status: 204, headers: { 'content-type': 'application/json' } }), expect: header('Content-Type', { present: true, negated: true }), findings: [{ message: 'Content-Type header must not be present', expected: { not: 'present' }, actual: 'application/json', span: at(5) }] },
  // header-equals
  { check: 'header-equals', title: 'OData-Version 4.0', exchange: created, expect: header('OData-Version', { equals: '4.0' }), findings: [] },
  { check: 'header-equals', title: 'OData-Version 4.01', exchange: exchangeOf({ headers: { 'odata-version': '4.01' } }), expect: header('OData-Version', { equals: '4.0' }), findings: [{ message: 'OData-Version header must equal "4.0"', expected: '4.0', actual: '4.01' }] },
  { check: 'header-equals', title: 'a missing OData-Version', exchange: noContent, expect: header('OData-Version', { equals: '4.0' }), findings: [{ message: 'OData-Version header must be present and equal "4.0"', expected: '4.0', actual: undefined }] },
  // header-differs (not: { equals })
  { check: 'header-differs', title: 'a fresh ETag', exchange: exchangeOf({ headers: { etag: 'W/"2"' } }), expect: header('ETag', { equals: 'W/"1"', negated: true }), findings: [] },
  { check: 'header-differs', title: 'the ETag before the update', exchange: exchangeOf({ headers: { etag: 'W/"1"' } }), expect: header('ETag', { equals: 'W/"1"', negated: true }), findings: [{ message: 'ETag header must not equal "W/\\"1\\""', expected: { not: 'W/"1"' }, actual: 'W/"1"', span: at(5) }] },
  { check: 'header-differs', title: 'no ETag at all', exchange: noContent, expect: header('ETag', { equals: 'W/"1"', negated: true }), findings: [{ message: 'ETag header must be present and not equal "W/\\"1\\""', actual: undefined }] },
  // header-matches-pattern
  { check: 'header-matches-pattern', title: "Graph's long JSON content type", exchange: created, expect: header('content-type', { pattern: '^application/json' }), findings: [] },
  { check: 'header-matches-pattern', title: 'a text/html content type', exchange: exchangeOf({ headers: { 'content-type': 'text/html' } }), expect: header('content-type', { pattern: '^application/json' }), findings: [{ message: 'content-type header must match /^application/json/', expected: '^application/json', actual: 'text/html' }] },
  { check: 'header-matches-pattern', title: 'a missing content type', exchange: noContent, expect: header('content-type', { pattern: '^application/json' }), findings: [{ actual: undefined }] },
  // header-does-not-match-pattern (not: { pattern })
  { check: 'header-does-not-match-pattern', title: 'a JSON error body, not an HTML gateway page', exchange: created, expect: header('content-type', { pattern: '^text/html', negated: true }), findings: [] },
  { check: 'header-does-not-match-pattern', title: 'an HTML gateway page', exchange: exchangeOf({ headers: { 'content-type': 'text/html; charset=utf-8' } }), expect: header('content-type', { pattern: '^text/html', negated: true }), findings: [{ message: 'content-type header must not match /^text/html/', expected: { not: '^text/html' }, actual: 'text/html; charset=utf-8' }] },
  { check: 'header-does-not-match-pattern', title: 'no content type at all', exchange: noContent, expect: header('content-type', { pattern: '^text/html', negated: true }), findings: [{ message: 'content-type header must be present and not match /^text/html/', actual: undefined }] },
];
