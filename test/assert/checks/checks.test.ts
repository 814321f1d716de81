import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkExchange, checks, createSchemaStore } from '../../../src/assert/index.js';
import { SCHEMAS, at, createExchange, expecting } from '../helpers.js';
import { bodyRows } from './body.rows.js';
import { header, schema, type Row } from './rows.js';
import { statusHeadersRows } from './status-headers.rows.js';
import { valuesRows } from './values.rows.js';

const ctx = { schemas: createSchemaStore([join(SCHEMAS, 'graph'), join(SCHEMAS, 'common')]) };
const rows: Row[] = [...statusHeadersRows, ...bodyRows, ...valuesRows];

describe.each(checks.map((c) => c.name))('%s', (name) => {
  const mine = rows.filter((row) => row.check === name);

  it('has a conforming and a breaking exchange in the tables', () => {
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

  it('finds nothing wrong with the documented create against its full expectation', () => {
    const expectation = expecting({
      status: { anyOf: [201], span: at(4) },
      ...header('request-id', { present: true }),
      ...schema(),
      values: [{ pointer: '/status/code', equals: 'NotConfigured', span: at(10) }],
    });
    expect(checkExchange(createExchange(), expectation, ctx)).toEqual([]);
  });
});
