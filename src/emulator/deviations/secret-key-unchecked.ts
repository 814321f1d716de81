import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** Any key is stored, so a misspelt BaseAddress is silently ignored later. */
export const secretKeyUnchecked: Deviation = {
  name: 'secret-key-unchecked',
  breaks: 'PUT secrets refuses keys that are not synchronizationSecret members',
  doc: DOCS.secrets,
  acceptUnknownSecretKeys: true,
};
