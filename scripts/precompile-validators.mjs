/**
 * `npm run build`, after tsc: compiles schemas/suite.schema.json once, with ajv's standalone code,
 * into dist/validators/suite-format.cjs, so no `gsc` command compiles it at start-up.
 *
 * Generated at build time into dist/ (never committed): its only inputs are the schema file and
 * the pinned ajv, both in the package, and `prepare` builds every install from git. The module
 * also holds the schema text it was compiled from; the loader uses it only when the file it is
 * given has exactly that text, and compiles the file itself otherwise (an edited or broken
 * schema still gets its own diagnostics).
 *
 * Usage: node scripts/precompile-validators.mjs   (from the package root, after tsc)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import standalone from 'ajv/dist/standalone/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const standaloneCode = standalone.default ?? standalone;
const { createAjv } = await import(join(root, 'dist', 'src', 'common', 'ajv.js'));
const { FORMAT_EXPORTS, formatExportName, defLookAlikes } = await import(join(root, 'dist', 'src', 'load', 'format-precompiled.js'));

const file = join(root, 'schemas', 'suite.schema.json');
const text = readFileSync(file, 'utf8');
const schema = JSON.parse(text);
const lookAlikes = defLookAlikes(schema);
if (lookAlikes.length > 0) {
  process.stderr.write(`precompile-validators: schemas/suite.schema.json: ${lookAlikes.join('; ')}; the loader names a $defs entry by content in the generated code, so make the look-alike a $ref\n`);
  process.exit(1);
}
// The very factory the loader uses, so the generated code validates exactly as a runtime compile would.
const ajv = createAjv();
ajv.opts.code.source = true;
ajv.addSchema(schema);
const id = schema.$id;
// The root and every $defs entry: the collapser validates a union's chosen branch on its own.
const refs = { [FORMAT_EXPORTS.root]: id };
for (const name of Object.keys(schema.$defs ?? {})) refs[formatExportName(name)] = `${id}#/$defs/${name}`;
const code = standaloneCode(ajv, refs);
const out = join(root, 'dist', 'validators', 'suite-format.cjs');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${code}\nmodule.exports.${FORMAT_EXPORTS.source} = ${JSON.stringify(text)};\n`);
process.stdout.write(`precompiled ${Object.keys(refs).length} validators of schemas/suite.schema.json into ${out.slice(root.length + 1)}\n`);
