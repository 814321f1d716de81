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

  it('publishes code and type declarations that import only its dependencies or declared peers (type-only packages such as openapi-types stay dev)', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string>; peerDependencies?: Record<string, string>; exports: Record<string, { types: string }> };
    const specifiers = (file: string): string[] => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(/^(?:import|export)\s[^;'"`]*?\bfrom\s*['"]([^'"]+)['"]/gm), ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
    };
    const packageOf = (spec: string): string => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    const imported = new Set<string>();
    // Code: every built file may run (the CLI imports its commands when chosen).
    const code = readdirSync(join(root, 'dist', 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    for (const f of code) for (const spec of specifiers(join(root, 'dist', 'src', f))) if (!spec.startsWith('.') && !spec.startsWith('node:')) imported.add(packageOf(spec));
    // Declarations: those a consumer's compiler reads, from the types of each export onwards.
    const seen = new Set<string>();
    const queue = Object.values(pkg.exports).map((e) => join(root, e.types));
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const spec of specifiers(file)) {
        if (spec.startsWith('.')) queue.push(join(file, '..', spec.replace(/\.js$/, '.d.ts')));
        else if (!spec.startsWith('node:')) imported.add(packageOf(spec));
      }
    }
    expect(code.length).toBeGreaterThan(0);
    expect(seen.size).toBeGreaterThan(2);
    // A peer (vitest, for the graph-sync-conformance/vitest adapter) is the consumer's own install.
    expect([...imported].filter((name) => !(name in pkg.dependencies) && !(name in (pkg.peerDependencies ?? {})) && name !== pkg.name)).toEqual([]);
  });
});
