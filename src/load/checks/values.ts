import { compileUserPattern, patternHint } from '../../common/user-pattern.js';
import type { Diagnostic } from '../../model/index.js';
import { headerClaim, valueClaims } from '../predicates.js';
import { precompiledPatterns } from '../precompiled.js';
import { parseDuration } from '../../common/duration.js';
import { pointerProblem } from '../../common/pointer.js';
import type { Path } from '../yaml-file.js';
import { stepsOf, type CaseCheck } from './context.js';

/** Patterns compile as the run compiles them: RE2 syntax, which matches in linear time. */
export const patternsCompile: CaseCheck = {
  name: 'every pattern is a valid RE2 regular expression',
  check(site) {
    const out: Diagnostic[] = [];
    for (const step of stepsOf(site)) {
      const ex = [...step.path, 'expect'];
      for (const [name, h] of Object.entries(step.raw.expect?.headers ?? {})) {
        const c = headerClaim(h);
        if (c.claim === 'pattern') out.push(...patternProblem(String(c.value), [...ex, 'headers', name, ...c.at], site));
      }
      for (const [pointer, p] of Object.entries(step.raw.expect?.json ?? {})) {
        for (const c of valueClaims(p)) if (c.claim === 'pattern') out.push(...patternProblem(String(c.value), [...ex, 'json', pointer, ...c.at], site));
      }
    }
    return out;
  },
};

function patternProblem(pattern: string, path: Path, site: Parameters<CaseCheck['check']>[0]): Diagnostic[] {
  const error = patternError(pattern);
  if (error === undefined) return [];
  return [{ code: 'invalid-pattern', message: `invalid regular expression \`${pattern}\`: ${error}`, hint: patternHint(pattern), span: site.file.yaml.valueSpan(path), severity: 'error' }];
}

/** RE2's verdicts so far: a pattern repeated across cases is compiled once. */
const verdicts = new Map<string, string | undefined>();

/** Why RE2 refuses `pattern`, or undefined when it compiles (known from the build for the shipped suites' patterns). */
function patternError(pattern: string): string | undefined {
  if (precompiledPatterns().has(pattern)) return undefined;
  if (!verdicts.has(pattern)) {
    const re = compileUserPattern(pattern);
    verdicts.set(pattern, 'error' in re ? re.error : undefined);
  }
  return verdicts.get(pattern);
}

/** JSON pointers (capture sources, `expect.json` keys, schema pointers) are RFC 6901 pointers. */
export const pointersWellFormed: CaseCheck = {
  name: 'every JSON pointer is well formed',
  check(site) {
    const out: Diagnostic[] = [];
    const report = (pointer: string, path: Path, asKey: boolean): void => {
      const problem = pointerProblem(pointer);
      if (problem === undefined) return;
      const fixed = pointer.startsWith('/') ? pointer.replace(/~(?![01])/g, '~0') : `/${pointer.replace(/^\.?/, '').replace(/\./g, '/')}`;
      const span = asKey ? site.file.yaml.keySpan(path) : site.file.yaml.valueSpan(path);
      out.push({ code: 'invalid-pointer', message: `invalid JSON pointer \`${pointer}\``, hint: `${problem}: try \`${fixed}\`; "" is the whole body`, span, severity: 'error' });
    };
    for (const step of stepsOf(site)) {
      const ex = [...step.path, 'expect'];
      for (const pointer of Object.keys(step.raw.expect?.json ?? {})) report(pointer, [...ex, 'json', pointer], true);
      const schema = step.raw.expect?.schema;
      [schema ?? []].flat().forEach((s, i) => {
        if (s.pointer !== undefined) report(s.pointer, Array.isArray(schema) ? [...ex, 'schema', i, 'pointer'] : [...ex, 'schema', 'pointer'], false);
      });
      for (const [name, c] of Object.entries(step.raw.capture ?? {})) if (typeof c === 'string') report(c, [...step.path, 'capture', name], false);
    }
    return out;
  },
};

/** `eventually` durations are a number and its unit (`500ms`, `30s`, `2m`), above 0. */
export const durationsParse: CaseCheck = {
  name: 'every eventually duration parses',
  check(site) {
    const out: Diagnostic[] = [];
    for (const step of stepsOf(site)) {
      const ev = step.raw.eventually;
      if (ev === undefined) continue;
      for (const key of ['timeout', 'interval'] as const) {
        const value = ev[key];
        if (value === undefined) continue;
        const parsed = parseDuration(value);
        if ('ms' in parsed && parsed.ms > 0) continue;
        out.push({
          code: 'invalid-duration',
          message: `invalid duration \`${String(value)}\` for \`${key}\``,
          hint: 'problem' in parsed ? parsed.problem : `\`${key}\` must be above 0; an interval of 0 would poll without pause`,
          span: site.file.yaml.valueSpan([...step.path, 'eventually', key]),
          severity: 'error',
        });
      }
    }
    return out;
  },
};
