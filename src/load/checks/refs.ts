import { readdirSync } from 'node:fs';
import { jsonProblem, readConfinedFile } from '../../common/confined-file.js';
import { nestsDeeperThan, tooDeepMessage } from '../../common/json-depth.js';
import { basename, dirname, relative } from 'node:path';
import type { Diagnostic, Expectation } from '../../model/index.js';
import type { RawExpect } from '../build.js';
import { didYouMean } from '../../common/did-you-mean.js';
import { resolvePointer } from '../../common/pointer.js';
import type { Path } from '../yaml-file.js';
import { stepsOf, type CaseCheck, type CheckEnv } from './context.js';

/**
 * Every `schema.$ref` names a readable JSON file, relative to the suite file, and its
 * `#fragment` (a JSON pointer or an `$anchor`) resolves inside it.
 */
export const refsResolve: CaseCheck = {
  name: 'every schema $ref resolves to a file and fragment',
  check(site, env) {
    const out: Diagnostic[] = [];
    const visit = (raw: RawExpect | undefined, model: Expectation, at: Path): void => {
      const schema = raw?.schema;
      const base = [...at, 'schema'];
      model.schemas.forEach((s, i) => {
        const path = Array.isArray(schema) ? [...base, i, '$ref'] : [...base, '$ref'];
        const problem = refProblem(s.written, s.ref, site.file.abs, env);
        if (problem !== undefined) out.push({ code: 'dangling-ref', ...problem, span: site.file.yaml.valueSpan(path as Path), severity: 'error' });
      });
      (model.anyOf ?? []).forEach((a, i) => visit(raw?.anyOf?.[i], a, [...at, 'anyOf', i]));
    };
    for (const step of stepsOf(site)) visit(step.raw.expect, step.model.expect, [...step.path, 'expect']);
    return out;
  },
};

function refProblem(written: string, ref: string, suiteFile: string, env: CheckEnv): { message: string; hint?: string } | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(written)) return { message: `\`$ref\` \`${written}\` is not a local file`, hint: 'copy the schema under schemas/ and refer to it by a path relative to this suite file' };
  const hash = ref.indexOf('#');
  const file = hash < 0 ? ref : ref.slice(0, hash);
  const fragment = hash < 0 ? '' : ref.slice(hash + 1);
  if (written.startsWith('#')) return { message: `\`$ref\` \`${written}\` names no file`, hint: 'refer to a schema file relative to this suite file, e.g. ../../schemas/api/synchronizationJob.schema.json' };
  const loaded = readJson(file, env);
  if ('problem' in loaded) {
    const near = nearbyFile(file);
    const shown = relative(dirname(suiteFile), file) || file;
    // The file itself is "near" when it exists but may not be read (outside the allowed folders).
    const hint = near === file ? 'copy the schema into the project or the suites\' folder and refer to the copy' : near !== undefined ? `did you mean \`${relative(dirname(suiteFile), near)}\`?` : 'the path is relative to this suite file';
    return { message: `\`$ref\` points at \`${shown}\`, which ${loaded.problem}`, hint };
  }
  if (fragment === '') return undefined;
  return fragmentProblem(loaded.json, decodeURIComponent(fragment), basename(file));
}

function fragmentProblem(json: unknown, fragment: string, name: string): { message: string; hint?: string } | undefined {
  if (!fragment.startsWith('/')) {
    return hasAnchor(json, fragment, 0) ? undefined : { message: `no \`$anchor: ${fragment}\` in \`${name}\``, hint: 'a fragment is a JSON pointer such as #/$defs/name, or an $anchor the file declares' };
  }
  if (resolvePointer(json, fragment).found) return undefined;
  // Name the deepest part that exists and what it holds, so the fix is obvious.
  const parts = fragment.split('/').slice(1);
  let depth = parts.length - 1;
  while (depth > 0 && !resolvePointer(json, `/${parts.slice(0, depth).join('/')}`).found) depth--;
  const reached = resolvePointer(json, depth === 0 ? '' : `/${parts.slice(0, depth).join('/')}`);
  const parent = reached.found ? reached.value : undefined;
  const keys = parent !== null && typeof parent === 'object' ? Object.keys(parent) : [];
  const missing = (parts[depth] ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
  const guess = didYouMean(missing, keys);
  return {
    message: `fragment \`#${fragment}\` does not resolve in \`${name}\``,
    hint: guess !== undefined ? `did you mean \`#/${[...parts.slice(0, depth), guess].join('/')}\`?` : `\`${missing}\` is not there`,
  };
}

function hasAnchor(value: unknown, anchor: string, depth: number): boolean {
  if (value === null || typeof value !== 'object' || depth > 64) return false;
  if (!Array.isArray(value) && (value as Record<string, unknown>).$anchor === anchor) return true;
  return Object.values(value).some((v) => hasAnchor(v, anchor, depth + 1));
}

function readJson(file: string, env: CheckEnv): { json: unknown } | { problem: string } {
  const cached = env.jsonFiles.get(file);
  if (cached !== undefined) return cached;
  let result: { json: unknown } | { problem: string };
  // Only a regular file inside the project or the suites' folders, below a size cap; a
  // diagnostic never quotes what the file holds.
  const read = readConfinedFile(file, env.refRoots);
  if ('problem' in read) result = { problem: read.problem };
  else if (nestsDeeperThan(read.text)) result = { problem: `is not usable (${tooDeepMessage()})` };
  else {
    try {
      result = { json: JSON.parse(read.text) as unknown };
    } catch (e) {
      result = { problem: `is not JSON (${jsonProblem(e)})` };
    }
  }
  env.jsonFiles.set(file, result);
  return result;
}

function nearbyFile(file: string): string | undefined {
  try {
    const dir = dirname(file);
    const guess = didYouMean(basename(file), readdirSync(dir));
    return guess === undefined ? undefined : `${dir}/${guess}`;
  } catch {
    return undefined;
  }
}
