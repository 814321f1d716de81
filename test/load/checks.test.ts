import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/load/index.js';
import { tempDir } from '../fixtures/temp.js';
import { FIXTURES, FORMAT_SCHEMA, lint } from './helpers.js';

const dir = tempDir('gsc-checks-');
let counter = 0;

/** Writes a suite with one case made of `steps` (YAML, indented as under `steps:`) and lints it. */
async function lintCase(steps: string, extra = '', header = `$schema: ${relative(dir, FORMAT_SCHEMA)}\n`) {
  const file = join(dir, `case-${++counter}.yaml`);
  const text = `${header}suite: checks/x\ntitle: X\ndoc: https://example.com/doc\ncases:\n  - id: checks/x-${counter}\n    title: X\n    level: MUST\n    steps:\n${steps}${extra}`;
  writeFileSync(file, text);
  return lint(file);
}

const GET_JOBS = '        request: { method: GET, path: "/servicePrincipals/{{servicePrincipalId}}/synchronization/jobs" }\n';
const codes = (r: Awaited<ReturnType<typeof lint>>) => r.diagnostics.map((d) => d.code);

describe('variables', () => {
  it('lets cleanup steps use every capture of the case, main steps only earlier ones', async () => {
    const result = await lintCase(
      `      - name: create\n        request: { method: POST, path: "/servicePrincipals/{{servicePrincipalId}}/synchronization/jobs", json: { templateId: "{{templateId}}" } }\n        expect: { status: 201 }\n        capture: { jobId: /id }\n`,
      `    cleanup:\n      - name: delete\n        request: { method: DELETE, path: "/servicePrincipals/{{servicePrincipalId}}/synchronization/jobs/{{jobId}}" }\n`,
    );
    expect(result.diagnostics).toEqual([]);
  });

  it('says a step cannot use what it captures from its own response', async () => {
    const result = await lintCase(`      - name: get\n        request: { method: GET, path: "/servicePrincipals/{{servicePrincipalId}}/synchronization/jobs/{{jobId}}" }\n        expect: { status: 200 }\n        capture: { jobId: /id }\n`);
    expect(codes(result)).toEqual(['used-before-capture']);
    expect(result.diagnostics[0]?.hint).toContain('from its own response');
  });

  it('refuses a reference that is not a name', async () => {
    const result = await lintCase(`      - name: get\n${GET_JOBS}        expect: { status: 200, headers: { etag: "{{ job id }}" } }\n`);
    expect(codes(result)).toEqual(['bad-template']);
    expect(result.diagnostics[0]?.span).toMatchObject({ line: 12, col: 50, endCol: 62 });
  });
});

describe('references and values', () => {
  it('finds a $anchor fragment, and reports a missing one', async () => {
    const ref = relative(dir, join(FIXTURES, 'schemas/job.schema.json'));
    const ok = await lintCase(`      - name: get\n${GET_JOBS}        expect: { status: 200, schema: { $ref: "${ref}#status" } }\n`);
    expect(ok.diagnostics).toEqual([]);
    const missing = await lintCase(`      - name: get\n${GET_JOBS}        expect: { status: 200, schema: { $ref: "${ref}#state" } }\n`);
    expect(missing.diagnostics).toMatchObject([{ code: 'dangling-ref', message: 'no `$anchor: state` in `job.schema.json`' }]);
  });

  it('refuses a remote $ref or one without a file', async () => {
    const remote = await lintCase(`      - name: get\n${GET_JOBS}        expect: { status: 200, schema: [{ $ref: "https://example.com/x.json" }, { $ref: "#/$defs/x" }] }\n`);
    expect(remote.diagnostics.map((d) => d.message)).toEqual(['`$ref` `https://example.com/x.json` is not a local file', '`$ref` `#/$defs/x` names no file']);
  });

  it('reports a $ref to a file that is not JSON', async () => {
    const ref = relative(dir, join(FIXTURES, 'specs/openapi.yaml'));
    const result = await lintCase(`      - name: get\n${GET_JOBS}        expect: { status: 200, schema: { $ref: "${ref}" } }\n`);
    expect(result.diagnostics[0]?.message).toMatch(/which is not JSON/);
  });

  it('reports a header named twice in different case', async () => {
    const result = await lintCase(`      - name: get\n${GET_JOBS}        expect: { status: 200, headers: { Content-Type: { present: true }, content-type: { pattern: json } } }\n`);
    expect(codes(result)).toEqual(['duplicate-header']);
  });

  it('warns about a bearer token in a suite and never prints it', async () => {
    const token = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.payload.signature';
    const result = await lintCase(`      - name: get\n        request:\n          method: GET\n          path: /servicePrincipals/{{servicePrincipalId}}/synchronization/jobs\n          headers: { Authorization: "Bearer ${token}" }\n        expect: { status: 401 }\n`);
    expect(result.diagnostics).toMatchObject([{ code: 'credentials-in-suite', severity: 'warning' }]);
    const text = result.diagnostics.map((d) => formatDiagnostic(d, result.sources)).join('\n');
    expect(text).not.toContain(token.slice(0, 20));
  });
});

