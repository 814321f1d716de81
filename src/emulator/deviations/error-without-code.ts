import { DOCS, errorOf, onError } from './helpers.js';
import type { Deviation } from './types.js';

/** Clients are told to branch on `code`; here there is none. */
export const errorWithoutCode: Deviation = {
  name: 'error-without-code',
  breaks: 'Error bodies carry error.code',
  doc: DOCS.errors,
  reply: onError((r) => {
    const { code: _code, ...error } = errorOf(r);
    return { ...r, json: { error } };
  }),
};
