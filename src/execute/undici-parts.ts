/**
 * The files of the undici package the engine uses (src/execute/undici.ts), by the name it gives
 * each: loaded one by one from the installed package, or from the one file the build bundles
 * them into (scripts/bundle-vendor.mjs).
 */
export const UNDICI_PARTS = {
  api: 'undici/lib/api/index.js',
  util: 'undici/lib/core/util.js',
  global: 'undici/lib/global.js',
  Dispatcher: 'undici/lib/dispatcher/dispatcher.js',
  Agent: 'undici/lib/dispatcher/agent.js',
  EnvHttpProxyAgent: 'undici/lib/dispatcher/env-http-proxy-agent.js',
  DecoratorHandler: 'undici/lib/handler/decorator-handler.js',
} as const;

/** Those parts bundled into one CommonJS file, in dist/vendor/ (src/common/built.ts's VENDOR_FOLDER). */
export const UNDICI_BUNDLE = 'undici.cjs';
