import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';

interface AjvPackages {
  Ajv2020: typeof Ajv2020;
  addFormats: (ajv: Ajv2020) => Ajv2020;
}
let packages: AjvPackages | undefined;

/**
 * ajv and ajv-formats, loaded on the first validator built: ajv's ~90 files cost a start tens of
 * milliseconds, and a run whose answers conform, against the package's own schemas, builds none
 * (their validators are precompiled). Both are CommonJS, so `require` loads them at once.
 */
function ajvPackages(): AjvPackages {
  if (packages === undefined) {
    const require = createRequire(import.meta.url);
    const formats = require('ajv-formats') as { default?: AjvPackages['addFormats'] } & AjvPackages['addFormats'];
    packages = { Ajv2020: (require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 }).Ajv2020, addFormats: formats.default ?? formats };
  }
  return packages;
}

/**
 * ISO 8601 durations as Graph sends them. ajv-formats rejects fractional seconds, yet a new job's
 * `schedule.interval` is .NET TimeSpan.MaxValue, `P10675199DT2H48M5.4775807S`; OData's
 * Edm.Duration also allows a leading sign.
 */
const DURATION = /^-?P(?!$)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:[.,]\d+)?S)?)?$/;

/**
 * The one way this tool builds a JSON Schema validator, for the suite format, the config file
 * and the API schemas alike: draft 2020-12, every error reported (not just the first), strict
 * about schemas, each error carrying its data and schema. The emulator keeps its own (it must
 * not share engine code).
 */
export function createAjv(): Ajv2020 {
  const { Ajv2020, addFormats } = ajvPackages();
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    // `type: ["string", "null"]` is how a nullable Graph property is written most plainly.
    allowUnionTypes: true,
    // A `required` name declared in an allOf base (entity's `id`) is legitimate composition,
    // which strictRequired would refuse when the schema is loaded.
    strictRequired: false,
    // Each error carries the offending data and the keyword's schema value: findings need both.
    verbose: true,
    // strict mode throws instead of warning, so nothing is left to log; keep the console clean.
    logger: false,
  });
  addFormats(ajv);
  ajv.addFormat('duration', DURATION);
  return ajv;
}
