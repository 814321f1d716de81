import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../src/cli/args.js';
import { runFlags } from '../../src/cli/flags.js';
import { readUserVariables } from '../../src/cli/user-variables.js';
import { missingVariables } from '../../src/plan/index.js';
import { UsageError } from '../../src/run/exit-codes.js';
import { resolveUserVariables } from '../../src/run/user-variables.js';
import { tempDir } from '../e2e/support.js';

const read = (argv: string[], env: Record<string, string> = {}, config: Record<string, string> = {}, cwd = process.cwd()) =>
  readUserVariables(parseSettings(argv, runFlags, env, Object.fromEntries(Object.entries(config).map(([k, v]) => [k, { value: v, label: `gsc.config.yaml targets.t.${k}` }]))), env, cwd);
const NEEDS = ['vars.provisionUserId', 'vars.scimBaseAddress', 'secrets.scimSecretToken'];

describe('user variables', () => {
  it('come from --var, GSC_VAR_<NAME> and a config target, in that order, name by name and in any case', () => {
    const config = { var: JSON.stringify({ provisionUserId: 'from-config', scimBaseAddress: 'https://config' }) };
    expect(read([], {}, config).vars).toEqual({ provisionUserId: 'from-config', scimBaseAddress: 'https://config' });
    const fromEnv = resolveUserVariables(NEEDS, read([], { GSC_VAR_PROVISIONUSERID: 'from-env' }, config));
    expect(fromEnv.values.get('vars.provisionUserId')).toBe('from-env');
    const both = resolveUserVariables(NEEDS, read(['--var', 'provisionUserId=from-flag', '--var', 'scimBaseAddress=a=b'], { GSC_VAR_PROVISIONUSERID: 'from-env' }, config));
    expect(both.values.get('vars.provisionUserId')).toBe('from-flag');
    expect(both.values.get('vars.scimBaseAddress')).toBe('a=b');
    expect(both.secrets).toEqual([]);
  });

  it('take secrets only from GSC_SECRET_<NAME>, a file or a config reference, and list them for redaction', () => {
    const dir = tempDir('gsc-vars-');
    writeFileSync(join(dir, 'token.txt'), 'from-file\n');
    expect(resolveUserVariables(NEEDS, read([], { GSC_SECRET_SCIMSECRETTOKEN: 'from-env' })).secrets).toEqual(['from-env']);
    const file = resolveUserVariables(NEEDS, read(['--secret-file', 'scimSecretToken=token.txt'], { GSC_SECRET_SCIMSECRETTOKEN: 'from-env' }, {}, dir));
    expect([file.values.get('secrets.scimSecretToken'), file.secrets]).toEqual(['from-file', ['from-file']]);
    expect(read([], {}, { 'secret-file': JSON.stringify({ scimSecretToken: 'from-config-ref' }) }).secrets).toEqual({ scimSecretToken: 'from-config-ref' });
    expect(() => read(['--secret-file', 'scimSecretToken=missing.txt'], {}, {}, dir)).toThrow(/--secret-file scimSecretToken=missing.txt: cannot read the file/);
  });

  it('refuse a --var without NAME=', () => {
    expect(() => read(['--var', 'provisionUserId'])).toThrow(UsageError);
    expect(() => read(['--var', '1x=2'])).toThrow(/--var takes NAME=VALUE/);
  });

  it("fill what the caller did not give from the target's own data, the caller's winning", () => {
    const filled = resolveUserVariables(NEEDS, { vars: { provisionUserId: 'mine' } }, { 'vars.provisionUserId': 'emu', 'secrets.scimSecretToken': 'emu-secret' });
    expect([...filled.values]).toEqual([['vars.provisionUserId', 'mine'], ['secrets.scimSecretToken', 'emu-secret']]);
    expect(filled.secrets).toEqual(['emu-secret']);
  });

  it('are a skip reason of the plan when missing, naming each and how to give it', () => {
    expect(missingVariables(['vars.provisionUserId'], () => false)).toEqual({
      code: 'needs-variable',
      message: 'needs {{vars.provisionUserId}}: give --var provisionUserId=VALUE, or set GSC_VAR_PROVISIONUSERID, or vars: in the config target',
    });
    expect(missingVariables(['secrets.lowPrivilegeToken'], () => false)?.message).toContain('set GSC_SECRET_LOWPRIVILEGETOKEN, or give --secret-file lowPrivilegeToken=FILE');
    expect(missingVariables(['vars.a'], () => true)).toBeUndefined();
  });
});
