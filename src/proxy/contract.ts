import { createSchemaStore, type SchemaStore } from '../assert/index.js';
import { closestOperations, findOperation, loadOperations, type Operation } from '../load/index.js';

/** What the proxy checks traffic against: the operations of `specs/` and the schemas they name. */
export interface Contract {
  operations: Operation[];
  schemas: SchemaStore;
}

/** The specs could not be read; the message lists each problem. */
export class ContractError extends Error {}

/**
 * Loads the OpenAPI operations of `specsDir` and a schema store over `schemasDir`, as a run does.
 * @throws ContractError when a spec file is missing or invalid.
 */
export async function loadContract(specsDir: string, schemasDir: string): Promise<Contract> {
  const { operations, diagnostics } = await loadOperations(specsDir);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new ContractError(`cannot read the specs: ${errors.map((d) => `${d.span ? `${d.span.file}:${d.span.line}:${d.span.col}: ` : ''}${d.message}`).join('; ')}`);
  return { operations, schemas: createSchemaStore([schemasDir]) };
}

/**
 * The operation a request calls: its path below the base path (`/v1.0`), matched as suites'
 * requests are. `nearest` names what the specs hold instead, for an unknown one.
 */
export function operationFor(contract: Contract, basePath: string, method: string, requestPath: string): { operation?: Operation; apiPath: string; nearest: Operation[] } {
  const bare = requestPath.split(/[?#]/, 1)[0] ?? '';
  const below = basePath !== '' && (bare === basePath || bare.startsWith(`${basePath}/`)) ? bare.slice(basePath.length) : undefined;
  if (below === undefined) return { apiPath: bare, nearest: [] };
  const operation = findOperation(contract.operations, method, below);
  return operation ? { operation, apiPath: below, nearest: [] } : { apiPath: below, nearest: closestOperations(contract.operations, method, below, 2) };
}
