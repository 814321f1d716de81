import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseShard, type Shard } from '../plan/index.js';
import { UsageError } from './exit-codes.js';
import { parseJson } from '../common/json-depth.js';

/** `'2/4'` or `{ index: 2, count: 4 }`, checked; a bad value is a usage error naming the option. */
export function shardOption(value: string | Shard, label: string): Shard {
  const parsed = typeof value === 'string' ? parseShard(value) : parseShard(`${value.index}/${value.count}`);
  if ('problem' in parsed) throw new UsageError(`${label} ${JSON.stringify(typeof value === 'string' ? value : `${value.index}/${value.count}`)}: ${parsed.problem}`);
  return parsed;
}

/**
 * Case durations recorded by earlier runs: each file is a `results.json` (a merged one does
 * best). A repeated case's instances (`id#3`) count towards its id, averaged.
 */
export function readTimings(files: readonly string[], cwd: string, label: string): Map<string, number> {
  const sums = new Map<string, { total: number; n: number }>();
  for (const file of files) {
    const path = resolve(cwd, file);
    let doc: unknown;
    try {
      const parsed = parseJson(readFileSync(path, 'utf8'));
      if (!parsed.ok) throw new SyntaxError(parsed.error);
      doc = parsed.value;
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const why = e.code === 'ENOENT' ? 'there is no such file' : e instanceof SyntaxError ? `it is not JSON (${e.message})` : (e.code ?? e.message);
      throw new UsageError(`${label} ${file}: ${why}; give the results.json of an earlier run`);
    }
    const cases = (doc as { cases?: unknown })?.cases;
    if (!Array.isArray(cases)) throw new UsageError(`${label} ${file}: it has no \`cases\` array; give the results.json of an earlier run`);
    for (const c of cases as Array<{ id?: unknown; durationMs?: unknown }>) {
      if (typeof c?.id !== 'string' || typeof c.durationMs !== 'number' || !(c.durationMs >= 0)) continue;
      const id = c.id.replace(/#\d+$/, '');
      const s = sums.get(id) ?? { total: 0, n: 0 };
      s.total += c.durationMs;
      s.n++;
      sums.set(id, s);
    }
  }
  return new Map([...sums].map(([id, s]) => [id, s.total / s.n]));
}

/** sha256 of the suite files' contents, in an order that does not depend on where they lie. */
export function suitesDigest(sources: ReadonlyMap<string, string>): string {
  const each = [...sources.values()].map((text) => createHash('sha256').update(text).digest('hex')).sort();
  return `sha256:${createHash('sha256').update(each.join('\n')).digest('hex')}`;
}

/** The CI run a shard belongs to, when the environment names one. */
export function ciRunOf(env: Record<string, string | undefined>): string | undefined {
  const id = env.GITHUB_RUN_ID;
  return id ? `${id}-${env.GITHUB_RUN_ATTEMPT ?? '1'}` : undefined;
}
