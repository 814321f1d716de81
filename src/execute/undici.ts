import { createRequire } from 'node:module';
import type * as Undici from 'undici';

/**
 * The parts of undici the engine uses, loaded file by file: the package's entry (index.js) also
 * loads fetch, WebSocket, EventSource, the cache API, cookies and the mock agents, none of which
 * `gsc run` uses, and that is about two thirds of what loading undici costs at every start
 * (docs/benchmarks.md). The files are the installed package's own, so a dispatcher made with the
 * whole package (a test's MockAgent) is the same code. Should the pinned package ever lay its
 * files out differently, the whole package is loaded instead.
 */
interface Parts {
  Agent: typeof Undici.Agent;
  EnvHttpProxyAgent: typeof Undici.EnvHttpProxyAgent;
  DecoratorHandler: typeof Undici.DecoratorHandler;
  getGlobalDispatcher: typeof Undici.getGlobalDispatcher;
  request: typeof Undici.request;
}

const load = createRequire(import.meta.url);

function parts(): Parts {
  try {
    const api = load('undici/lib/api/index.js') as Record<string, (this: Undici.Dispatcher, opts: object) => unknown>;
    const util = load('undici/lib/core/util.js') as { parseURL(url: string | URL): URL };
    const { getGlobalDispatcher } = load('undici/lib/global.js') as Pick<Parts, 'getGlobalDispatcher'>;
    // As the package's entry does: every dispatcher gets request(), connect()… (a proxy agent's
    // CONNECT tunnel is one).
    Object.assign((load('undici/lib/dispatcher/dispatcher.js') as { prototype: object }).prototype, api);
    return {
      Agent: load('undici/lib/dispatcher/agent.js') as Parts['Agent'],
      EnvHttpProxyAgent: load('undici/lib/dispatcher/env-http-proxy-agent.js') as Parts['EnvHttpProxyAgent'],
      DecoratorHandler: load('undici/lib/handler/decorator-handler.js') as Parts['DecoratorHandler'],
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
