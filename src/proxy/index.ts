/**
 * The validating proxy: a client's traffic to the Graph synchronization API, checked against
 * `specs/` and `schemas/` with the same checks a run uses, each exchange reported as a case.
 */
export { startProxy } from './server.js';
export type { ProxyHandle, ProxyOptions } from './types.js';
export { ContractError } from './contract.js';
export type { Har, HarEntry } from './har.js';
