import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fails the run when a test leaves a temporary folder behind.
    globalSetup: ['test/temp-guard.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The end-to-end runs start emulators on loopback ports; two cores suit two workers.
    pool: 'forks',
  },
});
