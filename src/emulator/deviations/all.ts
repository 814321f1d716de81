import type { Deviation } from './types.js';
import { createAnswers200 } from './create-answers-200.js';
import { createContentTypeNotJson } from './create-content-type-not-json.js';
import { createdJobIdMissing } from './created-job-id-missing.js';
import { createdJobIdEmpty } from './created-job-id-empty.js';
import { createdJobWrongTemplateId } from './created-job-wrong-template-id.js';
import { newJobScheduleActive } from './new-job-schedule-active.js';
import { intervalNotIso8601 } from './interval-not-iso8601.js';
import { expirationNotNull } from './expiration-not-null.js';
import { newJobStatusNotRun } from './new-job-status-not-run.js';
import { successiveFailuresOne } from './successive-failures-one.js';
import { escrowsPrunedTrue } from './escrows-pruned-true.js';
import { entryCountsNotEmpty } from './entry-counts-not-empty.js';
import { lastExecutionNotNull } from './last-execution-not-null.js';
import { lastSuccessfulExecutionNotNull } from './last-successful-execution-not-null.js';
import { lastSuccessfulExecutionWithExportsNotNull } from './last-successful-execution-with-exports-not-null.js';
import { quarantineNotNull } from './quarantine-not-null.js';
import { steadyStateNotDateTime } from './steady-state-not-date-time.js';
import { templateIdNotRequired } from './template-id-not-required.js';
import { templateIdNullAccepted } from './template-id-null-accepted.js';
import { templateIdEmptyAccepted } from './template-id-empty-accepted.js';
import { templateIdNonStringAccepted } from './template-id-non-string-accepted.js';
import { unknownTemplateAccepted } from './unknown-template-accepted.js';
import { rejectedCreateLeaksJob } from './rejected-create-leaks-job.js';
import { missingAuthAccepted } from './missing-auth-accepted.js';
import { malformedAuthAccepted } from './malformed-auth-accepted.js';
import { invalidTokenAccepted } from './invalid-token-accepted.js';
import { authFailure403 } from './auth-failure-403.js';
import { malformedJson500 } from './malformed-json-500.js';
import { unknownServicePrincipalAccepted } from './unknown-service-principal-accepted.js';
import { createdJobNeverReadable } from './created-job-never-readable.js';
import { listOmitsJobs } from './list-omits-jobs.js';
import { duplicateJobIds } from './duplicate-job-ids.js';
import { deleteKeepsJob } from './delete-keeps-job.js';
import { listNotWrapped } from './list-not-wrapped.js';
import { getReturnsOtherId } from './get-returns-other-id.js';
import { errorsPlainText } from './errors-plain-text.js';
import { errorWithoutCode } from './error-without-code.js';
import { errorMessageNotString } from './error-message-not-string.js';
import { errorInnerErrorLowercase } from './error-inner-error-lowercase.js';
import { errorContentTypeMissing } from './error-content-type-missing.js';
import { wrongMethodAnswers404 } from './wrong-method-answers-404.js';
import { deleteAnswers200 } from './delete-answers-200.js';
import { deleteUnknownAnswers204 } from './delete-unknown-answers-204.js';
import { startAnswers200 } from './start-answers-200.js';
import { startDoesNotActivate } from './start-does-not-activate.js';
import { pauseDoesNotPause } from './pause-does-not-pause.js';
import { restartRejectsFlags } from './restart-rejects-flags.js';
import { secretKeyUnchecked } from './secret-key-unchecked.js';
import { secretsPut200 } from './secrets-put-200.js';
import { validateCredentials200 } from './validate-credentials-200.js';
import { provisionOnDemand204 } from './provision-on-demand-204.js';
import { prefixedActions404 } from './prefixed-actions-404.js';
import { templateDiscoverableString } from './template-discoverable-string.js';
import { templateApplicationIdNotGuid } from './template-application-id-not-guid.js';
import { schemaGet500 } from './schema-get-500.js';
import { noRequestId } from './no-request-id.js';
import { clientRequestIdNotEchoed } from './client-request-id-not-echoed.js';
import { noOdataVersion } from './no-odata-version.js';
import { noOdataContext } from './no-odata-context.js';
import { throttleWithoutRetryAfter } from './throttle-without-retry-after.js';

/** Every deviation, grouped by the part of the contract it breaks. */
export const DEVIATIONS: readonly Deviation[] = [
  createAnswers200,
  createContentTypeNotJson,
  createdJobIdMissing,
  createdJobIdEmpty,
  createdJobWrongTemplateId,
  newJobScheduleActive,
  intervalNotIso8601,
  expirationNotNull,
  newJobStatusNotRun,
  successiveFailuresOne,
  escrowsPrunedTrue,
  entryCountsNotEmpty,
  lastExecutionNotNull,
  lastSuccessfulExecutionNotNull,
  lastSuccessfulExecutionWithExportsNotNull,
  quarantineNotNull,
  steadyStateNotDateTime,
  templateIdNotRequired,
  templateIdNullAccepted,
  templateIdEmptyAccepted,
  templateIdNonStringAccepted,
  unknownTemplateAccepted,
  rejectedCreateLeaksJob,
  missingAuthAccepted,
  malformedAuthAccepted,
  invalidTokenAccepted,
  authFailure403,
  malformedJson500,
  unknownServicePrincipalAccepted,
  createdJobNeverReadable,
  listOmitsJobs,
  duplicateJobIds,
  deleteKeepsJob,
  listNotWrapped,
  getReturnsOtherId,
  errorsPlainText,
  errorWithoutCode,
  errorMessageNotString,
  errorInnerErrorLowercase,
  errorContentTypeMissing,
  wrongMethodAnswers404,
  deleteAnswers200,
  deleteUnknownAnswers204,
  startAnswers200,
  startDoesNotActivate,
  pauseDoesNotPause,
  restartRejectsFlags,
  secretKeyUnchecked,
  secretsPut200,
  validateCredentials200,
  provisionOnDemand204,
  prefixedActions404,
  templateDiscoverableString,
  templateApplicationIdNotGuid,
  schemaGet500,
  noRequestId,
  clientRequestIdNotEchoed,
  noOdataVersion,
  noOdataContext,
  throttleWithoutRetryAfter,
];
