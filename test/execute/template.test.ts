import { describe, expect, it } from 'vitest';
import { MissingVariableError, canResolve, referencedVariables, resolveJson, resolveTemplate } from '../../src/execute/template.js';

const vars = new Map([['servicePrincipalId', 'sp-1'], ['templateId', 'BoxOutDelta']]);

describe('templates', () => {
  it('substitutes every {{name}} in a path', () => {
    expect(resolveTemplate('/servicePrincipals/{{servicePrincipalId}}/jobs/{{ templateId }}', vars)).toBe('/servicePrincipals/sp-1/jobs/BoxOutDelta');
  });
  it('names the variable that has no value', () => {
    expect(() => resolveTemplate('/jobs/{{jobId}}', vars)).toThrow(MissingVariableError);
    expect(() => resolveTemplate('/jobs/{{jobId}}', vars)).toThrow(/`jobId` has no value/);
  });
  it('substitutes inside JSON strings and leaves keys and other types alone', () => {
    expect(resolveJson({ templateId: '{{templateId}}', n: 42, list: ['{{servicePrincipalId}}', null], '{{k}}': true }, vars))
      .toEqual({ templateId: 'BoxOutDelta', n: 42, list: ['sp-1', null], '{{k}}': true });
  });
  it('lists references and tells whether they can all be resolved', () => {
    expect(referencedVariables('{{a}}/{{b}}')).toEqual(['a', 'b']);
    expect(canResolve('/{{templateId}}', vars)).toBe(true);
    expect(canResolve('/{{jobId}}', vars)).toBe(false);
  });
});
