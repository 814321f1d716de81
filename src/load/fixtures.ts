import type { Case, Diagnostic, SourceSpan, Step, TemplateJson } from '../model/index.js';
import type { RawFixture, RawUse } from './build.js';
import { at, type CaseSite, type FileSite, type StepSite } from './checks/context.js';
import { refSpan, templateSites } from './checks/variables.js';
import { didYouMean, listOf } from './did-you-mean.js';
import { templateReferences } from './syntax.js';
import type { Path } from './yaml-file.js';

/**
 * Fixtures: reusable steps, defined once under `fixtures:` (in a suite file or a fixture file
 * that suite files `include`) and used by name in a case's `uses:`. A fixture's steps run before
 * the case's own, its cleanup after them, always, in reverse order of use. This module resolves
 * the names, expands every case, and reports what only the use can tell.
 */

/** One fixture as defined, with its built steps. */
export interface FixtureDef {
  name: string;
  file: FileSite;
  /** `['fixtures', name]`. */
  path: Path;
  raw: RawFixture;
  steps: Step[];
  cleanup: Step[];
}

/** What a file defines and includes. */
export interface FixtureScope {
  file: FileSite;
  /** Its own fixtures. */
  local: Map<string, FixtureDef>;
  /** Fixtures defined here that failed the schema: uses of them are not reported again. */
  broken: Set<string>;
  /** Absolute paths of the files it includes, with the span of each `include` item. */
  includes: { abs: string; span: SourceSpan }[];
}

/** A step a fixture contributes, with the place it is written, for diagnostics. */
interface Contributed {
  step: Step;
  phase: 'main' | 'cleanup';
  def: FixtureDef;
  /** Path of the step in its definition's file. */
  path: Path;
  /** Renames from the definition's variable names to the names where it is used, innermost first. */
  renames: ReadonlyMap<string, string>[];
}

interface Expansion {
  main: Contributed[];
  cleanup: Contributed[];
  /** A fixture could not be resolved: what it would have captured is unknown. */
  unresolved?: true;
}

/** The cases' fixture steps, and every problem found resolving them. */
export interface ResolvedFixtures {
  /** Per case site: the steps its fixtures contribute (main in order, cleanup in run order). */
  expansions: Map<CaseSite, { main: Step[]; cleanup: Step[] }>;
  /** A site per fixture definition, for the checks every case gets, with the places it is used. */
  definitions: { site: CaseSite; uses: SourceSpan[] }[];
  /** Where each fixture that failed the schema is written, and where it is used. */
  brokenDefinitions: { span: SourceSpan; uses: SourceSpan[] }[];
  diagnostics: Diagnostic[];
}

/**
 * Resolves the fixtures every case uses, in the scope of the file that names them (its own
 * fixtures and those of the files it includes), and checks what needs the use: unknown names,
 * cycles, renames of variables a fixture does not have, and variables a fixture needs that the
 * case never provides (reported at the definition, with a note at each use).
 */
export function resolveFixtures(cases: readonly CaseSite[], scopes: ReadonlyMap<string, FixtureScope>, runVariables: readonly string[]): ResolvedFixtures {
  const r = new Resolver(scopes);
  const expansions = new Map<CaseSite, { main: Step[]; cleanup: Step[] }>();
  const needs = new NeedReport();
  for (const site of cases) {
    const scope = scopes.get(site.file.abs);
    if (scope === undefined || site.raw.uses === undefined) continue;
    const e = r.expandUses(site.raw.uses, [...site.path, 'uses'], scope, true);
    expansions.set(site, { main: e.main.map((c) => c.step), cleanup: e.cleanup.map((c) => c.step) });
    // A case whose fixtures did not all resolve has one error already; its variables cannot be judged.
    if (e.unresolved) site.unresolved = true;
    else needs.check(site, e, runVariables);
  }
  const definitions = [...scopes.values()].flatMap((s) => [...s.local.values()].map((def) => ({ site: definitionSite(def), uses: r.uses.get(def) ?? [] })));
  const brokenDefinitions = [...scopes.values()].flatMap((s) => [...s.broken].map((name) => ({ span: s.file.yaml.valueSpan(['fixtures', name]), uses: r.brokenUses.get(`${s.file.abs}#${name}`) ?? [] })));
  return { expansions, definitions, brokenDefinitions, diagnostics: [...r.diagnostics, ...duplicates(scopes), ...needs.diagnostics()] };
}

/** The fixture's definition as a site, so the checks on steps (status, pointers, refs…) run once on it. */
function definitionSite(def: FixtureDef): CaseSite {
  const model = { id: def.name, title: def.name, level: 'MUST', tags: [], doc: '', optional: false, writes: false, steps: def.steps, cleanup: def.cleanup, span: def.file.yaml.valueSpan(def.path) } satisfies Case;
  return { file: def.file, path: def.path, raw: { id: def.name, title: def.name, level: 'MUST', steps: def.raw.steps ?? [], ...(def.raw.cleanup ? { cleanup: def.raw.cleanup } : {}) }, model, fixture: def.name };
}

