/**
 * `npm run build`, last step: bundles the `yaml` package into one file, dist/vendor/yaml.cjs,
 * which src/common/yaml.ts loads instead of the package when it is there. Every command that
 * reads a suite needs `yaml`, and Node resolving, reading and compiling its ~70 CommonJS files
 * one by one cost about 40 ms of each start; one file costs about 18 ms (see docs/benchmarks.md).
 *
 * The same code as the installed, pinned `yaml`, only concatenated: generated at build time into
 * dist/ (never committed), like dist/validators/. Without it (a build that skipped this step),
 * src/common/yaml.ts loads the package as before.
 *
 * Usage: node scripts/bundle-vendor.mjs   (from the package root)
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { VENDOR_FOLDER, YAML_BUNDLE } = await import(join(root, 'dist', 'src', 'common', 'built.js'));
const out = join(root, 'dist', VENDOR_FOLDER, YAML_BUNDLE);
mkdirSync(dirname(out), { recursive: true });
// The package's own CommonJS entry, resolved as src/common/yaml.ts resolves it.
await build({ input: createRequire(join(root, 'package.json')).resolve('yaml'), platform: 'node', logLevel: 'warn', output: { file: out, format: 'cjs' } });
process.stdout.write(`bundled the yaml package into ${out.slice(root.length + 1)}\n`);
