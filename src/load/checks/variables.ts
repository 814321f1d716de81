import type { Diagnostic, SourceSpan } from '../../model/index.js';
import type { RawExpect } from '../build.js';
import { headerClaim, valueClaims } from '../predicates.js';
import { didYouMean } from '../../common/did-you-mean.js';
import { listOf } from '../../common/words.js';
import { isUserVariable, templateReferences, type TemplateReference } from '../../common/template.js';
import type { Path, YamlFile } from '../yaml-file.js';
import { stepsOf, type CaseCheck, type StepSite } from './context.js';

/** A string that the run resolves as a template, and where it is. */
export interface TemplateSite {
  text: string;
  path: Path;
}

/**
 * Every `{{name}}` must have a value when its step runs: a run variable, or a capture of an
 * earlier step of the same case. Cleanup steps run last and see every capture of the case.
 */
export const knownVariables: CaseCheck = {
  name: 'every {{variable}} is known where it is used',
  check(site, env) {
    const steps = stepsOf(site);
    const capturedBy = new Map<string, StepSite>();
    for (const s of steps) for (const c of s.model.captures) if (!capturedBy.has(c.name)) capturedBy.set(c.name, s);
    const out: Diagnostic[] = [];
    const given = [...env.runVariables, ...(site.preset ?? []), ...(site.fixture !== undefined || site.unresolved ? needs(steps, capturedBy) : [])];
    const known = new Set(given);
    for (const [index, step] of steps.entries()) {
      const visible = step.phase === 'cleanup' ? new Set([...given, ...capturedBy.keys()]) : known;
      for (const t of templateSites(step)) {
        for (const ref of templateReferences(t.text)) {
          if (!ref.wellFormed) out.push(malformed(ref, refSpan(site.file.yaml, t.path, ref)));
          else if (!visible.has(ref.name) && !isUserVariable(ref.name)) out.push(unknown(ref, refSpan(site.file.yaml, t.path, ref), [...visible], capturedBy.get(ref.name), index, steps));
        }
      }
      for (const c of step.model.captures) known.add(c.name);
    }
    return out;
  },
};

/** What a fixture's definition reads and never captures: the case that uses it must provide it. */
function needs(steps: StepSite[], capturedBy: ReadonlyMap<string, StepSite>): string[] {
  const names = steps.flatMap((s) => templateSites(s).flatMap((t) => templateReferences(t.text).map((r) => r.name)));
  return names.filter((n) => !capturedBy.has(n) && !isUserVariable(n));
}

function malformed(ref: TemplateReference, span: SourceSpan): Diagnostic {
  return { code: 'bad-template', message: `\`${ref.text}\` is not a variable reference`, hint: 'write `{{name}}` with a name of letters, digits and _, starting with a letter or _', span, severity: 'error' };
}

function unknown(ref: TemplateReference, span: SourceSpan, visible: string[], capturer: StepSite | undefined, index: number, steps: StepSite[]): Diagnostic {
  if (capturer !== undefined && steps.indexOf(capturer) >= index) {
    const self = steps.indexOf(capturer) === index;
    return {
      code: 'used-before-capture',
      message: `variable \`${ref.name}\` is used before it is captured`,
      hint: self
        ? `step \`${capturer.model.name}\` captures \`${ref.name}\` from its own response, after the request is sent; capture it in an earlier step`
        : `step \`${capturer.model.name}\` captures \`${ref.name}\` and runs after this one; move that step first`,
      span,
      severity: 'error',
    };
  }
  const guess = didYouMean(ref.name, visible);
  return {
    code: 'unknown-variable',
    message: `unknown variable \`${ref.name}\``,
    hint: guess !== undefined ? `did you mean \`${guess}\`?` : `known here: ${listOf(visible.sort(), 'and')}; capture a value in an earlier step to use it`,
    span,
    severity: 'error',
  };
}

/** Claims whose value is JSON with templates in its strings (as written or negated). */
const TEMPLATED_CLAIMS: ReadonlySet<string> = new Set(['equals', 'contains']);

/** The strings of a step the run resolves as templates: path, header values, bodies, predicate values. */
export function templateSites(step: StepSite): TemplateSite[] {
  const out: TemplateSite[] = [];
  const { request, expect } = step.raw;
  const rq = [...step.path, 'request'];
  out.push({ text: request.path, path: [...rq, 'path'] });
  for (const [k, v] of Object.entries(request.headers ?? {})) out.push({ text: v, path: [...rq, 'headers', k] });
  if (request.raw !== undefined) out.push({ text: request.raw, path: [...rq, 'raw'] });
  if (request.json !== undefined) strings(request.json, [...rq, 'json'], out);
  if (expect !== undefined) expectSites(expect, [...step.path, 'expect'], out);
  return out;
}

/** The templated strings of an expectation and of its `anyOf` alternatives. */
function expectSites(expect: RawExpect, ex: Path, out: TemplateSite[]): void {
  for (const [k, v] of Object.entries(expect.headers ?? {})) {
    const c = headerClaim(v);
    if (c.claim === 'equals') out.push({ text: String(c.value), path: [...ex, 'headers', k, ...c.at] });
  }
  for (const [pointer, p] of Object.entries(expect.json ?? {})) {
    for (const c of valueClaims(p)) if (TEMPLATED_CLAIMS.has(c.claim)) strings(c.value, [...ex, 'json', pointer, ...c.at], out);
  }
  (expect.anyOf ?? []).forEach((a, i) => expectSites(a, [...ex, 'anyOf', i], out));
}

/** Every string inside a JSON value (keys are not templates). */
function strings(value: unknown, path: Path, out: TemplateSite[]): void {
  if (typeof value === 'string') out.push({ text: value, path });
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, [...path, k], out);
}

/** The `{{…}}` itself when it can be found in the text as written, else the whole value. */
export function refSpan(yaml: YamlFile, path: Path, ref: TemplateReference): SourceSpan {
  const node = yaml.node(path);
  if (node === undefined) return yaml.valueSpan(path);
  const written = yaml.source(node);
  let from = 0;
  let index = -1;
  // The same reference may appear more than once; find the occurrence at the same rank.
  const value = node.kind === 'scalar' ? String(node.value ?? '') : '';
  const rank = value.slice(0, ref.index).split(ref.text).length - 1;
  for (let i = 0; i <= rank; i++) {
    index = written.indexOf(ref.text, from);
    if (index < 0) break;
    from = index + ref.text.length;
  }
  if (index < 0) return yaml.valueSpan(path);
  const start = node.start + index;
  return yaml.span([start, start + ref.text.length]);
}
