import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from '../common/yaml.js';
import { builtFile } from '../common/built.js';
import type { ContractPoint } from '../model/index.js';

/** One operation of the specs with the points a case can check. */
export interface ContractOperation {
  method: string;
  path: string;
  /** `GET /servicePrincipals/…`, as coverage names it. */
  name: string;
  /** Documented response keys: `200`, `2XX`, `default`. */
  statuses: string[];
  /** For each documented status with a body schema: the schema file (absolute). */
  schemas: Map<string, string>;
  points: ContractPoint[];
}

/** The contract: the operations, and the property pointers any schema file documents. */
export interface Contract {
  operations: ContractOperation[];
  /** The property pointers a schema file documents (array items as `*`), cached. */
  propertiesOf(file: string): string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** Nested properties are listed this deep: `/status/quarantine/error` yes, deeper no. */
const MAX_DEPTH = 3;

/**
 * Reads the contract points of every operation in `specFiles` (already loaded and checked by
 * `loadOperations`): each documented status code, and each property of the schema a success
 * answer documents, following `$ref`s between schema files.
 */
export function readContract(specFiles: string[]): Contract {
  const cache = new Map<string, string[]>();
  const propertiesOf = (file: string): string[] => {
    const key = file.split('#')[0]!;
    let found = cache.get(key);
    if (!found) {
      found = [...new Set(schemaProperties(key, '', 0, new Set()))];
      cache.set(key, found);
    }
    return found;
  };
  const operations: ContractOperation[] = [];
  for (const file of specFiles) {
    const doc = specData(readFileSync(file, 'utf8')) as { paths?: Record<string, Record<string, { responses?: Record<string, unknown> }>>; components?: { schemas?: Record<string, SchemaNode> } };
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const method of METHODS) {
        const op = item?.[method];
        if (!op) continue;
        const name = `${method.toUpperCase()} ${path}`;
        const statuses = Object.keys(op.responses ?? {});
        const schemas = new Map<string, string>();
        const componentProperties = new Map<string, string[]>();
        for (const status of statuses) {
          if (status === 'default') continue;
          const ref = (op.responses?.[status] as { content?: Record<string, { schema?: { $ref?: string } }> } | undefined)?.content?.['application/json']?.schema?.$ref;
          if (typeof ref === 'string' && !ref.startsWith('#')) schemas.set(status, resolve(dirname(file), ref));
          // A component of the spec itself (a job narrowed to what a create answers) documents
          // the properties of the schema files it is composed of.
          else if (typeof ref === 'string' && ref.startsWith(COMPONENT)) componentProperties.set(status, componentOf(doc.components?.schemas?.[ref.slice(COMPONENT.length)], file));
        }
        const points: ContractPoint[] = statuses.map((s) => ({ operation: name, kind: 'status', point: s }));
        for (const [status, schema] of schemas) for (const p of propertiesOf(schema)) points.push({ operation: name, kind: 'property', point: p, status });
        for (const [status, properties] of componentProperties) for (const p of properties) points.push({ operation: name, kind: 'property', point: p, status });
        operations.push({ method: method.toUpperCase(), path, name, statuses, schemas, points });
      }
    }
  }
  return { operations, propertiesOf };
}

const COMPONENT = '#/components/schemas/';

/** The specs of specs/ as data, with their texts, written by `npm run build` into dist/validators/. */
export const SPEC_DATA_FILE = 'spec-data.json';

/**
 * A spec's data: what the build parsed from exactly this text (parsing the OpenAPI YAML cost most
 * of contract coverage), else parsed now.
 */
function specData(text: string): unknown {
  const file = builtFile(SPEC_DATA_FILE);
  if (file !== undefined) {
    try {
      const built = JSON.parse(readFileSync(file, 'utf8')) as { text: string; data: unknown }[];
      const found = Array.isArray(built) ? built.find((b) => b.text === text) : undefined;
      if (found) return found.data;
    } catch {
      // An unreadable build output is as good as none: the text is parsed.
    }
  }
  return parse(text);
}

/** The properties a spec component documents; its `$ref`s to schema files resolve from the spec's folder. */
function componentOf(node: SchemaNode | undefined, specFile: string): string[] {
  return node ? [...new Set(nodeProperties(node, node, specFile, '', 0, new Set()))] : [];
}

type SchemaNode = { $ref?: string; properties?: Record<string, SchemaNode>; items?: SchemaNode; anyOf?: SchemaNode[]; oneOf?: SchemaNode[]; allOf?: SchemaNode[]; $defs?: Record<string, SchemaNode> };

function schemaProperties(file: string, prefix: string, depth: number, seen: Set<string>): string[] {
  if (seen.has(file) || depth > MAX_DEPTH) return [];
  let root: SchemaNode;
  try {
    root = JSON.parse(readFileSync(file, 'utf8')) as SchemaNode;
  } catch {
    return [];
  }
  return nodeProperties(root, root, file, prefix, depth, new Set([...seen, file]));
}

function nodeProperties(node: SchemaNode, root: SchemaNode, file: string, prefix: string, depth: number, seen: Set<string>): string[] {
  if (depth > MAX_DEPTH) return [];
  if (node.$ref !== undefined) {
    if (node.$ref.startsWith('#/$defs/')) {
      const def = root.$defs?.[node.$ref.slice('#/$defs/'.length)];
      return def ? nodeProperties(def, root, file, prefix, depth, seen) : [];
    }
    return schemaProperties(resolve(dirname(file), node.$ref.split('#')[0]!), prefix, depth, seen);
  }
  const out: string[] = [];
  for (const sub of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) out.push(...nodeProperties(sub, root, file, prefix, depth, seen));
  if (node.items) out.push(...nodeProperties(node.items, root, file, `${prefix}/*`, depth, seen));
  for (const [key, sub] of Object.entries(node.properties ?? {})) {
    const pointer = `${prefix}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    out.push(pointer, ...nodeProperties(sub, root, file, pointer, depth + 1, seen));
  }
  return out;
}
