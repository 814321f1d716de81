import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidExpectationError, SchemaLoadError, checkExchange, createSchemaStore } from '../../src/assert/index.js';
import { ERROR_SCHEMA, JOB_SCHEMA, SCHEMAS, at, createExchange, createdJob, exchangeOf, expecting } from './helpers.js';

const ctx = { schemas: createSchemaStore([join(SCHEMAS, 'graph'), join(SCHEMAS, 'common')]) };
const jobSchema = (line: number) => ({ ref: JOB_SCHEMA, written: 'job.schema.json', pointer: '', span: at(line) });

describe('checkExchange', () => {
  it('lists findings in the order of the expectations in the file', () => {
    const findings = checkExchange(
      exchangeOf({ status: 200, json: { id: '', schedule: { state: 'Active' } } }),
      expecting({
        values: [
          { pointer: '/schedule/state', equals: 'Disabled', span: at(12) },
          { pointer: '/id', nonEmpty: true, span: at(11) },
          { pointer: '/id', type: 'integer', span: at(11, 20) },
        ],
        headers: [{ name: 'request-id', present: true, span: at(6) }],
        status: { anyOf: [201], span: at(4) },
      }),
      ctx,
    );
    expect(findings.map((f) => [f.check, f.span?.line])).toEqual([
      ['status-is-expected', 4],
      ['header-is-present', 6],
      ['value-is-non-empty', 11],
      ['value-has-type', 11],
      ['value-equals', 12],
    ]);
  });

  it('says once that a body is not JSON instead of failing every schema and pointer', () => {
    const gateway = exchangeOf({ status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body>Bad Gateway</body></html>' });
    const findings = checkExchange(
      gateway,
      expecting({
        status: { anyOf: [201], span: at(4) },
        schemas: [jobSchema(8)],
        values: [
          { pointer: '/id', type: 'string', span: at(10) },
          { pointer: '/status/progress', present: true, negated: true, span: at(11) },
        ],
      }),
      ctx,
    );
    expect(findings.map((f) => `${f.check}: ${f.message}`)).toEqual([
      'status-is-expected: status must be 201',
      expect.stringMatching(/^body-is-json: body must be JSON \(/),
    ]);
    expect(findings[1]).toMatchObject({ span: at(8), actual: '<html><body>Bad Gateway</body></html>' });
  });

  it('does not ask for JSON when only status, headers and emptiness are expected', () => {
    const findings = checkExchange(
      exchangeOf({ status: 204 }),
      expecting({ status: { anyOf: [204], span: at(4) }, emptyBody: { span: at(5) } }),
      ctx,
    );
    expect(findings).toEqual([]);
  });

  it('never reports unknown properties when the schema does not forbid them', () => {
    const job = createdJob();
    job['@odata.type'] = '#microsoft.graph.synchronizationJob';
    job.status['@odata.type'] = '#microsoft.graph.synchronizationStatus';
    job.schedule.futureProperty = { nested: true };
    const findings = checkExchange(createExchange(job), expecting({ schemas: [jobSchema(8)] }), ctx);
    expect(findings).toEqual([]);
  });

  it('accepts what the real service sends: TimeSpan.MaxValue, DateTime.MinValue, 7-digit fractions, an empty error message, a date without offset', () => {
    const job = createdJob();
    job.status.lastExecution = { state: 'Succeeded', timeBegan: '2024-06-01T10:00:00.1234567Z', timeEnded: '2024-06-01T10:00:05Z', countExported: 0 };
    expect(checkExchange(createExchange(job), expecting({ schemas: [jobSchema(8)] }), ctx)).toEqual([]);

    const unknownError = exchangeOf({
      status: 401,
      json: { error: { code: 'UnknownError', message: '', innerError: { date: '2024-02-08T12:07:31', 'request-id': 'a', 'client-request-id': 'b' } } },
    });
    const errorSchema = { ref: ERROR_SCHEMA, written: 'odataError.schema.json', pointer: '', span: at(8) };
    expect(checkExchange(unknownError, expecting({ schemas: [errorSchema] }), ctx)).toEqual([]);
  });

  it('reports a job whose every part breaks, one finding per violation, at body pointers', () => {
    const job = createdJob();
    job.schedule = { interval: 40, state: 'Running', expiration: 'never' };
    job.status.quarantine = { reason: 'Bored', seriesCount: 1 };
    job.status.steadyStateFirstAchievedTime = 'yesterday';
    const findings = checkExchange(createExchange(job), expecting({ schemas: [jobSchema(8)] }), ctx);
    expect(findings.map((f) => [f.pointer, f.expected, f.actual])).toEqual([
      // anyOf [date-time string, null]: the string branch explains it, not "must be null".
      ['/schedule/expiration', { format: 'date-time' }, 'never'],
      ['/schedule/interval', { type: 'string' }, 40],
      ['/schedule/state', { enum: ['Active', 'Disabled', 'Paused'] }, 'Running'],
      ['/status/quarantine/reason', { enum: ['EncounteredBaseEscrowThreshold', 'TooManyDeletes', 'Unknown'] }, 'Bored'],
      ['/status/steadyStateFirstAchievedTime', { format: 'date-time' }, 'yesterday'],
    ]);
    expect(findings.every((f) => f.check === 'body-matches-schema' && f.span?.line === 8)).toBe(true);
  });

  it('throws, rather than reporting the target, when an expectation cannot be evaluated', () => {
    const exchange = createExchange();
    const badPattern = expecting({ values: [{ pointer: '/id', pattern: '(', span: at(9) }] });
    expect(() => checkExchange(exchange, badPattern, ctx)).toThrow(InvalidExpectationError);
    expect(() => checkExchange(exchange, badPattern, ctx)).toThrow(/^pattern \/\(\/ is not a valid regular expression: missing \): \(/);

    const badPointer = expecting({ values: [{ pointer: 'id', present: true, span: at(9) }] });
    const error = catchError(() => checkExchange(exchange, badPointer, ctx));
    expect(error).toBeInstanceOf(InvalidExpectationError);
    expect(error).toMatchObject({ message: '"id" is not a JSON pointer: a JSON pointer starts with `/`', span: at(9) });

    const missing = { ref: join(SCHEMAS, 'graph', 'nope.schema.json'), written: 'nope.schema.json', pointer: '', span: at(8) };
    expect(() => checkExchange(exchange, expecting({ schemas: [missing] }), ctx)).toThrow(SchemaLoadError);
  });
});

function catchError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('checkExchange with anyOf alternatives', () => {
  const either = expecting({
    anyOf: [
      expecting({ status: { anyOf: [204], span: at(5) }, emptyBody: { span: at(6) } }),
      expecting({ status: { anyOf: ['4xx'], span: at(8) }, schemas: [{ ref: ERROR_SCHEMA, written: 'odataError.schema.json', pointer: '', span: at(9) }] }),
    ],
  });
  const error = { error: { code: 'BadRequest', message: 'no', innerError: { date: '2024-02-08T12:07:31', 'request-id': 'r', 'client-request-id': 'c' } } };

  it('passes an answer that meets one alternative, whichever', () => {
    expect(checkExchange(exchangeOf({ status: 204 }), either, ctx)).toEqual([]);
    expect(checkExchange(exchangeOf({ status: 400, json: error }), either, ctx)).toEqual([]);
  });

  it('reports what the alternative the answer aimed at (by its status) lacks', () => {
    const findings = checkExchange(exchangeOf({ status: 204, body: '{"x":1}' }), either, ctx);
    expect(findings.map((f) => [f.check, f.span?.line])).toEqual([['body-is-empty', 6]]);
    const refusal = checkExchange(exchangeOf({ status: 403, json: { message: 'no' } }), either, ctx);
    expect(refusal.map((f) => f.check)).toEqual(['body-matches-schema']);
  });

  it("reports the first alternative's findings when the status meets none", () => {
    const findings = checkExchange(exchangeOf({ status: 500, json: error }), either, ctx);
    expect(findings.map((f) => [f.check, f.span?.line])).toEqual([['status-is-expected', 5], ['body-is-empty', 6]]);
  });
});
