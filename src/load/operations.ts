import type { OpenAPIV3 } from 'openapi-types';
import { readdir } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import type { Diagnostic, SourceSpan } from '../model/index.js';
import { editDistance } from '../common/did-you-mean.js';
import { displayPath, ioReason, readText } from './files.js';
import { placeOperations, precompiledOperations } from './precompiled.js';
import { YamlFile } from './yaml-file.js';

/** One operation of an OpenAPI document: what a suite request may call. */
export interface Operation {
  /** Upper case: `GET`, `POST`… */
  method: string;
  /** The OpenAPI path, e.g. `/servicePrincipals/{servicePrincipal-id}/synchronization/jobs`. */
  path: string;
  operationId?: string;
  /** The spec file it comes from, as shown in messages. */
  file: string;
  /** The operation answers 201 Created: it makes a resource that a run must clean up. */
  creates: boolean;
  /** Where the operation is written in its spec file (the method key). */
  span?: SourceSpan;
  /** The page that documents it (`externalDocs.url`). */
  doc?: string;
  /** Its documented answers, in the order the spec lists them. */
  responses?: OperationResponse[];
  /** The body it takes, when it takes one. */
  requestBody?: OperationBody;
}

/**
 * One documented answer: `status` as the spec writes it (`201`, `2XX`, `default`), and the
 * JSON Schema of its `application/json` body as an absolute ref a schema store resolves: a
 * schema file, or the spec file with a `#/json/pointer` to a schema written inline.
 */
export interface OperationResponse {
  status: string;
  schema?: string;
}

/** A request body: whether the operation requires one, and its JSON Schema (as for responses). */
export interface OperationBody {
  required: boolean;
  schema?: string;
}

const SPEC_EXTENSIONS = ['.yaml', '.yml', '.json'];
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Reads every `*.yaml|*.yml|*.json` OpenAPI 3 document directly in `specsDir`, sorted by name.
 * A missing folder, unreadable or invalid file, or a document that is not OpenAPI 3 becomes a
 * diagnostic; the operations of every good file are still returned.
 */
export async function loadOperations(specsDir: string, o: { cwd?: string } = {}): Promise<{ operations: Operation[]; diagnostics: Diagnostic[] }> {
  const cwd = o.cwd ?? process.cwd();
  const dir = resolve(cwd, specsDir);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => SPEC_EXTENSIONS.includes(extname(n).toLowerCase())).sort();
  } catch (e) {
    return { operations: [], diagnostics: [{ code: 'missing-specs', message: `cannot read the specs folder \`${displayPath(dir, cwd)}\`: ${ioReason(e)}`, hint: 'pass the folder that holds the OpenAPI documents (specs/)', severity: 'error' }] };
  }
  const operations: Operation[] = [];
  const diagnostics: Diagnostic[] = [];
  if (names.length === 0) diagnostics.push({ code: 'missing-specs', message: `no OpenAPI document (*.yaml, *.yml, *.json) in \`${displayPath(dir, cwd)}\``, hint: 'add specs/openapi.yaml', severity: 'error' });
  for (const name of names) {
    const found = await readSpec(join(dir, name), cwd);
    operations.push(...found.operations);
    diagnostics.push(...found.diagnostics);
  }
  return { operations, diagnostics };
}

async function readSpec(abs: string, cwd: string): Promise<{ operations: Operation[]; diagnostics: Diagnostic[] }> {
  const file = displayPath(abs, cwd);
  const read = await readText(abs, file);
  if ('problem' in read) return { operations: [], diagnostics: [read.problem] };
  const built = precompiledOperations(read.text);
  if (built !== undefined) return { operations: placeOperations(built, abs, file), diagnostics: [] };
  return parseSpec(abs, file, read.text);
}

/**
 * The operations of one spec file's text, parsed (the build did the same for the package's
 * specs/). `abs` is where the file is (its schema refs resolve against it), `file` how spans
 * and diagnostics name it.
 */
