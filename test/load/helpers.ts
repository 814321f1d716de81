import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { formatDiagnostic, loadOperations, loadSuites, type LoadResult } from '../../src/load/index.js';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = join(ROOT, 'test/fixtures/suites');
export const FORMAT_SCHEMA = join(ROOT, 'schemas/suite.schema.json');
export const RUN_VARIABLES = ['servicePrincipalId', 'templateId', 'runId', 'randomGuid'] as const;

/** Loads suite files the way `gsc lint` does, against the fixture OpenAPI slice. */
export async function lint(...paths: string[]): Promise<LoadResult> {
  const { operations } = await loadOperations(join(FIXTURES, 'specs'));
  return loadSuites({ paths, formatSchemaFile: FORMAT_SCHEMA, runVariables: RUN_VARIABLES, operations });
}

/** Every diagnostic as the terminal shows it, one blank line apart. */
export function printed(result: LoadResult): string {
  return `${result.diagnostics.map((d) => formatDiagnostic(d, result.sources)).join('\n\n')}\n`;
}
