import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJunitReporter } from '../../src/report/junit.js';
import { captureStream, cases, failed, info, NASTY, passed, run, SECRETS, summary } from './fixtures.js';

/** Anything outside the XML 1.0 `Char` production makes the whole file unreadable to CI. */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

interface Testcase {
  '@_classname': string;
  '@_name': string;
  '@_time': string;
  failure?: { '#text': string; '@_message': string; '@_type': string };
  error?: { '#text': string; '@_message': string; '@_type': string };
  skipped?: { '@_message': string };
  'system-out': string;
  properties: { property: { '@_name': string; '@_value': string }[] };
}
interface Testsuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  '@_skipped': string;
  testcase: Testcase[];
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gsc-junit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function junit(outDir = join(dir, 'reports', 'ci'), list = cases, end = summary): Promise<string> {
  await run(createJunitReporter({ outDir, stream: captureStream().stream, color: false }), list, end);
  return readFile(join(outDir, 'junit.xml'), 'utf8');
}

function parse(xml: string): { testsuites: { '@_tests': string; testsuite: Testsuite[] } } {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => name === 'testsuite' || name === 'testcase', parseAttributeValue: false, parseTagValue: false });
  return parser.parse(xml) as never;
}

describe('junit reporter', () => {
  it('writes valid XML 1.0 even when bodies hold ]]>, <script>, NUL, escapes, lone surrogates and emoji', async () => {
    const xml = await junit();
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toMatch(NOT_XML_CHAR);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(xml).not.toContain('<![CDATA[');
    // The evidence survives as readable text.
    const out = parse(xml).testsuites.testsuite[0]!.testcase[1]!['system-out'];
    expect(out).toContain('<script>alert(1)</script>');
    expect(out).toContain(']]>');
    expect(out).toContain('esc:\\u001b[31mred');
    expect(out).toContain('emoji:😀');
    expect(NASTY).toContain('😀');
  });

  it('has one testsuite per suite and one testcase per case with stable names', async () => {
    const doc = parse(await junit());
    expect(doc.testsuites['@_tests']).toBe('4');
    const [create, list] = doc.testsuites.testsuite;
    expect(create!['@_name']).toBe('synchronization-jobs/create');
    expect([create!['@_tests'], create!['@_failures'], create!['@_errors'], create!['@_skipped']]).toEqual(['3', '1', '0', '1']);
    expect(list!['@_name']).toBe('synchronization-jobs/list');
    expect(create!.testcase.map((t) => [t['@_classname'], t['@_name']])).toEqual([
      ['synchronization-jobs/create', 'create/answers-201-with-a-job: A valid create answers 201 Created with a synchronizationJob'],
      ['synchronization-jobs/create', 'create/rejects-an-unknown-template: An unknown templateId answers 400'],
      ['synchronization-jobs/create', 'create/rejects-a-second-job: A second job for the same template answers 409'],
    ]);
    expect(create!.testcase[0]!['@_time']).toBe('0.120');
  });

  it('marks a failed case with its findings, an error with its code and a skip with its reason', async () => {
    const [create, list] = parse(await junit()).testsuites.testsuite;
    const failure = create!.testcase[1]!.failure!;
    expect(failure['@_message']).toBe('status must be 400 (and 1 more finding)');
    expect(failure['@_type']).toBe('status-is-expected');
    expect(failure['#text']).toContain('expected: [400]\n     actual:   200\n     expectation at suites/synchronization-jobs/create.yaml:38:19');
    expect(failure['#text']).toContain('pointer:  /error/code');
    const error = list!.testcase[0]!.error!;
    expect(error['@_type']).toBe('protocol');
    expect(error['@_message']).toBe('protocol: the answer was not JSON');
    expect(create!.testcase[2]!.skipped!['@_message']).toBe('writes are not selected (--writes off)');
    expect(create!.testcase[0]!.failure).toBeUndefined();
  });

  it('puts the exchange in system-out: the full transcript of a troubled step, one line for the rest', async () => {
    const [create] = parse(await junit()).testsuites.testsuite;
    const troubled = create!.testcase[1]!['system-out'];
    expect(troubled).toContain('request: POST http://127.0.0.1:4010/v1.0/servicePrincipals/sp-1/synchronization/jobs?access_token=[REDACTED]');
    expect(troubled).toContain('response: 200 (12 ms)');
    expect(troubled).toContain('cleanup step "delete-job" failed');
    expect(create!.testcase[0]!['system-out'].trim()).toBe(
      'step "create": POST http://127.0.0.1:4010/v1.0/servicePrincipals/sp-1/synchronization/jobs?access_token=[REDACTED] -> 201, passed in 12 ms',
    );
  });

  it('adds an errored "run" testcase when the run was aborted, so CI shows it', async () => {
    const doc = parse(await junit(undefined, [passed], { ...summary, aborted: { code: 'connect', message: 'connection refused' } }));
    const runSuite = doc.testsuites.testsuite.find((s) => s['@_name'] === 'run')!;
    expect(runSuite.testcase[0]!.error!['@_message']).toBe('connect: connection refused');
  });

  it('agrees with the verdict: a failure below the failing level is no <failure>, and its findings stay in system-out', async () => {
    const should = { ...failed, level: 'SHOULD' as const };
    const outDir = join(dir, 'below');
    const conformant = { ...summary, counts: { passed: 1, failed: 1, error: 0, skipped: 0 }, verdict: 'conformant' as const, conformant: true };
    await run(createJunitReporter({ outDir, stream: captureStream().stream, color: false }), [passed, should], conformant, { ...info, failLevel: 'MUST' });
    const doc = parse(await readFile(join(outDir, 'junit.xml'), 'utf8'));
    const suite = doc.testsuites.testsuite[0]!;
    expect([suite['@_tests'], suite['@_failures'], suite['@_errors']]).toEqual(['2', '0', '0']);
    expect(doc.testsuites).toMatchObject({ '@_failures': '0', '@_errors': '0' });
    const tc = suite.testcase[1]!;
    expect(tc.failure).toBeUndefined();
    expect(tc['system-out']).toContain('FAILED at level SHOULD, below the failing level MUST, so it does not fail the run: status must be 400');
    expect(tc['system-out']).toContain('pointer:  /error/code');
    expect(tc.properties.property).toContainEqual({ '@_name': 'outcome', '@_value': 'failed at SHOULD, below the failing level MUST: does not fail the run' });

    // At --level SHOULD the same case fails the run, and is a <failure> again.
    await run(createJunitReporter({ outDir, stream: captureStream().stream, color: false }), [passed, should], summary, { ...info, failLevel: 'SHOULD' });
    const strict = parse(await readFile(join(outDir, 'junit.xml'), 'utf8')).testsuites.testsuite[0]!;
    expect(strict['@_failures']).toBe('1');
    expect(strict.testcase[1]!.failure!['@_message']).toBe('status must be 400 (and 1 more finding)');
  });

  it('contains no secret', async () => {
    const xml = await junit();
    for (const secret of SECRETS) expect(xml).not.toContain(secret);
  });

  it('creates the folder, replaces the file whole and leaves no temp file behind', async () => {
    const outDir = join(dir, 'a', 'b');
    await junit(outDir);
    await junit(outDir, [passed]);
    expect(await readdir(outDir)).toEqual(['junit.xml']);
    expect(parse(await readFile(join(outDir, 'junit.xml'), 'utf8')).testsuites['@_tests']).toBe('1');
  });

  it('fails with a clear message when the folder cannot be written', async () => {
    const blocked = join(dir, 'not-a-folder');
    await writeFile(blocked, 'x');
    const r = createJunitReporter({ outDir: blocked, stream: captureStream().stream, color: false });
    await r.onRunStart?.(info);
    await expect(r.onRunEnd?.(summary)).rejects.toThrow(/^cannot write .*not-a-folder\/junit\.xml: .*check that the folder is writable/);
  });
});
