/**
 * The reference emulator of the Microsoft Graph synchronization jobs API. It shows what
 * "right" looks like, and its deviations break one contract point each, to prove the suite's
 * checks can fail. It never imports the engine (load, plan, execute, assert, report, cli).
 */
export { startEmulator } from './server.js';
export type { EmulatorOptions, EmulatorHandle } from './types.js';
export type { ChaosOptions, EarlyArrival } from './chaos.js';
export { listDeviations } from './deviations/index.js';
export { listBehaviours, ACCEPTED_SECRET_TOKEN, EMULATOR_USER_VARIABLES } from './behaviours.js';
export type { Behaviour, Behave } from './behaviours.js';
export type { Deviation, DeviationHooks, MustFail, CreateProblem, ActionEffect } from './deviations/index.js';
export { loadFixtures, parseFixtures, FixtureError } from './fixtures/load.js';
export type { FixtureProblem } from './fixtures/load.js';
export { defaultFixtures } from './fixtures/defaults.js';
export type { Fixtures, ServicePrincipalFixture, TemplateFixture, SchemaFixture, JsonValue } from './fixtures/types.js';
export { runEmulatorCommand } from './cli.js';
export { makeSelfSignedCertificate, readTlsFiles } from './tls.js';
export type { SelfSignedCertificate, TlsMaterial } from './tls.js';
export { readRecording, RecordingError } from './replay/recording.js';
export type { RecordedExchange } from './replay/recording.js';
export type { EmulatorCommandIo } from './cli.js';
export type { Reply, RequestContext, OperationName, Problem } from './context.js';
