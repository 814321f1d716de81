import { dirname, relative, resolve } from 'node:path';
import type { Diagnostic } from '../../model/index.js';
import type { FileCheck } from './context.js';

/**
 * Each suite names `suite.schema.json` in `$schema`, so editors (yaml-language-server)
 * check and complete it as it is typed. A warning: the loader validates either way.
 */
export const schemaKey: FileCheck = {
  name: '$schema names suite.schema.json',
  check(file, env) {
    const want = relative(dirname(file.abs), env.formatSchemaFile);
    const written = file.raw.$schema;
    if (written === undefined) {
      return [warning('missing-schema-key', 'the file does not name its format schema', `add \`$schema: ${want}\` as the first line so editors check the file`, file.yaml.keySpan([Object.keys(file.raw)[0] ?? 'suite']))];
    }
    const ok = /^[a-z][a-z0-9+.-]*:/i.test(written) ? written.endsWith('/suite.schema.json') : resolve(dirname(file.abs), written) === env.formatSchemaFile;
    if (ok) return [];
    return [warning('wrong-schema-key', `\`$schema\` does not point at suite.schema.json`, `write \`$schema: ${want}\``, file.yaml.valueSpan(['$schema']))];
  },
};

function warning(code: string, message: string, hint: string, span: Diagnostic['span']): Diagnostic {
  return { code, message, hint, span, severity: 'warning' };
}
