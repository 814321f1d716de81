import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../../src/emulator/index.js';

/** An answer as a test looks at it. */
export interface Answer {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  text: string;
  // Tests read bodies by path; `any` keeps them short.
  json: any;
}

/** How to send one request: a JSON body or raw bytes, and which credentials. */
export interface SendOptions {
  json?: unknown;
  raw?: string;
  /** The Authorization header; `null` sends none. Defaults to the fixture token. */
  auth?: string | null;
  headers?: Record<string, string>;
}

/** A small client bound to one emulator and its default service principal. */
export class Client {
  readonly sp: string;
  readonly jobs: string;

  constructor(readonly handle: EmulatorHandle) {
    this.sp = handle.fixtures.servicePrincipalId;
    this.jobs = `/servicePrincipals/${this.sp}/synchronization/jobs`;
  }

  async send(method: string, path: string, options: SendOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    const auth = options.auth === undefined ? `Bearer ${this.handle.fixtures.token}` : options.auth;
    if (auth !== null) headers.authorization = auth;
    let body: string | undefined = options.raw;
    if (options.json !== undefined) body = JSON.stringify(options.json);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(this.handle.url + path, { method, headers, body });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: Object.fromEntries(res.headers), text, json };
  }

  /** POST …/jobs with `{"templateId": …}` (or any body). */
  create(body: unknown = { templateId: 'BoxOutDelta' }): Promise<Answer> {
    return this.send('POST', this.jobs, { json: body });
  }

  /**
   * Creates a job and returns its id: the answer's, or (when a deviation hides it) the one
   * that appeared in the store, so probes about other points still find their job.
   */
  async newJob(templateId = 'BoxOutDelta'): Promise<string> {
    const before = new Set(this.handle.jobs().map((j) => j.id));
    const answer = await this.create({ templateId });
    if (typeof answer.json?.id === 'string' && answer.json.id !== '') return answer.json.id;
    const added = this.handle.jobs().find((j) => !before.has(j.id));
    if (!added) throw new Error(`create stored no job (status ${answer.status})`);
    return added.id;
  }

  job(id: string, suffix = ''): string {
    return `${this.jobs}/${encodeURIComponent(id)}${suffix}`;
  }
}

/** Starts an emulator, runs `fn` with a client, and always closes it. */
export async function withEmulator<T>(options: EmulatorOptions, fn: (c: Client) => Promise<T>): Promise<T> {
  const handle = await startEmulator(options);
  try {
    return await fn(new Client(handle));
  } finally {
    await handle.close();
  }
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** ISO-8601 duration, allowing the 7 fractional digits of .NET's TimeSpan.MaxValue. */
export const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
/** RFC 3339 date-time with an offset, which `0001-01-01T00:00:00Z` satisfies. */
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