class Resolver {
  readonly diagnostics: Diagnostic[] = [];
  /** Where each fixture is used (each definition expanded once, so a nested use counts once). */
  readonly uses = new Map<FixtureDef, SourceSpan[]>();
  /** Uses of fixtures that failed the schema, by `file#name`. */
  readonly brokenUses = new Map<string, SourceSpan[]>();
  private readonly done = new Map<FixtureDef, Expansion>();
  private readonly active: FixtureDef[] = [];

  constructor(private readonly scopes: ReadonlyMap<string, FixtureScope>) {}

  /**
   * The fixtures a file may use: its own, then those of the files it includes. `broken` names
   * failed the schema (already reported); `incomplete`: an included file could not be read, so
   * any name might have been defined there.
   */
  visible(scope: FixtureScope): { defs: Map<string, FixtureDef>; broken: Map<string, FixtureScope>; incomplete: boolean } {
    const defs = new Map(scope.local);
    const broken = new Map([...scope.broken].map((n) => [n, scope]));
    let incomplete = false;
    for (const inc of scope.includes) {
      const other = this.scopes.get(inc.abs);
      if (other === undefined) {
        incomplete = true;
        continue;
      }
      for (const n of other.broken) if (!broken.has(n)) broken.set(n, other);
      for (const [name, def] of other.local) if (!defs.has(name)) defs.set(name, def);
    }
    return { defs, broken, incomplete };
  }

  /**
   * The steps of `uses` (written at `path` of the scope's file), named after the fixture each
   * came through. `top` marks a case's own list: its steps record the use they came from.
   */
  expandUses(uses: readonly RawUse[], path: Path, scope: FixtureScope, top: boolean): Expansion {
    const { defs, broken, incomplete } = this.visible(scope);
    const yaml = scope.file.yaml;
    let unresolved = false;
    const main: Contributed[] = [];
    const cleanups: Contributed[][] = [];
    const seen = new Set<string>();
    uses.forEach((use, i) => {
      const name = typeof use === 'string' ? use : (Object.keys(use)[0] ?? '');
      const bindings = typeof use === 'string' ? {} : (use[name] ?? {});
      const usePath: Path = typeof use === 'string' ? [...path, i] : [...path, i, name];
      const useSpan = typeof use === 'string' ? yaml.valueSpan(usePath) : yaml.keySpan(usePath);
      const def = defs.get(name);
      if (def === undefined) {
        unresolved = true;
        const at = broken.get(name);
        if (at !== undefined) this.brokenUses.set(`${at.file.abs}#${name}`, [...(this.brokenUses.get(`${at.file.abs}#${name}`) ?? []), useSpan]);
        else if (!incomplete) this.diagnostics.push(unknownFixture(name, useSpan, [...defs.keys()]));
        return;
      }
      this.uses.set(def, [...(this.uses.get(def) ?? []), useSpan]);
      if (seen.has(name)) {
        this.diagnostics.push({ code: 'duplicate-fixture-use', message: `fixture \`${name}\` is used twice`, hint: 'its steps would run twice under the same names; use it once', span: useSpan, severity: 'error' });
        return;
      }
      seen.add(name);
      if (this.active.includes(def)) {
        const loop = [...this.active.slice(this.active.indexOf(def)).map((d) => d.name), name];
        unresolved = true;
        this.diagnostics.push({ code: 'fixture-cycle', message: `fixture \`${name}\` uses itself: ${loop.map((n) => `\`${n}\``).join(' › ')}`, hint: 'a fixture cannot run inside itself; remove one of these uses', span: useSpan, severity: 'error' });
        return;
      }
      const inner = this.expand(def);
      unresolved ||= inner.unresolved === true;
      const rename = this.bindings(def, inner, bindings, [...usePath], yaml);
      const wrap = (c: Contributed): Contributed => {
        const step = renameStep(c.step, rename);
        step.name = `${name} › ${c.step.name}`;
        if (top) step.fixture = { name, use: useSpan };
        return { ...c, step, renames: [...c.renames, rename] };
      };
      main.push(...inner.main.map(wrap));
      cleanups.push(inner.cleanup.map(wrap));
    });
    return { main, cleanup: cleanups.reverse().flat(), ...(unresolved ? { unresolved } : {}) };
  }

  /** A fixture's own steps after those of the fixtures it uses; its cleanup before theirs. Computed once. */
  private expand(def: FixtureDef): Expansion {
    const known = this.done.get(def);
    if (known !== undefined) return known;
    this.active.push(def);
    const scope = this.scopes.get(def.file.abs);
    const used = def.raw.uses !== undefined && scope !== undefined ? this.expandUses(def.raw.uses, [...def.path, 'uses'], scope, false) : { main: [], cleanup: [] };
    this.active.pop();
    const own = (phase: 'main' | 'cleanup', steps: Step[]): Contributed[] =>
      steps.map((step, i) => ({ step, phase, def, path: [...def.path, phase === 'main' ? 'steps' : 'cleanup', i], renames: [] }));
    const out: Expansion = { main: [...used.main, ...own('main', def.steps)], cleanup: [...own('cleanup', def.cleanup), ...used.cleanup], ...(used.unresolved ? { unresolved: true as const } : {}) };
    this.done.set(def, out);
    return out;
  }

  /** `{ jobId: secondJobId }` as a rename; a name the fixture neither reads nor captures is reported. */
  private bindings(def: FixtureDef, e: Expansion, written: Record<string, string>, usePath: Path, yaml: FileSite['yaml']): ReadonlyMap<string, string> {
    const names = new Set([...e.main, ...e.cleanup].flatMap((c) => variablesOf(c.step)));
    for (const key of Object.keys(written)) {
      if (names.has(key)) continue;
      const guess = didYouMean(key, [...names]);
      this.diagnostics.push({
        code: 'unknown-fixture-variable',
        message: `fixture \`${def.name}\` has no variable \`${key}\` to rename`,
        hint: guess !== undefined ? `did you mean \`${guess}\`?` : names.size > 0 ? `its variables are ${listOf([...names].sort(), 'and')}` : 'it reads and captures no variable',
        span: yaml.keySpan([...usePath, key]),
        notes: [{ span: def.file.yaml.keySpan(def.path), label: 'defined here' }],
        severity: 'error',
      });
    }
    return new Map(Object.entries(written));
  }
}

