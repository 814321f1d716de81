import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gsc } from '../../e2e/support.js';
import { runSettings, workdir } from './support.js';

const TWO_TARGETS = `
  default: contoso
  targets:
    contoso:
      target: https://graph.microsoft.com/v1.0
      token: { env: CONTOSO_TOKEN }
      servicePrincipal: 11111111-1111-1111-1111-111111111111
    fabrikam:
      target: https://graph.microsoft.us/v1.0
      cloud: usgov
      token: { env: FABRIKAM_TOKEN }
      servicePrincipal: 22222222-2222-2222-2222-222222222222
`;
const ENV = { CONTOSO_TOKEN: 'contoso-token', FABRIKAM_TOKEN: 'fabrikam-token' };

describe('choosing a target of the config file', () => {
  const dir = workdir(TWO_TARGETS);

  it('takes the `default:` target when none is named', () => {
    const { settings, stderr } = runSettings(dir, [], ENV);
    expect(settings?.get('target')).toBe('https://graph.microsoft.com/v1.0');
    expect(settings?.get('service-principal')).toBe('11111111-1111-1111-1111-111111111111');
    expect(stderr).toContain('gsc: target contoso of gsc.config.yaml (default)');
  });

  it('takes the target --target-name names, over the default', () => {
    const { settings, stderr } = runSettings(dir, ['--target-name', 'fabrikam'], ENV);
    expect(settings?.get('target')).toBe('https://graph.microsoft.us/v1.0');
    expect(settings?.get('cloud')).toBe('usgov');
    expect(settings?.get('token')).toBe('fabrikam-token');
    expect(stderr).toContain('gsc: target fabrikam of gsc.config.yaml (--target-name)');
  });

  it('takes the target GSC_TARGET_NAME names', () => {
    const { settings } = runSettings(dir, [], { ...ENV, GSC_TARGET_NAME: 'fabrikam' });
    expect(settings?.source('target')).toEqual({ kind: 'config', label: 'gsc.config.yaml targets.fabrikam.target' });
  });

  it('does not need the secrets of the targets it did not choose', () => {
    const { settings, stderr } = runSettings(dir, ['--target-name', 'fabrikam'], { FABRIKAM_TOKEN: 'fabrikam-token' });
    expect(settings?.get('token')).toBe('fabrikam-token');
    expect(stderr).not.toMatch(/CONTOSO_TOKEN/);
  });

  it('reads the file --config names, from anywhere, with paths relative to that file', () => {
    const elsewhere = workdir(undefined, { 'team/gsc.yaml': 'targets:\n  lab:\n    target: http://127.0.0.1:9/v1.0\n    token: { file: lab-token.txt }\n', 'team/lab-token.txt': 'lab-token\n' });
    const { settings, stderr } = runSettings(workdir(undefined), ['--config', join(elsewhere, 'team/gsc.yaml')], {});
    expect(settings?.get('token')).toBe('lab-token');
    expect(stderr).toContain(`gsc: target lab of ${join(elsewhere, 'team/gsc.yaml')} (the only target)`);
  });

  it('reads the file GSC_CONFIG names, and labels values with that file', () => {
    const team = workdir(undefined, { 'conf/targets.yaml': 'targets:\n  lab:\n    target: http://127.0.0.1:9/v1.0\n' });
    const { settings } = runSettings(team, [], { GSC_CONFIG: 'conf/targets.yaml' });
    expect(settings?.source('target')).toEqual({ kind: 'config', label: 'conf/targets.yaml targets.lab.target' });
  });

  it('names the variable that chose a missing target, and lists the targets', async () => {
    const run = await gsc(['run'], { cwd: dir, env: { ...ENV, GSC_TARGET_NAME: 'fabrikan' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error[unknown-target]: GSC_TARGET_NAME names no target of gsc.config.yaml: `fabrikan`');
    expect(run.stderr).toContain('= help: did you mean `fabrikam`? the targets are `contoso` and `fabrikam`');
  });

  it('gsc cleanup reads the same file and stops the same way on a bad choice', async () => {
    const run = await gsc(['cleanup', '--target-name', 'nobody'], { cwd: dir, env: ENV });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error[unknown-target]: --target-name names no target of gsc.config.yaml: `nobody`');
  });

  it('shows the help even when the config file is broken', async () => {
    const run = await gsc(['run', '--help'], { cwd: workdir('targets: [\n') });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Config file:');
    expect(run.stdout).toContain('--target-name NAME');
    expect(run.stdout).toContain('Precedence: flag > environment variable > config file > default');
  });
});