export function parseSpec(abs: string, file: string, text: string): { operations: Operation[]; diagnostics: Diagnostic[] } {
  const yaml = new YamlFile(file, text);
  const errors = yaml.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { operations: [], diagnostics: errors };
  const doc = yaml.data as Partial<OpenAPIV3.Document> | null;
  const version = doc !== null && typeof doc === 'object' ? doc.openapi : undefined;
  if (typeof version !== 'string' || !version.startsWith('3.')) {
    const span = yaml.valueSpan(typeof version === 'string' ? ['openapi'] : []);
    return { operations: [], diagnostics: [{ code: 'invalid-spec', message: 'not an OpenAPI 3 document', hint: 'the file needs `openapi: 3.0.x` or `3.1.x` at the top; Swagger 2.0 is not read', span, severity: 'error' }] };
  }
  const paths = doc?.paths;
  if (paths === null || typeof paths !== 'object') {
    return { operations: [], diagnostics: [{ code: 'invalid-spec', message: 'the OpenAPI document has no `paths`', hint: 'add the operations under `paths:`', span: yaml.valueSpan([]), severity: 'error' }] };
  }
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (item === null || typeof item !== 'object') continue;
    for (const [key, op] of Object.entries(item as Record<string, unknown>)) {
      const method = METHODS.find((m) => m === key);
      if (method === undefined || op === null || typeof op !== 'object') continue;
      const { operationId, responses, externalDocs, requestBody } = op as Partial<OpenAPIV3.OperationObject>;
      const creates = responses !== null && typeof responses === 'object' && Object.hasOwn(responses, '201');
      const refs = new SpecRefs(doc, resolve(abs));
      const at = ['paths', path, key];
      const operation: Operation = { method: method.toUpperCase(), path, file, creates, span: yaml.keySpan(at), responses: refs.responses(responses, at) };
      if (typeof operationId === 'string') operation.operationId = operationId;
      if (typeof externalDocs?.url === 'string') operation.doc = externalDocs.url;
      const body = refs.body(requestBody, [...at, 'requestBody']);
      if (body !== undefined) operation.requestBody = body;
      operations.push(operation);
    }
  }
  return { operations, diagnostics: [] };
}

