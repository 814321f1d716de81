import { describe, expect, it } from 'vitest';
import { listDeviations } from '../../src/emulator/index.js';
import { withEmulator } from './client.js';
import { PROBES, type ProbeId } from './probes.js';

/**
 * Which probe each deviation must make fail, and any other probe it cannot help failing
 * (a 403 for every auth failure breaks all three 401 probes). Every other probe must still hold:
 * that is what "breaks exactly one contract point" means.
 */
const BREAKS: Record<string, [ProbeId, ...ProbeId[]]> = {
  'create-answers-200': ['createStatus201'],
  'create-content-type-not-json': ['createContentTypeJson'],
  'created-job-id-missing': ['createdIdNonEmpty'],
  'created-job-id-empty': ['createdIdNonEmpty'],
  'created-job-wrong-template-id': ['createdEchoesTemplate'],
  'new-job-schedule-active': ['newScheduleDisabled'],
  'interval-not-iso8601': ['intervalIso'],
  'expiration-not-null': ['expirationNull'],
  'new-job-status-not-run': ['statusNotConfigured'],
  'successive-failures-one': ['failuresZero'],
  'escrows-pruned-true': ['escrowsFalse'],
  'entry-counts-not-empty': ['entryCountsEmpty'],
  'last-execution-not-null': ['lastExecutionNull'],
  'last-successful-execution-not-null': ['lastSuccessfulNull'],
  'last-successful-execution-with-exports-not-null': ['lastSuccessfulWithExportsNull'],
  'quarantine-not-null': ['quarantineNull'],
  'steady-state-not-date-time': ['steadyStateDateTimes'],
  'template-id-not-required': ['missingTemplateRefused'],
  'template-id-null-accepted': ['nullTemplateRefused'],
  'template-id-empty-accepted': ['emptyTemplateRefused'],
  'template-id-non-string-accepted': ['nonStringTemplateRefused'],
  'unknown-template-accepted': ['unknownTemplateRefused'],
  'rejected-create-leaks-job': ['refusedCreateCreatesNothing'],
  'missing-auth-accepted': ['missingAuth401'],
  'malformed-auth-accepted': ['malformedAuth401'],
  'invalid-token-accepted': ['invalidToken401'],
  'auth-failure-403': ['missingAuth401', 'malformedAuth401', 'invalidToken401'],
  'malformed-json-500': ['malformedJson400'],
  'unknown-service-principal-accepted': ['unknownSp404'],
  'created-job-never-readable': ['createdReadable'],
  'list-omits-jobs': ['listContainsCreated'],
  'duplicate-job-ids': ['distinctIds'],
  'delete-keeps-job': ['deleteRemoves'],
  'list-not-wrapped': ['listWrapped'],
  'get-returns-other-id': ['getSameId'],
  'errors-plain-text': ['errorBodyJson', 'errorContentTypeJson'],
  'error-without-code': ['errorHasCode'],
  'error-message-not-string': ['errorMessageString'],
  'error-inner-error-lowercase': ['errorInnerError'],
  'error-content-type-missing': ['errorContentTypeJson'],
  'wrong-method-answers-404': ['method405'],
  'delete-answers-200': ['deleteStatus204Empty'],
  'delete-unknown-answers-204': ['deleteUnknown404'],
  'start-answers-200': ['startStatus204'],
  'start-does-not-activate': ['startActivates'],
  'pause-does-not-pause': ['pausePauses'],
  'restart-rejects-flags': ['restartFlagsAccepted'],
  'secret-key-unchecked': ['secretKeyChecked'],
  'secrets-put-200': ['secretsPut204'],
  'validate-credentials-200': ['validateCredentials204'],
  'provision-on-demand-204': ['provisionOnDemand200'],
  'prefixed-actions-404': ['qualifiedActions'],
  'template-discoverable-string': ['discoverableBoolean'],
  'template-application-id-not-guid': ['applicationIdGuid'],
  'schema-get-500': ['schemaGet200'],
  'no-request-id': ['requestIdHeader'],
  'client-request-id-not-echoed': ['clientRequestIdEchoed'],
  'no-odata-version': ['odataVersion'],
  'no-odata-context': ['odataContext'],
  'throttle-without-retry-after': ['retryAfterOn429'],
};

/** The probes that fail against an emulator with these deviations. */
async function failing(deviations: string[]): Promise<ProbeId[]> {
  return withEmulator({ deviations }, async (c) => {
    const failed: ProbeId[] = [];
    for (const [id, probe] of Object.entries(PROBES) as [ProbeId, (typeof PROBES)[ProbeId]][]) {
      if (!(await probe.holds(c))) failed.push(id);
    }
    return failed;
  });
}

describe('the deviation registry', () => {
  const deviations = listDeviations();

  it('has unique kebab-case names, each saying which contract point it breaks and where it is documented', () => {
    const names = deviations.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const d of deviations) {
      expect(d.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(d.breaks.length).toBeGreaterThan(10);
      expect(d.doc).toMatch(/^https:\/\//);
    }
  });

  it('has a probe for every deviation, and every deviation is probed', () => {
    expect(Object.keys(BREAKS).sort()).toEqual(deviations.map((d) => d.name).sort());
  });

  it('the correct emulator keeps every probed contract point', async () => {
    expect(await failing([])).toEqual([]);
  });
});

describe.each(listDeviations().map((d) => [d.name, d.breaks] as const))('deviation %s', (name, breaks) => {
  it(`breaks "${breaks}" and nothing else`, async () => {
    expect((await failing([name])).sort()).toEqual([...(BREAKS[name] ?? [])].sort());
  });
});

describe('combining deviations', () => {
  it('breaks the union of what each breaks', async () => {
    const got = await failing(['create-answers-200', 'no-request-id', 'pause-does-not-pause']);
    expect(got.sort()).toEqual(['createStatus201', 'pausePauses', 'requestIdHeader']);
  });
});
