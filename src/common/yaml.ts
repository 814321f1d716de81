import { createRequire } from 'node:module';
import { builtFile, requireBuilt, YAML_BUNDLE, VENDOR_FOLDER } from './built.js';

/**
 * The `yaml` package, the one way the code reads and writes YAML at run time. It is the build's
 * single-file bundle of the installed package (dist/vendor/yaml.cjs, scripts/bundle-vendor.mjs)
 * when there is one: the same code, read from one file instead of ~70, which is most of what
 * importing it costs every command that reads a suite, with V8's code cache of it made by the
 * build after reading the shipped suites (see {@link requireBuilt}). Without a build, the package itself.
 * Types still come from `yaml` (`import type`); node kinds are told apart by `Symbol.for`
 * markers, so nodes of either copy pass both copies' `isMap`/`isScalar` guards.
 */
const bundle = builtFile(YAML_BUNDLE, VENDOR_FOLDER);
const yaml = (bundle === undefined ? createRequire(import.meta.url)('yaml') : requireBuilt(bundle)) as typeof import('yaml');

export const { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parse, parseDocument, stringify, visit } = yaml;
