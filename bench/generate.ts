/**
 * A large suite written for the bench: N cases of one GET each (list jobs) with a status and a
 * schema check, the shape of the Step CI measurement the bench compares with (1000 single-GET tests).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Writes `<dir>/generated.yaml` with `count` cases and returns its path. `root` is the repository. */
export function writeGeneratedSuite(dir: string, count: number, root: string): string {
  mkdirSync(dir, { recursive: true });
  // Paths in a suite are relative to the file, wherever the temp folder is.
  const rel = (p: string): string => relative(dir, join(root, p)).split('\\').join('/');
  const width = String(count).length;
  const cases = Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(width, '0');
    return [
      `  - id: bench/list-${n}`,
      `    title: Listing jobs answers 200 with a synchronizationJob collection (generated ${n})`,
      '    level: MUST',
      '    tags: [bench, read-only]',
      '    steps:',
      '      - name: list',
      '        request:',
      '          method: GET',
      '          path: /servicePrincipals/{{servicePrincipalId}}/synchronization/jobs',
      '        expect:',
      '          status: 200',
      `          schema: { $ref: ${rel('schemas/api/synchronizationJobCollection.schema.json')} }`,
    ].join('\n');
  });
  const text = [
    `$schema: ${rel('schemas/suite.schema.json')}`,
    'suite: bench/generated',
    `title: ${count} generated list-jobs cases for the benchmark`,
    'doc: https://learn.microsoft.com/graph/api/synchronization-synchronization-list-jobs?view=graph-rest-1.0',
    'cases:',
    ...cases,
    '',
  ].join('\n');
  const file = join(dir, 'generated.yaml');
  writeFileSync(file, text);
  return file;
}
