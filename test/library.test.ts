import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lib from '../src/index.js';

const root = join(import.meta.dirname, '..');

describe('using graph-sync-conformance as a library', () => {
  it('starts the emulator in-process for another project\'s tests, and stops it', async () => {
    const emu = await lib.startEmulator({ port: 0 });
    const res = await fetch(`${emu.url}/servicePrincipals/${emu.fixtures.servicePrincipalId}/synchronization/jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.fixtures.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ templateId: emu.fixtures.templateId }),
    });
    expect(res.status).toBe(201);
    await emu.close();
  });

  it('exports the pieces the CLI is built from', () => {
    for (const name of ['run', 'planRun', 'loadSuites', 'checkExchange', 'createSchemaStore', 'createReporters', 'main', 'listDeviations']) expect(typeof (lib as Record<string, unknown>)[name]).toBe('function');
  });

  it('points package.json exports and bin at files the build writes', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, { default: string; types: string }>; bin: Record<string, string> };
    const files = [...Object.values(pkg.exports).flatMap((e) => [e.default, e.types]), ...Object.values(pkg.bin)];
    for (const f of files) expect(existsSync(join(root, f)), f).toBe(true);
  });
});
