import { describe, expect, it } from 'vitest';
import type { Reporter } from '../../src/model/index.js';
import { combineReporters, createReporters, reporters } from '../../src/report/index.js';
import { captureStream, passed, run } from './fixtures.js';

const options = () => ({ outDir: '/nonexistent-never-written', stream: captureStream().stream, color: false });

describe('reporter registry', () => {
  it('offers console, junit, json, html, ndjson, github, ctrf and tap, each with a description for --help', () => {
    expect(Object.keys(reporters)).toEqual(['console', 'junit', 'json', 'html', 'ndjson', 'github', 'ctrf', 'tap']);
    for (const entry of Object.values(reporters)) expect(entry.description.length).toBeGreaterThan(10);
  });

  it('creates the reporters named, in order, once each', () => {
    expect(createReporters(['json', ' console ', 'json', ''], options()).map((r) => r.name)).toEqual(['json', 'console']);
  });

  it('rejects an unknown name with the valid names (the CLI adds the suggestion)', () => {
    expect(() => createReporters(['console', 'jsno'], options())).toThrow(
      expect.objectContaining({ unknown: ['jsno'], valid: Object.keys(reporters), message: 'unknown reporter "jsno"; valid reporters: console, junit, json, html, ndjson, github, ctrf, tap' }),
    );
    expect(() => createReporters(['xml'], options())).toThrow(/^unknown reporter "xml"; valid reporters: console, junit, json, html, ndjson, github, ctrf, tap$/);
  });

  it('adds the GitHub step summary whenever GITHUB_STEP_SUMMARY is set, whatever was named', () => {
    expect(createReporters(['console'], { ...options(), env: { GITHUB_STEP_SUMMARY: '/tmp/summary.md' } }).map((r) => r.name)).toEqual(['console', 'github-step-summary']);
    expect(createReporters(['console'], { ...options(), env: {} }).map((r) => r.name)).toEqual(['console']);
  });

  it('does not treat inherited object keys as reporters', () => {
    expect(() => createReporters(['toString'], options())).toThrow(/unknown reporter "toString"/);
  });
});

describe('combineReporters', () => {
  function recorder(name: string, log: string[], delayMs = 0): Reporter {
    const note = (what: string) => async () => {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      log.push(`${name}:${what}`);
    };
    return { name, onRunStart: note('start'), onCaseStart: note('case-start'), onCaseEnd: note('case-end'), onRunEnd: note('end') };
  }

  it('sends every event to every reporter in order, waiting for each', async () => {
    const log: string[] = [];
    const combined = combineReporters([recorder('slow', log, 5), recorder('fast', log)]);
    expect(combined.name).toBe('slow+fast');
    await run(combined, [passed]);
    expect(log).toEqual([
      'slow:start', 'fast:start', 'slow:case-start', 'fast:case-start', 'slow:case-end', 'fast:case-end', 'slow:end', 'fast:end',
    ]);
  });

  it('skips hooks a reporter does not have', async () => {
    const log: string[] = [];
    await run(combineReporters([{ name: 'silent' }, recorder('r', log)]), [passed]);
    expect(log).toHaveLength(4);
  });

  it('still informs the others when one reporter fails, then names it', async () => {
    const log: string[] = [];
    const broken: Reporter = { name: 'junit', onRunEnd: () => Promise.reject(new Error('cannot write reports/junit.xml: EACCES')) };
    const combined = combineReporters([broken, recorder('console', log)]);
    await expect(combined.onRunEnd?.({ counts: { passed: 0, failed: 0, error: 0, skipped: 0 }, durationMs: 0, verdict: 'conformant', conformant: true })).rejects.toThrow(
      'reporter onRunEnd failed: junit: cannot write reports/junit.xml: EACCES',
    );
    expect(log).toEqual(['console:end']);
  });
});
