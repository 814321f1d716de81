import type { Diagnostic } from '../../model/index.js';
import { at, siteNoun, stepsOf, type AcrossCheck, type CaseCheck } from './context.js';

/** Case ids drive filters, baselines and report names, so two cases may not share one. */
export const uniqueCaseIds: AcrossCheck = {
  name: 'unique case ids across all suites',
  check(sites) {
    const first = new Map<string, (typeof sites)[number]>();
    const out: Diagnostic[] = [];
    for (const site of sites) {
      if (site.fixture !== undefined) continue;
      const earlier = first.get(site.model.id);
      if (earlier === undefined) {
        first.set(site.model.id, site);
        continue;
      }
      const there = earlier.file.yaml.valueSpan([...earlier.path, 'id']);
      out.push({
        code: 'duplicate-case-id',
        message: `duplicate case id \`${site.model.id}\``,
        hint: `the case at ${at(there)} has this id too; case ids must be unique across all suites`,
        span: site.file.yaml.valueSpan([...site.path, 'id']),
        severity: 'error',
      });
    }
    return out;
  },
};

/** Step names are part of result ids, so they are unique within a case, cleanup included. */
export const uniqueStepNames: CaseCheck = {
  name: 'unique step names within a case',
  check(site) {
    const first = new Map<string, string>();
    const out: Diagnostic[] = [];
    for (const step of stepsOf(site)) {
      const span = site.file.yaml.valueSpan([...step.path, 'name']);
      const earlier = first.get(step.model.name);
      if (earlier === undefined) first.set(step.model.name, at(span));
      else out.push({ code: 'duplicate-step-name', message: `duplicate step name \`${step.model.name}\` in ${siteNoun(site)}`, hint: `the step at ${earlier} has this name too; rename one`, span, severity: 'error' });
    }
    return out;
  },
};
