/**
 * `npm run build`, after tsc: compiles schemas/suite.schema.json once, with ajv's standalone code,
 * into dist/validators/suite-format.cjs, and reads the operations of specs/ into
 * dist/validators/operations.json, so no `gsc` command compiles or parses them at start-up.
 *
 * Generated at build time into dist/ (never committed): its only inputs are the schema file and
 * the pinned ajv, both in the package, and `prepare` builds every install from git. The module
 * also holds the schema text it was compiled from (operations.json each spec's text); the loader
 * uses them only for a file with exactly that text, and compiles or parses the file itself
 * otherwise (an edited or broken file still gets its own diagnostics).
 *
 * It also lists the `pattern:` values of suites/ that RE2 compiles (dist/validators/patterns.json):
 * loading the shipped suites then checks their patterns without starting RE2's WebAssembly; and
 * writes V8's code cache of the format module beside it (suite-format.cjs.cache).
 *
 * Usage: node scripts/precompile-validators.mjs   (from the package root, after tsc)
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Script } from 'node:vm';
import { parse } from 'yaml';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { _ } from 'ajv/dist/compile/codegen/index.js';
import standalone from 'ajv/dist/standalone/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const standaloneCode = standalone.default ?? standalone;
const { createAjv } = await import(join(root, 'dist', 'src', 'common', 'ajv.js'));
const { FORMAT_EXPORTS, FORMAT_MODULE, OPERATIONS_FILE, PATTERNS_FILE, formatExportName, defLookAlikes, portableOperations } = await import(join(root, 'dist', 'src', 'load', 'precompiled.js'));
const { compileUserPattern } = await import(join(root, 'dist', 'src', 'common', 'user-pattern.js'));
const { CODE_CACHE, wrapCommonJs } = await import(join(root, 'dist', 'src', 'common', 'built.js'));
const { parseSpec } = await import(join(root, 'dist', 'src', 'load', 'operations.js'));
const { API_EXPORTS, API_MODULE } = await import(join(root, 'dist', 'src', 'assert', 'schema', 'precompiled.js'));

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
const out = join(root, 'dist', 'validators', FORMAT_MODULE);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${code}\nmodule.exports.${FORMAT_EXPORTS.source} = ${JSON.stringify(text)};\n`);
process.stdout.write(`precompiled ${Object.keys(refs).length} validators of schemas/suite.schema.json into ${out.slice(root.length + 1)}\n`);

// The operations of every spec in specs/ that reads without a diagnostic (a broken one is parsed
// at run time, so its diagnostics stay where they are made).
const specsDir = join(root, 'specs');
const built = [];
for (const name of readdirSync(specsDir).filter((n) => /\.(ya?ml|json)$/i.test(n)).sort()) {
  const abs = join(specsDir, name);
  const specText = readFileSync(abs, 'utf8');
  const { operations, diagnostics } = parseSpec(abs, name, specText);
  if (diagnostics.length > 0) continue;
  // Spans and schema refs relative to the spec file: the same text may be read from elsewhere.
  built.push({ text: specText, operations: portableOperations(operations, abs) });
}
writeFileSync(join(root, 'dist', 'validators', OPERATIONS_FILE), `${JSON.stringify(built)}\n`);
process.stdout.write(`read the operations of ${built.length} spec file(s) in specs/ into dist/validators/${OPERATIONS_FILE}\n`);

// Each spec as data, for contract coverage (src/load/contract.ts), when JSON holds it exactly.
const { SPEC_DATA_FILE } = await import(join(root, 'dist', 'src', 'load', 'contract.js'));
const { parse: parseYaml } = await import('yaml');
const { isDeepStrictEqual } = await import('node:util');
const specData = [];
for (const name of readdirSync(specsDir).filter((n) => /\.(ya?ml|json)$/i.test(n)).sort()) {
  const specText = readFileSync(join(specsDir, name), 'utf8');
  let data;
  try {
    data = parseYaml(specText);
  } catch {
    continue;
  }
  if (isDeepStrictEqual(JSON.parse(JSON.stringify(data) ?? 'null'), data)) specData.push({ text: specText, data });
}
writeFileSync(join(root, 'dist', 'validators', SPEC_DATA_FILE), `${JSON.stringify(specData)}\n`);
process.stdout.write(`wrote the data of ${specData.length} spec file(s) in specs/ into dist/validators/${SPEC_DATA_FILE}\n`);

// The API schemas (schemas/api/*.schema.json), one export per file named after it
// (synchronizationJobCollection…), with the texts they were compiled from: the schema store
// uses them for an answer that conforms (see src/assert/schema/precompiled.ts), and the bench's
// floor validates each answer with one, as a hand-written client would.
const apiDir = join(root, 'schemas', 'api');
const apiAjv = createAjv();
apiAjv.opts.code.source = true;
// Generated code needs the format functions' code; createAjv adds ajv-formats' full set.
apiAjv.opts.code.formats = _`require("ajv-formats/dist/formats").fullFormats`;
const apiRefs = {};
const apiTexts = {};
for (const name of readdirSync(apiDir).filter((n) => n.endsWith('.schema.json')).sort()) {
  const url = pathToFileURL(join(apiDir, name)).href;
  apiTexts[name] = readFileSync(join(apiDir, name), 'utf8');
  apiAjv.addSchema(JSON.parse(apiTexts[name]), url);
  apiRefs[API_EXPORTS.validator(name)] = url;
}
writeFileSync(join(root, 'dist', 'validators', API_MODULE), `${standaloneCode(apiAjv, apiRefs)}\nmodule.exports.${API_EXPORTS.sources} = ${JSON.stringify(apiTexts)};\n`);
process.stdout.write(`precompiled ${Object.keys(apiRefs).length} API schemas of schemas/api into dist/validators/${API_MODULE}\n`);

// Every `pattern:` value written in suites/ that RE2 compiles, compiled here by the very function
// the loader's check calls (src/load/checks/values.ts); one RE2 refuses is left out, so the loader
// compiles it and reports RE2's own words.
const patterns = new Set();
const suiteData = [];
const collect = (node, key) => {
  if (typeof node === 'string' && key === 'pattern') patterns.add(node);
  else if (Array.isArray(node)) for (const item of node) collect(item, undefined);
  else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) collect(v, k);
};
const suiteFiles = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? suiteFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));
for (const suiteFile of suiteFiles(join(root, 'suites'))) {
  try {
    const data = parse(readFileSync(suiteFile, 'utf8'));
    suiteData.push(data);
    collect(data, undefined);
  } catch {
    // A file that is not YAML has no pattern to list; the loader reports it.
  }
}
// V8's code cache of the format module after it validated every shipped suite, as the loader
// does (src/common/built.ts, requireBuilt): a start then compiles none of the functions it ran.
const formatScript = new Script(wrapCommonJs(readFileSync(out, 'utf8')), { filename: out });
const formatModule = { exports: {} };
formatScript.runInThisContext()(formatModule.exports, createRequire(out), formatModule, out, dirname(out));
for (const data of suiteData) formatModule.exports[FORMAT_EXPORTS.root](data);
writeFileSync(`${out}${CODE_CACHE}`, formatScript.createCachedData());

const compiles = [...patterns].filter((p) => !('error' in compileUserPattern(p))).sort();
writeFileSync(join(root, 'dist', 'validators', PATTERNS_FILE), `${JSON.stringify({ compile: compiles })}\n`);
process.stdout.write(`listed the ${compiles.length} pattern(s) of suites/ that RE2 compiles into dist/validators/${PATTERNS_FILE}\n`);
