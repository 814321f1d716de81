import type { Exchange, Expectation, Finding } from '../../../src/model/index.js';
import { JOB_SCHEMA, at, createExchange, exchangeOf } from '../helpers.js';

/** One exchange judged by one check: what the check must find (nothing, when the claim holds). */
export interface Row {
  check: string;
  title: string;
  exchange: Exchange;
  expect: Partial<Expectation>;
  /** [] when the claim holds; else what the findings must contain, in order. */
  findings: Partial<Finding>[];
}

type ValuePredicate = Omit<Expectation['values'][number], 'pointer' | 'span'>;
type HeaderPredicate = Omit<Expectation['headers'][number], 'name' | 'span'>;

/** `json: { <pointer>: <predicate> }` on line 9. */
export const value = (pointer: string, predicate: ValuePredicate) => ({ values: [{ pointer, ...predicate, span: at(9) }] });

/** `headers: { <name>: <predicate> }` on line 5. */
export const header = (name: string, predicate: HeaderPredicate) => ({ headers: [{ name, ...predicate, span: at(5) }] });

/** `schema: { $ref: …synchronizationJob.schema.json, pointer }` on line 8. */
export const schema = (pointer = '') => ({
  schemas: [{ ref: JOB_SCHEMA, written: '../../schemas/api/synchronizationJob.schema.json', pointer, span: at(8) }],
});

/** The documented create, answered 201. */
export const created = createExchange();

/** A 204 No Content, as start, pause and delete answer. */
export const noContent = exchangeOf({ status: 204, headers: { 'request-id': 'r-1' } });
