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
 * Beside it, dist/vendor/yaml.cjs.cache: V8's code cache of the bundle after it read every shipped
 * suite, so a start compiles none of the parser's functions (src/common/built.ts, requireBuilt).
 *
 * Usage: node scripts/bundle-vendor.mjs   (from the package root)
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { build } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { CODE_CACHE, VENDOR_FOLDER, YAML_BUNDLE, wrapCommonJs } = await import(join(root, 'dist', 'src', 'common', 'built.js'));
const out = join(root, 'dist', VENDOR_FOLDER, YAML_BUNDLE);
mkdirSync(dirname(out), { recursive: true });
// The package's own CommonJS entry, resolved as src/common/yaml.ts resolves it.
await build({ input: createRequire(join(root, 'package.json')).resolve('yaml'), platform: 'node', logLevel: 'warn', output: { file: out, format: 'cjs' } });
process.stdout.write(`bundled the yaml package into ${out.slice(root.length + 1)}\n`);

// Run the bundle as src/common/built.ts's requireBuilt does, read every shipped suite with it as
// the loader does (src/load/yaml-file.ts), then keep what V8 compiled on the way.
const script = new Script(wrapCommonJs(readFileSync(out, 'utf8')), { filename: out });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(out), module, out, dirname(out));
const yaml = module.exports;
const suiteFiles = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? suiteFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));
for (const file of suiteFiles(join(root, 'suites'))) yaml.parseDocument(readFileSync(file, 'utf8'), { lineCounter: new yaml.LineCounter(), prettyErrors: false, uniqueKeys: true });
writeFileSync(`${out}${CODE_CACHE}`, script.createCachedData());
process.stdout.write(`wrote V8's code cache of it into ${out.slice(root.length + 1)}${CODE_CACHE}\n`);

// undici: the parts of the package src/execute/undici.ts uses (src/execute/undici-parts.ts), bundled
// into one file from an entry that requires each, with V8's code cache of it after it was run.
// The package's own entry loads fetch, WebSocket and the rest too, which the engine never uses.
{
  const { UNDICI_BUNDLE, UNDICI_PARTS } = await import(join(root, 'dist', 'src', 'execute', 'undici-parts.js'));
  const file = join(root, 'dist', VENDOR_FOLDER, UNDICI_BUNDLE);
  const entry = `${file}.entry.cjs`;
  writeFileSync(entry, `module.exports = {\n${Object.entries(UNDICI_PARTS).map(([name, part]) => `  ${name}: require(${JSON.stringify(part)}),`).join('\n')}\n};\n`);
  try {
    await build({ input: entry, platform: 'node', logLevel: 'warn', output: { file, format: 'cjs' } });
  } finally {
    rmSync(entry, { force: true });
  }
  process.stdout.write(`bundled the parts of undici the engine uses into ${file.slice(root.length + 1)}\n`);
  const script = new Script(wrapCommonJs(readFileSync(file, 'utf8')), { filename: file });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  writeFileSync(`${file}${CODE_CACHE}`, script.createCachedData());
  process.stdout.write(`wrote V8's code cache of it into ${file.slice(root.length + 1)}${CODE_CACHE}\n`);
}
