import { DOCS, bodiless, onSuccess } from './helpers.js';
import type { Deviation } from './types.js';

/** Bound actions on a job: start, pause, restart, provisionOnDemand, and their qualified names. */
export const ACTIONS: readonly Deviation[] = [
  /** hamilton#203 is the mirror image: clients that pin the code break on the other one. */
  {
    name: 'start-answers-200', breaks: 'start answers 204', doc: DOCS.start,
    reply: onSuccess('startJob', (r) => ({ ...r, status: 200 })),
    mustFail: { probes: ['startStatus204'], cases: ['start/answers-204-and-activates'] },
  },
  /** start answers 204 and changes nothing. */
  {
    name: 'start-does-not-activate', breaks: "start makes the job's schedule Active", doc: DOCS.start,
    skipEffect: 'start',
    mustFail: { probes: ['startActivates'], cases: ['start/answers-204-and-activates'] },
  },
  /** pause answers 204 and changes nothing. */
  {
    name: 'pause-does-not-pause', breaks: 'pause leaves the job paused: status Paused, or a schedule no longer Active', doc: DOCS.pause,
    skipEffect: 'pause',
    mustFail: { probes: ['pausePauses'], cases: ['pause/answers-204-and-pauses'] },
  },
  /** resetScope parsed as a plain enum: one member works, the documented combination is refused. */
  {
    name: 'restart-rejects-flags', breaks: 'restart accepts a comma-separated flags resetScope such as "Watermark, Escrows, QuarantineState"',
    doc: DOCS.restartCriteria,
    rejectCombinedResetScope: true,
    mustFail: { probes: ['restartFlagsAccepted'], cases: ['restart/accepts-reset-scope-flags'] },
  },
  /** The result of the provisioning is dropped: 204 and no body. */
  {
    name: 'provision-on-demand-204', breaks: 'provisionOnDemand answers 200 with a stringKeyStringValuePair', doc: DOCS.provisionOnDemand,
    reply: onSuccess('provisionOnDemand', (r) => bodiless(r, 204)),
    mustFail: { probes: ['provisionOnDemand200'], cases: ['provision-on-demand/answers-200-with-a-pair'] },
  },
  /** Only the short spelling is routed. */
  {
    name: 'prefixed-actions-404', breaks: 'Bound actions also answer when spelled microsoft.graph.<action> (as the PowerShell SDK calls them)',
    doc: DOCS.start,
    rejectQualifiedActions: true,
    mustFail: { probes: ['qualifiedActions'], cases: ['actions/answer-under-microsoft-graph-names'] },
  },
];
