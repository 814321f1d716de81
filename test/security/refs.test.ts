import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, printed } from '../load/helpers.js';
import { tempDir } from '../fixtures/temp.js';

/** The codes of the errors (a hand-written suite without `$schema` gets a warning too). */
const errors = (r: Awaited<ReturnType<typeof lint>>) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

/** A suite whose one step checks its answer against the schema `ref`. */
function suiteWithRef(ref: string): string {
  const dir = tempDir('gsc-sec-suites-');
  mkdirSync(join(dir, 'suites'));
  const file = join(dir, 'suites', 'refs.yaml');
  writeFileSync(
    file,
    `suite: sec/refs
title: A suite from someone else
doc: https://learn.microsoft.com/graph/api/synchronization-synchronization-post-jobs
cases:
  - id: refs/hostile
    title: A $ref that reaches out
    level: MUST
    steps:
      - name: list
        request: { method: GET, path: "/servicePrincipals/{{servicePrincipalId}}/synchronization/jobs" }
        expect:
          status: 200
          schema: { $ref: "${ref}" }
`,
  );
  return file;
}

describe('a suite $ref reads only a regular file inside the project or the suites\' folder (issue 9 #6)', () => {
  it('$ref: ../../../../etc/passwd is refused, and the diagnostic quotes nothing of the file', async () => {
    const file = suiteWithRef('../../../../../../../../../../etc/passwd');
    const result = await lint(file);
    const text = printed(result);
    expect(errors(result)).toEqual(['dangling-ref']);
    expect(text).toContain('lies outside the project and the folder of the suites');
    expect(text).not.toMatch(/root:/);
    // The file is there, so the help says what to do instead of guessing its own name back.
    expect(text).toContain("help: copy the schema into the project or the suites' folder and refer to the copy");
    expect(text).not.toContain('did you mean');
  });

  it('$ref: /dev/zero is refused without being read', async () => {
    const result = await lint(suiteWithRef('/dev/zero'));
    expect(errors(result)).toEqual(['dangling-ref']);
  });

  it('a link inside the suites\' folder to a file outside is refused', async () => {
    const file = suiteWithRef('secret.json');
    const outside = join(tempDir('gsc-sec-outside-'), 'secret.json');
    writeFileSync(outside, '{"token":"s3cr3t-value"}');
    symlinkSync(outside, join(file, '..', 'secret.json'));
    const text = printed(await lint(file));
    expect(text).toContain('lies outside the project and the folder of the suites');
    expect(text).not.toContain('s3cr3t-value');
  });

  it('a file inside the suites\' folder that is not JSON is named without its content', async () => {
    const file = suiteWithRef('notes.json');
    writeFileSync(join(file, '..', 'notes.json'), 'password=hunter2-and-more');
    const text = printed(await lint(file));
    expect(text).toContain('is not JSON (it is not valid JSON');
    expect(text).not.toContain('hunter2');
  });

  it('a file over the size cap is refused', async () => {
    const file = suiteWithRef('big.json');
    writeFileSync(join(file, '..', 'big.json'), `"${'x'.repeat(1024 * 1024 + 10)}"`);
    expect(printed(await lint(file))).toContain('is larger than 1048576 bytes');
  });

  it('a schema file inside the suites\' folder still resolves', async () => {
    const file = suiteWithRef('job.schema.json');
    writeFileSync(join(file, '..', 'job.schema.json'), '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object"}');
    expect(errors(await lint(file))).toEqual([]);
  });
});
