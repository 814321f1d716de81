import { DATE_TIME, GUID, ISO_DURATION, type Answer, type Client } from './client.js';

/**
 * One contract point, checked against a running emulator: `holds` is true when the emulator
 * keeps it. A probe checks only its own point; when a precondition fails (the body is not
 * JSON, a read answers 404) it holds vacuously and leaves that to the probe of that point.
 */
export interface Probe {
  claim: string;
  holds(c: Client): Promise<boolean>;
}

const PROVISION = { parameters: [{ ruleId: 'r1', subjects: [{ objectId: 'u1', objectTypeName: 'User' }] }] };

async function created(c: Client): Promise<any> {
  const res = await c.create();
  if (typeof res.json?.id === 'string' && res.json.id !== '') await c.send('DELETE', c.job(res.json.id));
  return res.json;
}

/** The job as GET reads it, or undefined when GET does not answer 200. */
async function read(c: Client, id: string): Promise<any> {
  const res = await c.send('GET', c.job(id));
  return res.status === 200 ? res.json : undefined;
}

/** The error object of an error answer, or undefined when the body is not a JSON error. */
function errorOf(res: Answer): any {
  return typeof res.json?.error === 'object' && res.json.error !== null ? res.json.error : undefined;
}

const notFound = (c: Client): Promise<Answer> => c.send('GET', c.job('BoxOutDelta.missing'));
const is4xx = (s: number): boolean => s >= 400 && s < 500;
const refuses = (body: unknown) => async (c: Client) => is4xx((await c.create(body)).status);
const newJobHas = (check: (job: any) => boolean) => async (c: Client) => check(await created(c));
const auth401 = (auth: string | null) => async (c: Client) => (await c.send('GET', c.jobs, { auth })).status === 401;
const templates = async (c: Client): Promise<any[]> => (await c.send('GET', `/servicePrincipals/${c.sp}/synchronization/templates`)).json?.value ?? [];

