import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default import is module.exports, which is the
// plugin itself at run time but typed as the module object.
const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as (ajv: Ajv2020) => Ajv2020;

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
