import { createHash, randomBytes, randomUUID } from 'node:crypto';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A new random GUID, lower case, as Graph writes them. */
export function newGuid(): string {
  return randomUUID();
}

/** True for a GUID in the 8-4-4-4-12 hex form. */
export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/**
 * A job id shaped like Graph's: `<templateId>.<32 hex>.<32 hex>`. The middle part is fixed per
 * service principal (Graph derives it from the tenant), the last part is random, so ids never repeat.
 */
export function newJobId(templateId: string, servicePrincipalId: string): string {
  // Odd template ids (accepted only under deviations) must not produce ids that break URL paths.
  const prefix = templateId.replace(/[^A-Za-z0-9_-]/g, '_') || 'job';
  const middle = createHash('md5').update(servicePrincipalId.toLowerCase()).digest('hex');
  return `${prefix}.${middle}.${randomBytes(16).toString('hex')}`;
}
