/**
 * The floor of every run against the emulator: the same number of GETs sent with undici
 * directly, each answer parsed and validated by one precompiled ajv validator (ajv's standalone
 * code, which `npm run build` generates into dist/validators/api.cjs). No templating, no suite,
 * no findings, no report: what a hand-written client that checks its answers costs.
 */
import { createRequire } from 'node:module';
import { Agent as HttpAgent, get } from 'node:http';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { cpuTimeMs, peakRssMb, repoRoot } from './support.js';

/** The API schema every floor answer is validated with: what the generated cases check. */
export const FLOOR_SCHEMA = 'synchronizationJobCollection';

/** A precompiled validator of dist/validators/api.cjs, by schema file name (without .schema.json). */
export function precompiledApiValidator(name: string): (data: unknown) => boolean {
  const file = join(repoRoot(), 'dist', 'validators', 'api.cjs');
  const validate = (createRequire(import.meta.url)(file) as Record<string, ((data: unknown) => boolean) | undefined>)[name];
  if (!validate) throw new Error(`bench/floor: ${file} has no validator ${name}; run npm run build`);
  return validate;
}

/** Where and how many. */
export interface FloorOptions {
  url: string;
  token: string;
  count: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** A keep-alive pool, like the engine's; one is made (and closed) when absent. */
  agent?: Agent;
  /**
   * Requests sent one by one before the clock starts (the `gets` child task only), as `gsc run`
   * probes its target before its first case: undici's parser is compiled and a connection open.
   */
  warmup?: number;
}

/** Sends `count` GETs and returns how many answered 200 with a valid body (a floor that fails measures nothing). */
export async function sendGets(o: FloorOptions): Promise<number> {
  const validate = precompiledApiValidator(FLOOR_SCHEMA);
  const agent = o.agent ?? new Agent({ keepAliveTimeout: 10_000 });
  const headers = { authorization: `Bearer ${o.token}`, accept: 'application/json' };
  let next = 0;
  let ok = 0;
  const worker = async (): Promise<void> => {
    while (next < o.count) {
      next++;
      const res = await request(o.url, { method: 'GET', headers, dispatcher: agent });
      const body = JSON.parse(await res.body.text()) as unknown;
      if (res.statusCode === 200 && validate(body)) ok++;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, o.count)) }, worker));
  } finally {
    if (!o.agent) await agent.close();
  }
  return ok;
}

/** What the floor child reports. */
export interface GetsOutcome {
  ms: number;
  ok: number;
  peakRssMb: number;
  /** CPU time of the whole child, start-up included (see CliRunOutcome.cpuMs). */
  cpuMs?: number;
}

/** Child task: the floor in a fresh process (it imports undici and nothing of gsc). */
export async function gets(input: FloorOptions): Promise<GetsOutcome> {
  if (!input.warmup) {
    const t = performance.now();
    const ok = await sendGets(input);
    return { ms: performance.now() - t, ok, peakRssMb: peakRssMb(), cpuMs: cpuTimeMs() };
  }
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  try {
    await sendGets({ ...input, count: input.warmup, concurrency: 1, agent });
    const t = performance.now();
    const ok = await sendGets({ ...input, agent });
    return { ms: performance.now() - t, ok, peakRssMb: peakRssMb(), cpuMs: cpuTimeMs() };
  } finally {
    await agent.close();
  }
}

/**
 * Child task: the same GETs, one at a time, with node:http instead of undici. Not a contender:
 * it tells how much of the floor's memory is undici's own (its HTTP parser is WebAssembly).
 */
export async function httpGets(input: FloorOptions): Promise<GetsOutcome> {
  const agent = new HttpAgent({ keepAlive: true });
  const headers = { authorization: `Bearer ${input.token}`, accept: 'application/json' };
  const once = (): Promise<number> =>
    new Promise((resolve, reject) => {
      get(input.url, { agent, headers }, (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      }).on('error', reject);
    });
  const t = performance.now();
  let ok = 0;
  for (let i = 0; i < input.count; i++) if ((await once()) === 200) ok++;
  agent.destroy();
  return { ms: performance.now() - t, ok, peakRssMb: peakRssMb() };
}