function unknownFixture(name: string, span: SourceSpan, defined: string[]): Diagnostic {
  const guess = didYouMean(name, defined);
  return {
    code: 'unknown-fixture',
    message: `unknown fixture \`${name}\``,
    hint:
      guess !== undefined
        ? `did you mean \`${guess}\`?`
        : defined.length > 0
          ? `the fixtures here are ${listOf(defined.sort(), 'and')}; define it under \`fixtures:\` or include the file that does`
          : 'define it under `fixtures:` in this file, or name the fixture file that defines it under `include:`',
    span,
    severity: 'error',
  };
}

/** A name defined twice where one file can see both: here and in an included file, or in two included files. */
function duplicates(scopes: ReadonlyMap<string, FixtureScope>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const scope of scopes.values()) {
    const first = new Map<string, FixtureDef>(scope.local);
    for (const inc of scope.includes) {
      for (const def of scopes.get(inc.abs)?.local.values() ?? []) {
        const earlier = first.get(def.name);
        if (earlier === undefined) first.set(def.name, def);
        else if (earlier !== def) {
          const there = at(earlier.file.yaml.keySpan(earlier.path));
          const local = earlier.file === scope.file;
          out.push({
            code: 'duplicate-fixture',
            message: `fixture \`${def.name}\` is defined twice`,
            hint: `a file sees its own fixtures and those of the files it includes, each name once; rename one of them${local ? '' : ` (the first is at ${there})`}`,
            span: local ? earlier.file.yaml.keySpan(earlier.path) : inc.span,
            notes: [{ span: def.file.yaml.keySpan(def.path), label: 'also defined here' }],
            severity: 'error',
          });
        }
      }
    }
  }
  return out;
}

/**
 * Variables a fixture needs that its use does not provide: a main step's, unless run variables
 * or earlier captures of the case hold it; a cleanup step's, unless something in the case
 * captures it. One diagnostic per place in a definition, with a note at each use.
 */
class NeedReport {
  private readonly found = new Map<string, Diagnostic & { notes: NonNullable<Diagnostic['notes']> }>();
  private readonly uses = new Map<string, number>();

  check(site: CaseSite, e: Expansion, runVariables: readonly string[]): void {
    const known = new Set(runVariables);
    const all = new Set([...runVariables, ...[...e.main, ...e.cleanup].flatMap((c) => c.step.captures.map((x) => x.name)), ...[...site.raw.steps, ...(site.raw.cleanup ?? [])].flatMap((s) => Object.keys(s.capture ?? {}))]);
    for (const c of e.main) {
      this.unmet(c, known, site, false);
      for (const x of c.step.captures) known.add(x.name);
    }
    for (const c of e.cleanup) this.unmet(c, all, site, true);
  }