/** Every probe, keyed by a short id. */
export const PROBES = {
  createStatus201: { claim: 'create answers 201', holds: async (c) => (await c.create()).status === 201 },
  createContentTypeJson: { claim: 'create answers JSON', holds: async (c) => /^application\/json/.test((await c.create()).headers['content-type'] ?? '') },
  createdIdNonEmpty: { claim: 'a created job has a non-empty id', holds: newJobHas((j) => typeof j?.id === 'string' && j.id !== '') },
  createdEchoesTemplate: { claim: 'a created job echoes templateId', holds: newJobHas((j) => j?.templateId === 'BoxOutDelta') },
  newScheduleDisabled: { claim: 'a new job is Disabled', holds: newJobHas((j) => j?.schedule?.state === 'Disabled') },
  intervalIso: { claim: 'interval is ISO-8601', holds: newJobHas((j) => ISO_DURATION.test(j?.schedule?.interval)) },
  expirationNull: { claim: 'expiration is null', holds: newJobHas((j) => j?.schedule?.expiration === null) },
  statusNotConfigured: { claim: 'a new job is NotConfigured', holds: newJobHas((j) => j?.status?.code === 'NotConfigured') },
  failuresZero: { claim: 'no successive failures', holds: newJobHas((j) => j?.status?.countSuccessiveCompleteFailures === 0) },
  escrowsFalse: { claim: 'escrowsPruned is false', holds: newJobHas((j) => j?.status?.escrowsPruned === false) },
  entryCountsEmpty: { claim: 'no entries synchronized', holds: newJobHas((j) => j?.status?.synchronizedEntryCountByType?.length === 0) },
  lastExecutionNull: { claim: 'lastExecution is null', holds: newJobHas((j) => j?.status?.lastExecution === null) },
  lastSuccessfulNull: { claim: 'lastSuccessfulExecution is null', holds: newJobHas((j) => j?.status?.lastSuccessfulExecution === null) },
  lastSuccessfulWithExportsNull: {
    claim: 'lastSuccessfulExecutionWithExports is null',
    holds: newJobHas((j) => j?.status?.lastSuccessfulExecutionWithExports === null),
  },
  progressEmpty: { claim: 'a new job has made no progress', holds: newJobHas((j) => j?.status?.progress === undefined || (Array.isArray(j.status.progress) && j.status.progress.length === 0)) },
  quarantineNull: { claim: 'quarantine is null', holds: newJobHas((j) => j?.status?.quarantine === null) },
  steadyStateDateTimes: {
    claim: 'steady-state times are date-times',
    holds: newJobHas((j) => DATE_TIME.test(j?.status?.steadyStateFirstAchievedTime) && DATE_TIME.test(j?.status?.steadyStateLastAchievedTime)),
  },
  missingTemplateRefused: { claim: 'create without templateId is refused', holds: refuses({}) },
  nullTemplateRefused: { claim: 'templateId null is refused', holds: refuses({ templateId: null }) },
  emptyTemplateRefused: { claim: 'an empty templateId is refused', holds: refuses({ templateId: '' }) },
  nonStringTemplateRefused: { claim: 'a numeric templateId is refused', holds: refuses({ templateId: 42 }) },
  unknownTemplateRefused: { claim: 'an unknown templateId is refused', holds: refuses({ templateId: 'Salesforce' }) },
  refusedCreateCreatesNothing: {
    claim: 'a refused create creates nothing',
    holds: async (c) => {
      for (const body of [{}, { templateId: 'Salesforce' }]) {
        const before = c.handle.jobs().length;
        const res = await c.create(body);
        if (res.status === 201) await c.send('DELETE', c.job(res.json.id));
        else if (c.handle.jobs().length !== before) return false;
      }
      return true;
    },
  },
  missingAuth401: { claim: 'no Authorization answers 401', holds: auth401(null) },
  malformedAuth401: {
    claim: 'an Authorization that is not a token answers 401',
    holds: async (c) => (await auth401('Basic dXNlcjpwYXNz')(c)) && (await auth401('Bearer not-a-token')(c)),
  },
  invalidToken401: { claim: 'an unknown token answers 401', holds: auth401('Bearer eyJ0.eyJh.c2ln') },
  malformedJson400: { claim: 'malformed JSON answers 400', holds: async (c) => (await c.send('POST', c.jobs, { raw: '{"templateId":' })).status === 400 },
  unknownSp404: {
    claim: 'an unknown service principal answers 404',
    holds: async (c) => (await c.send('POST', '/servicePrincipals/00000000-0000-4000-8000-000000000000/synchronization/jobs', { json: { templateId: 'BoxOutDelta' } })).status === 404,
  },
  createdReadable: { claim: 'a created job can be read', holds: async (c) => (await c.send('GET', c.job(await c.newJob()))).status === 200 },
  getSameId: {
    claim: 'GET answers the job asked for',
    holds: async (c) => {
      const id = await c.newJob();
      const job = await read(c, id);
      return job === undefined || job.id === id;
    },
  },
  listWrapped: { claim: 'list answers {value: [...]}', holds: async (c) => Array.isArray((await c.send('GET', c.jobs)).json?.value) },
  listContainsCreated: {
    claim: 'list contains a created job',
    holds: async (c) => {
      const id = await c.newJob();
      const value = (await c.send('GET', c.jobs)).json?.value;
      return !Array.isArray(value) || value.some((j: { id: string }) => j.id === id);
    },
  },
  distinctIds: { claim: 'two creates give two ids', holds: async (c) => (await c.newJob()) !== (await c.newJob()) },
  deleteRemoves: {
    claim: 'a deleted job is gone',
    holds: async (c) => {
      const id = await c.newJob();
      await c.send('DELETE', c.job(id));
      return (await c.send('GET', c.job(id))).status === 404;
    },
  },
  deleteStatus204Empty: {
    claim: 'delete answers 204 with no body',
    holds: async (c) => {
      const res = await c.send('DELETE', c.job(await c.newJob()));
      return res.status === 204 && res.text === '';
    },
  },
  deleteUnknown404: { claim: 'deleting an unknown job answers 404', holds: async (c) => (await c.send('DELETE', c.job('BoxOutDelta.missing'))).status === 404 },
  method405: { claim: 'a wrong method answers 405', holds: async (c) => (await c.send('PATCH', c.jobs, { json: {} })).status === 405 },
  errorBodyJson: { claim: 'errors are JSON error bodies', holds: async (c) => errorOf(await notFound(c)) !== undefined },
  errorContentTypeJson: { claim: 'errors have a JSON Content-Type', holds: async (c) => /^application\/json/.test((await notFound(c)).headers['content-type'] ?? '') },
  errorHasCode: {
    claim: 'error.code is a string',
    holds: async (c) => {
      const e = errorOf(await notFound(c));
      return e === undefined || typeof e.code === 'string';
    },
  },
  errorMessageString: {
    claim: 'error.message is a string',
    holds: async (c) => {
      const e = errorOf(await notFound(c));
      return e === undefined || typeof e.message === 'string';
    },
  },
  errorInnerError: {
    claim: 'errors carry innerError',
    holds: async (c) => {
      const e = errorOf(await notFound(c));
      return e === undefined || typeof e.innerError === 'object';
    },
  },
  startStatus204: { claim: 'start answers 204', holds: async (c) => (await c.send('POST', c.job(await c.newJob(), '/start'))).status === 204 },
  startActivates: {
    claim: 'start activates the job',
    holds: async (c) => {
      const id = await c.newJob();
      await c.send('POST', c.job(id, '/start'));
      const job = await read(c, id);
      return job === undefined || job.schedule.state === 'Active';
    },
  },
  pausePauses: {
    claim: 'pause pauses the job',
    holds: async (c) => {
      const id = await c.newJob();
      await c.send('POST', c.job(id, '/start'));
      await c.send('POST', c.job(id, '/pause'));
      const job = await read(c, id);
      return job === undefined || (job.schedule.state === 'Paused' && job.status.code === 'Paused');
    },
  },
  restartFlagsAccepted: {
    claim: 'restart takes a flags resetScope',
    holds: async (c) =>
      (await c.send('POST', c.job(await c.newJob(), '/restart'), { json: { criteria: { resetScope: 'Watermark, Escrows, QuarantineState' } } })).status === 204,
  },
  qualifiedActions: { claim: 'microsoft.graph.start is routed', holds: async (c) => (await c.send('POST', c.job(await c.newJob(), '/microsoft.graph.start'))).status < 300 },
  validateCredentials204: {
    claim: 'validateCredentials answers 204',
    holds: async (c) => (await c.send('POST', c.job(await c.newJob(), '/validateCredentials'), { json: { useSavedCredentials: true } })).status === 204,
  },
  provisionOnDemand200: {
    claim: 'provisionOnDemand answers 200 key/value strings',
    holds: async (c) => {
      const res = await c.send('POST', c.job(await c.newJob(), '/provisionOnDemand'), { json: PROVISION });
      return res.status === 200 && typeof res.json?.key === 'string' && typeof res.json?.value === 'string';
    },
  },
  secretsPut204: {
    claim: 'PUT secrets answers 204 with no body',
    holds: async (c) => {
      const res = await c.send('PUT', `/servicePrincipals/${c.sp}/synchronization/secrets`, { json: { value: [{ key: 'BaseAddress', value: 'https://x' }] } });
      return res.status === 204 && res.text === '';
    },
  },
  secretKeyChecked: {
    claim: 'PUT secrets refuses unknown keys',
    holds: async (c) => (await c.send('PUT', `/servicePrincipals/${c.sp}/synchronization/secrets`, { json: { value: [{ key: 'BaseAdress', value: 'x' }] } })).status === 400,
  },
  discoverableBoolean: { claim: 'discoverable is a boolean', holds: async (c) => (await templates(c)).every((t) => typeof t.discoverable === 'boolean') },
  applicationIdGuid: { claim: 'applicationId is a GUID', holds: async (c) => (await templates(c)).every((t) => GUID.test(t.applicationId)) },
  schemaPut204: {
    claim: "PUT of a job's own schema answers 204 with no body",
    holds: async (c) => {
      const id = await c.newJob();
      const read = await c.send('GET', c.job(id, '/schema'));
      if (read.status !== 200) return true; // the read is schemaGet200's point
      const schema = read.json;
      const res = await c.send('PUT', c.job(id, '/schema'), { json: schema });
      return res.status === 204 && res.text === '';
    },
  },
  readOnlyWritesRefused: {
    claim: 'a read-only token cannot create',
    holds: async (c) => {
      const res = await c.send('POST', c.jobs, { json: { templateId: 'BoxOutDelta' }, auth: 'Bearer gsc-emulator-read-only-token' });
      if (typeof res.json?.id === 'string') await c.send('DELETE', c.job(res.json.id));
      return res.status === 401 || res.status === 403;
    },
  },
  schemaGet200: { claim: 'GET schema answers 200', holds: async (c) => (await c.send('GET', c.job(await c.newJob(), '/schema'))).status === 200 },
  requestIdHeader: { claim: 'answers carry request-id', holds: async (c) => GUID.test((await c.send('GET', c.jobs)).headers['request-id'] ?? '') },
  clientRequestIdEchoed: {
    claim: 'client-request-id is echoed',
    holds: async (c) => (await c.send('GET', c.jobs, { headers: { 'client-request-id': 'abc-123' } })).headers['client-request-id'] === 'abc-123',
  },
  odataVersion: { claim: 'JSON answers carry OData-Version 4.0', holds: async (c) => (await c.send('GET', c.jobs)).headers['odata-version'] === '4.0' },
  odataContext: {
    claim: 'bodies carry @odata.context',
    holds: async (c) => typeof (await c.send('GET', `/servicePrincipals/${c.sp}/synchronization/templates`)).json?.['@odata.context'] === 'string',
  },
  retryAfterOn429: {
    claim: '429 carries Retry-After',
    holds: async (c) => {
      const id = await c.newJob();
      for (let i = 0; i < 10; i++) {
        const res = await c.send('POST', c.job(id, '/provisionOnDemand'), { json: PROVISION });
        if (res.status === 429) return /^\d+$/.test(res.headers['retry-after'] ?? '');
      }
      return false;
    },
  },
} satisfies Record<string, Probe>;

export type ProbeId = keyof typeof PROBES;