/** A request path template split into segments: no query, no trailing slash. */
export function pathSegments(path: string): string[] {
  const bare = path.split(/[?#]/, 1)[0] ?? '';
  return bare.split('/').filter((s, i, all) => i > 0 && !(s === '' && i === all.length - 1));
}

/** `{servicePrincipal-id}` in a spec path stands for any one segment. */
function isSpecParam(segment: string): boolean {
  return /^\{[^{}]+\}$/.test(segment);
}

/** A suite segment holding a `{{variable}}` stands for a value only known at run time. */
function isTemplated(segment: string): boolean {
  return segment.includes('{{');
}

/** True when a suite request path (with `{{variables}}`) can address the spec path. */
export function pathMatches(requestPath: string, specPath: string): boolean {
  return segmentsMatch(pathSegments(requestPath), specSegments(specPath));
}

/**
 * Spec paths split once: every request of every case is matched against every operation (twice:
 * the check, then marking creates), and splitting each spec path anew cost 3% of loading a
 * 1000-case suite. The specs hold a fixed, small set of paths.
 */
const SPEC_SEGMENTS = new Map<string, readonly string[]>();

function specSegments(specPath: string): readonly string[] {
  let segments = SPEC_SEGMENTS.get(specPath);
  if (segments === undefined) {
    segments = pathSegments(specPath);
    SPEC_SEGMENTS.set(specPath, segments);
  }
  return segments;
}

function segmentsMatch(req: readonly string[], spec: readonly string[]): boolean {
  if (req.length !== spec.length) return false;
  return spec.every((s, i) => {
    const r = req[i] ?? '';
    if (isSpecParam(s)) return r !== '';
    return !isTemplated(r) && r === s;
  });
}

/** The operation a request calls, if the specs have it. */
export function findOperation(operations: readonly Operation[], method: string, requestPath: string): Operation | undefined {
  const req = pathSegments(requestPath);
  return operations.find((op) => op.method === method && segmentsMatch(req, specSegments(op.path)));
}

/** The spec's path that a request path matches, whatever the method; undefined when none does. */
export function findPath(operations: readonly Operation[], requestPath: string): string | undefined {
  const req = pathSegments(requestPath);
  return operations.find((op) => segmentsMatch(req, specSegments(op.path)))?.path;
}

/**
 * The operations nearest to a request that matches none, best first: same path with another
 * method, then fewest differing segments, then the smallest edit distance.
 */
export function closestOperations(operations: readonly Operation[], method: string, requestPath: string, count = 3): Operation[] {
  const req = pathSegments(requestPath);
  const score = (op: Operation): number => {
    const spec = pathSegments(op.path);
    const longer = spec.length > req.length ? spec : req;
    let differing = Math.abs(spec.length - req.length);
    // A segment one side lacks costs its length in letters, as if typed from nothing.
    let letters = longer.slice(Math.min(spec.length, req.length)).reduce((n, s) => n + s.length, 0);
    for (let i = 0; i < Math.min(spec.length, req.length); i++) {
      const s = spec[i] ?? '';
      const r = req[i] ?? '';
      if (isSpecParam(s) ? r === '' : isTemplated(r) || r !== s) {
        differing++;
        letters += isSpecParam(s) || isTemplated(r) ? 8 : editDistance(r, s);
      }
    }
    return differing * 1000 + letters * 10 + (op.method === method ? 0 : 5);
  };
  return [...operations].map((op) => ({ op, s: score(op) })).sort((a, b) => a.s - b.s).slice(0, count).map((x) => x.op);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const pointerOf = (path: readonly string[]): string => path.map((p) => `/${p.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/**
 * Follows the spec's own `#/components/…` refs to response and request-body objects, and turns
 * each `application/json` schema into an absolute ref: a `$ref` to a file resolves against the
 * spec's folder, a local `$ref` or an inline schema becomes `<spec file>#<pointer>`.
 */
class SpecRefs {
  constructor(
    private readonly doc: unknown,
    private readonly file: string,
  ) {}

  responses(responses: unknown, at: string[]): OperationResponse[] {
    if (!isObject(responses)) return [];
    return Object.entries(responses).map(([status, value]) => {
      const schema = this.jsonSchema(value, [...at, 'responses', status]);
      return schema === undefined ? { status } : { status, schema };
    });
  }

  body(value: unknown, at: string[]): OperationBody | undefined {
    const found = this.deref(value, at);
    if (found === undefined) return undefined;
    const schema = this.jsonSchema(value, at);
    const body: OperationBody = { required: found.value.required === true };
    if (schema !== undefined) body.schema = schema;
    return body;
  }

  /** The object a value stands for, with its path in the document, following local `$ref`s. */
  private deref(value: unknown, at: string[]): { value: Json; at: string[] } | undefined {
    for (let hops = 0; hops < 10 && isObject(value); hops++) {
      const ref = value.$ref;
      if (typeof ref !== 'string' || !ref.startsWith('#/')) return { value, at };
      at = ref.slice(2).split('/').map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
      value = at.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), this.doc);
    }
    return undefined;
  }

  private jsonSchema(value: unknown, at: string[]): string | undefined {
    const found = this.deref(value, at);
    const content = found?.value.content;
    const media = isObject(content) ? content['application/json'] : undefined;
    const schema = isObject(media) ? media.schema : undefined;
    if (!isObject(schema) || found === undefined) return undefined;
    const ref = schema.$ref;
    if (typeof ref === 'string' && !ref.startsWith('#')) return resolve(dirname(this.file), ref);
    return `${this.file}#${pointerOf([...found.at, 'content', 'application/json', 'schema'])}`;
  }
}