describe('the $schema key', () => {
  it('warns when it points elsewhere, with the path to write', async () => {
    const result = await lintCase(`      - name: get\n${GET_JOBS}        expect: { status: 200 }\n`, '', '$schema: ./suite.schema.json\n');
    expect(result.diagnostics).toMatchObject([{ code: 'wrong-schema-key', severity: 'warning', hint: `write \`$schema: ${relative(dir, FORMAT_SCHEMA)}\`` }]);
  });

  it('accepts the published URL form', async () => {
    const result = await lintCase(`      - name: get\n${GET_JOBS}        expect: { status: 200 }\n`, '', '$schema: https://example.com/schemas/suite.schema.json\n');
    expect(result.diagnostics).toEqual([]);
  });
});

describe('schema errors stay local', () => {
  it('drops only the case that failed the schema and still checks the others', async () => {
    const result = await lintCase(
      `      - name: get\n${GET_JOBS}        expect: { status: 200 }\n`,
      `  - id: checks/broken\n    title: Y\n    level: must\n    steps:\n      - name: get\n${GET_JOBS}        expect: { status: 200 }\n  - id: checks/other\n    title: Z\n    level: MAY\n    steps:\n      - name: get\n${GET_JOBS}        expect: { status: 200, json: { id: { present: true } } }\n`,
    );
    expect(codes(result)).toEqual(['invalid-value', 'invalid-pointer']);
    expect(result.suites[0]?.cases.map((c) => c.id)).toEqual([`checks/x-${counter}`, 'checks/other']);
  });
});

describe('operations', () => {
  const PUT_JOBS = '        request: { method: PUT, path: "/servicePrincipals/{{servicePrincipalId}}/synchronization/jobs" }\n';
  it('lets a step that expects only 405 use a method its path does not support', async () => {
    const result = await lintCase(`      - name: put\n${PUT_JOBS}        expect: { status: 405 }\n`);
    expect(result.diagnostics).toEqual([]);
  });
  it('lets it also accept the 404 and 400 Graph answers an unsupported method with', async () => {
    const result = await lintCase(`      - name: put\n${PUT_JOBS}        expect: { status: [404, 405, 400] }\n`);
    expect(result.diagnostics).toEqual([]);
  });
  it('still refuses that method when the step expects anything else', async () => {
    for (const status of ['[405, 201]', '[404, 400]', '4xx']) {
      const result = await lintCase(`      - name: put\n${PUT_JOBS}        expect: { status: ${status} }\n`);
      expect(codes(result), status).toEqual(['unknown-operation']);
    }
  });
  it('still refuses a path that does not exist, whatever the step expects', async () => {
    const result = await lintCase(`      - name: put\n        request: { method: PUT, path: "/servicePrincipals/{{servicePrincipalId}}/synchronization/jbos" }\n        expect: { status: 405 }\n`);
    expect(codes(result)).toEqual(['unknown-operation']);
  });
});

describe('anyOf alternatives', () => {
  const LIST = '        request: { method: GET, path: "/servicePrincipals/{{servicePrincipalId}}/synchronization/jobs" }\n';
  it('loads each alternative as a whole expectation', async () => {
    const result = await lintCase(`      - name: list\n${LIST}        expect:\n          anyOf:\n            - { status: 200, json: { /value: { type: array } } }\n            - { status: 4xx }\n`);
    expect(result.diagnostics).toEqual([]);
    const alternatives = result.suites[0]?.cases[0]?.steps[0]?.expect.anyOf;
    expect(alternatives?.map((a) => a.status?.anyOf)).toEqual([[200], ['4xx']]);
    expect(alternatives?.[0]?.values.map((v) => v.pointer)).toEqual(['/value']);
  });
  it('needs a status in every alternative of a main step', async () => {
    const result = await lintCase(`      - name: list\n${LIST}        expect:\n          anyOf:\n            - { status: 200 }\n            - { emptyBody: true }\n`);
    expect(codes(result)).toEqual(['missing-status']);
  });
  it('stands alone: a status beside it is an error', async () => {
    const result = await lintCase(`      - name: list\n${LIST}        expect:\n          status: 200\n          anyOf: [{ status: 200 }, { status: 404 }]\n`);
    expect(codes(result).length).toBeGreaterThan(0);
  });
  it('checks the variables of each alternative', async () => {
    const result = await lintCase(`      - name: list\n${LIST}        expect:\n          anyOf:\n            - { status: 200, json: { /value: { contains: { id: "{{nope}}" } } } }\n            - { status: 404 }\n`);
    expect(codes(result)).toEqual(['unknown-variable']);
  });
});

describe('user variables in a suite', () => {
  it('are known everywhere, and each case records the ones it needs', async () => {
    const result = await lintCase(
      `      - name: provision\n        request: { method: POST, path: "/servicePrincipals/{{servicePrincipalId}}/synchronization/jobs/{{vars.jobId}}/start", json: { credentials: [{ key: SecretToken, value: "{{secrets.token}}" }] } }\n        expect: { status: 204 }\n`,
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.suites[0]?.cases[0]?.needs).toEqual(['vars.jobId', 'secrets.token']);
  });
  it('refuses another namespace or an empty name', async () => {
    const result = await lintCase(`      - name: list\n        request: { method: GET, path: "/servicePrincipals/{{env.sp}}/synchronization/jobs/{{vars.}}" }\n        expect: { status: 200 }\n`);
    expect(codes(result)).toEqual(['bad-template', 'bad-template']);
  });
});
