import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import * as pkg from 'undici';
import { builtFile, CODE_CACHE, requireBuilt, VENDOR_FOLDER, wrapCommonJs } from '../../src/common/built.js';
import { UNDICI_BUNDLE } from '../../src/execute/undici-parts.js';
import { Agent, EnvHttpProxyAgent, DecoratorHandler, getGlobalDispatcher, request } from '../../src/execute/undici.js';

describe('the HTTP client as gsc run loads it (src/execute/undici.ts)', () => {
  it('is the build’s one-file bundle of the parts of undici the engine uses (dist/vendor/undici.cjs, npm run build), not the package’s entry', () => {
    const bundle = builtFile(UNDICI_BUNDLE, VENDOR_FOLDER);
    expect(bundle).toBeDefined();
    const parts = requireBuilt(bundle!) as Record<string, unknown>;
    expect(Agent).toBe(parts.Agent);
    expect(Agent).not.toBe(pkg.Agent);
    expect([Agent.name, EnvHttpProxyAgent.name, DecoratorHandler.name]).toEqual(['Agent', 'EnvHttpProxyAgent', 'DecoratorHandler']);
  });

  it('comes with a V8 code cache the build made that this Node accepts', () => {
    const file = builtFile(UNDICI_BUNDLE, VENDOR_FOLDER)!;
    const script = new Script(wrapCommonJs(readFileSync(file, 'utf8')), { filename: file, cachedData: readFileSync(`${file}${CODE_CACHE}`) });
    expect(script.cachedDataRejected).toBe(false);
  });

  it('sends a request through an agent of the bundle, and through the package’s own global dispatcher', async () => {
    const server = createServer((req, res) => res.end(JSON.stringify({ method: req.method, url: req.url })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const agent = new Agent();
    try {
      const viaAgent = await request(`http://127.0.0.1:${port}/jobs?$top=1`, { method: 'POST', body: '{}', dispatcher: agent });
      expect({ status: viaAgent.statusCode, body: await viaAgent.body.json() }).toEqual({ status: 200, body: { method: 'POST', url: '/jobs?$top=1' } });
      const viaGlobal = await request(`http://127.0.0.1:${port}/x`, { dispatcher: getGlobalDispatcher() });
      expect(await viaGlobal.body.json()).toEqual({ method: 'GET', url: '/x' });
      expect(getGlobalDispatcher()).toBe(pkg.getGlobalDispatcher());
    } finally {
      await agent.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
