import { createRequire } from 'node:module';
import type * as Undici from 'undici';
import { builtFile, requireBuilt, VENDOR_FOLDER } from '../common/built.js';
import { UNDICI_BUNDLE, UNDICI_PARTS } from './undici-parts.js';

/**
 * The parts of undici the engine uses, loaded file by file: the package's entry (index.js) also
 * loads fetch, WebSocket, EventSource, the cache API, cookies and the mock agents, none of which
 * `gsc run` uses, and that is about two thirds of what loading undici costs at every start
 * (docs/benchmarks.md). They come from the build's bundle of them (dist/vendor/undici.cjs, with
 * V8's code cache), else from the installed package's own files. Should the pinned package ever
 * lay its files out differently, the whole package is loaded instead.
 */
interface Parts {
  Agent: typeof Undici.Agent;
  EnvHttpProxyAgent: typeof Undici.EnvHttpProxyAgent;
  DecoratorHandler: typeof Undici.DecoratorHandler;
  getGlobalDispatcher: typeof Undici.getGlobalDispatcher;
  request: typeof Undici.request;
}

const load = createRequire(import.meta.url);

type Loaded = { [K in keyof typeof UNDICI_PARTS]: unknown };

/** The parts from the build's bundle of them when there is one, else from the package's files. */
function loadParts(): Loaded {
  const bundle = builtFile(UNDICI_BUNDLE, VENDOR_FOLDER);
  if (bundle !== undefined) return requireBuilt(bundle) as Loaded;
  return Object.fromEntries(Object.entries(UNDICI_PARTS).map(([name, file]) => [name, load(file)])) as Loaded;
}

function parts(): Parts {
  try {
    const loaded = loadParts();
    const api = loaded.api as Record<string, (this: Undici.Dispatcher, opts: object) => unknown>;
    const util = loaded.util as { parseURL(url: string | URL): URL };
    const { getGlobalDispatcher } = loaded.global as Pick<Parts, 'getGlobalDispatcher'>;
    // As the package's entry does: every dispatcher gets request(), connect()… (a proxy agent's
    // CONNECT tunnel is one).
    Object.assign((loaded.Dispatcher as { prototype: object }).prototype, api);
    return {
      Agent: loaded.Agent as Parts['Agent'],
      EnvHttpProxyAgent: loaded.EnvHttpProxyAgent as Parts['EnvHttpProxyAgent'],
      DecoratorHandler: loaded.DecoratorHandler as Parts['DecoratorHandler'],
      getGlobalDispatcher,
      // The package's top-level request(url, options), for the URL strings the engine sends.
      request: ((url: string | URL, opts: Undici.Dispatcher.RequestOptions & { dispatcher?: Undici.Dispatcher }) => {
        const parsed = util.parseURL(url);
        const { dispatcher = getGlobalDispatcher() } = opts;
        return api.request!.call(dispatcher, {
          ...opts,
          origin: parsed.origin,
          path: parsed.search ? `${parsed.pathname}${parsed.search}` : parsed.pathname,
          method: opts.method || (opts.body ? 'PUT' : 'GET'),
        });
      }) as unknown as Parts['request'],
    };
  } catch {
    return load('undici') as Parts;
  }
}

export const { Agent, EnvHttpProxyAgent, DecoratorHandler, getGlobalDispatcher, request } = parts();
export type { Dispatcher } from 'undici';
