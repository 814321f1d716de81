import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

  it('publishes code and type declarations that import only its dependencies (type-only packages such as openapi-types stay dev)', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string> };
    const built = readdirSync(join(root, 'dist', 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js') || f.endsWith('.d.ts'));
    const imported = new Set<string>();
    for (const f of built) {
      const text = readFileSync(join(root, 'dist', 'src', f), 'utf8');
      const specs = [...text.matchAll(/^(?:import|export)\s[^;'"`]*?\bfrom\s*['"]([^'".][^'"]*)['"]/gm), ...text.matchAll(/\bimport\(\s*['"]([^'".][^'"]*)['"]\s*\)/g)].map((m) => m[1]!);
      for (const spec of specs) {
        if (!spec.startsWith('node:')) imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    expect(built.length).toBeGreaterThan(0);
    expect([...imported].filter((name) => !(name in pkg.dependencies) && name !== pkg.name)).toEqual([]);
  });
});