  private unmet(c: Contributed, known: ReadonlySet<string>, site: CaseSite, cleanup: boolean): void {
    const stepSite: StepSite = { phase: c.phase, path: c.path, raw: rawStepAt(c), model: c.step };
    const use = c.step.fixture;
    if (use === undefined) return;
    for (const t of templateSites(stepSite)) {
      for (const ref of templateReferences(t.text)) {
        const name = c.renames.reduce((n, r) => r.get(n) ?? n, ref.name);
        if (!ref.wellFormed || known.has(name)) continue;
        const span = refSpan(c.def.file.yaml, t.path, ref);
        const key = `${at(span)}|${name}`;
        const count = (this.uses.get(key) ?? 0) + 1;
        this.uses.set(key, count);
        const existing = this.found.get(key);
        const note = { span: use.use, label: `used here, in case \`${site.model.id}\`` };
        if (existing !== undefined) {
          if (count <= MAX_NOTES) existing.notes.push(note);
          else existing.notes[MAX_NOTES] = { span: use.use, label: `used here too, and in ${count - MAX_NOTES} more case(s)` };
          continue;
        }
        const renamed = name !== ref.name ? ` (\`${name}\` where it is used)` : '';
        const guess = didYouMean(name, [...known]);
        this.found.set(key, {
          code: 'fixture-needs-variable',
          message: cleanup
            ? `fixture \`${c.def.name}\` cleans up with \`${ref.name}\`${renamed}, which the case never captures`
            : `fixture \`${c.def.name}\` needs \`${ref.name}\`${renamed}, which nothing captures before it runs`,
          hint:
            guess !== undefined
              ? `did you mean \`${guess}\`?`
              : cleanup
                ? `capture \`${name}\` in a step of the case, or rename the fixture's variable where it is used: \`{ ${use.name}: { ${ref.name}: yourName } }\``
                : `use a fixture that captures \`${name}\` first, or rename the fixture's variable where it is used: \`{ ${use.name}: { ${ref.name}: yourName } }\``,
          span,
          notes: [note],
          severity: 'error',
        });
      }
    }
  }

  diagnostics(): Diagnostic[] {
    return [...this.found.values()];
  }
}

/** Uses shown under one problem before the rest are counted. */
const MAX_NOTES = 3;

/** "used here" notes for a problem inside a fixture's definition, the first few uses by name and the rest counted. */
export function usedHere(uses: readonly SourceSpan[]): NonNullable<Diagnostic['notes']> {
  const notes = uses.slice(0, MAX_NOTES).map((span) => ({ span, label: 'used here' }));
  const more = uses.length - MAX_NOTES;
  if (more > 0) notes[MAX_NOTES - 1] = { span: uses[MAX_NOTES - 1]!, label: `used here, and in ${more} more place(s)` };
  return notes;
}

function rawStepAt(c: Contributed): StepSite['raw'] {
  const list = c.phase === 'main' ? c.def.raw.steps : c.def.raw.cleanup;
  return list![Number(c.path[c.path.length - 1])]!;
}

/** Every variable a step reads or captures. */
function variablesOf(step: Step): string[] {
  const names: string[] = [];
  mapTemplates(step, (text) => {
    names.push(...templateReferences(text).filter((r) => r.wellFormed).map((r) => r.name));
    return text;
  });
  return [...names, ...step.captures.map((c) => c.name)];
}

/** A copy of the step with its variables renamed: in every template it resolves and every capture. */
export function renameStep(step: Step, renames: ReadonlyMap<string, string>): Step {
  const rename = (text: string): string => {
    let out = '';
    let from = 0;
    for (const ref of templateReferences(text)) {
      const to = ref.wellFormed ? renames.get(ref.name) : undefined;
      if (to === undefined) continue;
      out += `${text.slice(from, ref.index)}{{${to}}}`;
      from = ref.index + ref.text.length;
    }
    return out + text.slice(from);
  };
  const copy = mapTemplates(step, renames.size === 0 ? (t) => t : rename);
  copy.captures = step.captures.map((c) => ({ ...c, name: renames.get(c.name) ?? c.name }));
  return copy;
}

/** A copy of the step with `f` applied to every string the run resolves as a template. */
function mapTemplates(step: Step, f: (text: string) => string): Step {
  const json = (v: TemplateJson): TemplateJson =>
    typeof v === 'string' ? f(v) : Array.isArray(v) ? v.map(json) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, json(x)])) : v;
  const r = step.request;
  const request = { ...r, path: f(r.path), headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, f(v)])) };
  if (r.json !== undefined) request.json = json(r.json);
  if (r.raw !== undefined) request.raw = f(r.raw);
  const x = step.expect;
  const expect = {
    ...x,
    headers: x.headers.map((h) => (h.equals !== undefined ? { ...h, equals: f(h.equals) } : h)),
    values: x.values.map((v) => {
      const out = { ...v };
      for (const k of ['equals', 'notEquals', 'contains', 'excludes'] as const) if (v[k] !== undefined) out[k] = json(v[k]);
      return out;
    }),
  };
  return { ...step, request, expect };
}
