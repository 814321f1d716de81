import { parseJson } from '../common/json-depth.js';

const NOT_FOUND_CODES = new Set(['Request_ResourceNotFound', 'ResourceNotFound', 'NotFound', 'ItemNotFound']);

/**
 * A 404 in the directory's words about this very object ("Resource '{id}' does not exist…"):
 * an unknown service principal, not a route the target leaves out.
 */
export function namesMissingObject(error: { code?: string; message?: string }, id: string): boolean {
  return NOT_FOUND_CODES.has(error.code ?? '') && (error.message ?? '').toLowerCase().includes(id.toLowerCase());
}

/** The Graph error's code and message, when the body is one. */
export function graphError(body: string): { code?: string; message?: string } {
  try {
    const parsed = parseJson(body);
    const error = parsed.ok ? (parsed.value as { error?: { code?: unknown; message?: unknown } } | null)?.error : undefined;
    return {
      ...(typeof error?.code === 'string' && error.code ? { code: error.code.slice(0, 100) } : {}),
      ...(typeof error?.message === 'string' && error.message ? { message: error.message.slice(0, 300) } : {}),
    };
  } catch {
    return {};
  }
}
