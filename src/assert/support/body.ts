import type { Exchange, SourceSpan } from '../../model/index.js';
import { InvalidExpectationError } from '../errors.js';
import { resolvePointer, type Resolution } from '../json/pointer.js';

/**
 * The value at `pointer` in the parsed body; never found when the body is not JSON (so a
 * pointer "" does not "resolve" to a missing body).
 * @throws InvalidExpectationError, carrying `span`, when `pointer` is not a JSON pointer.
 */
export function bodyValue(exchange: Exchange, pointer: string, span: SourceSpan): Resolution {
  const { json } = exchange.response;
  if (json === undefined) return { found: false };
  try {
    return resolvePointer(json, pointer);
  } catch (error) {
    if (error instanceof InvalidExpectationError) throw new InvalidExpectationError(error.message, span);
    throw error;
  }
}
