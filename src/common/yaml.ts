import { createRequire } from 'node:module';
import { builtFile, requireBuilt, YAML_BUNDLE, VENDOR_FOLDER } from './built.js';

type Yaml = typeof import('yaml');
let loaded: Yaml | undefined;

/**
 * The `yaml` package, the one way the code reads and writes YAML at run time, loaded on first
 * use: a command whose files the quick reader (src/load/yaml-subset.ts) takes whole never pays
 * for it. It is the build's single-file bundle of the installed package (dist/vendor/yaml.cjs,
 * scripts/bundle-vendor.mjs) when there is one: the same code, read from one file instead of
 * ~70, which is most of what importing it costs, with V8's code cache of it made by the build
 * after reading the shipped suites (see {@link requireBuilt}). Without a build, the package
 * itself. Types still come from `yaml` (`import type`); node kinds are told apart by
 * `Symbol.for` markers, so nodes of either copy pass both copies' `isMap`/`isScalar` guards.
 */
export function yamlPackage(): Yaml {
  if (loaded === undefined) {
    const bundle = builtFile(YAML_BUNDLE, VENDOR_FOLDER);
    loaded = (bundle === undefined ? createRequire(import.meta.url)('yaml') : requireBuilt(bundle)) as Yaml;
  }
  return loaded;
}

export const isAlias = ((node: unknown) => yamlPackage().isAlias(node)) as Yaml['isAlias'];
export const isMap = ((node: unknown) => yamlPackage().isMap(node)) as Yaml['isMap'];
export const isScalar = ((node: unknown) => yamlPackage().isScalar(node)) as Yaml['isScalar'];
export const isSeq = ((node: unknown) => yamlPackage().isSeq(node)) as Yaml['isSeq'];
export const parse: Yaml['parse'] = ((...args: Parameters<Yaml['parse']>) => yamlPackage().parse(...args)) as Yaml['parse'];
export const parseDocument: Yaml['parseDocument'] = ((...args: Parameters<Yaml['parseDocument']>) => yamlPackage().parseDocument(...args)) as Yaml['parseDocument'];
export const stringify: Yaml['stringify'] = ((...args: Parameters<Yaml['stringify']>) => yamlPackage().stringify(...args)) as Yaml['stringify'];
