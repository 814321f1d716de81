import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../src/cli/args.js';
import { runFlags } from '../../src/cli/flags.js';
import { missingVariablesReason, readUserVariables, withTargetVariables } from '../../src/cli/user-variables.js';
import { UsageError } from '../../src/cli/exit-codes.js';
import { tempDir } from '../e2e/support.js';

const NEEDS = ['vars.provisionUserId', 'vars.scimBaseAddress', 'secrets.scimSecretToken'];
const read = (argv: string[], env: Record<string, string> = {}, config: Record<string, string> = {}, cwd = process.cwd()) =>
  readUserVariables(parseSettings(argv, runFlags, env, Object.fromEntries(Object.entries(config).map(([k, v]) => [k, { value: v, label: `gsc.config.yaml targets.t.${k}` }]))), env, cwd, NEEDS);

describe('user variables', () => {
  it('come from --var, GSC_VAR_<NAME> (any case) and a config target, in that order, name by name', () => {
    const config = { var: JSON.stringify({ provisionUserId: 'from-config', scimBaseAddress: 'https://config' }) };
    expect(read([], {}, config).values).toEqual(new Map([['vars.provisionUserId', 'from-config'], ['vars.scimBaseAddress', 'https://config']]));
    expect(read([], { GSC_VAR_PROVISIONUSERID: 'from-env' }, config).values.get('vars.provisionUserId')).toBe('from-env');
    const both = read(['--var', 'provisionUserId=from-flag', '--var', 'scimBaseAddress=a=b'], { GSC_VAR_PROVISIONUSERID: 'from-env' }, config);
    expect(both.values.get('vars.provisionUserId')).toBe('from-flag');
    expect(both.values.get('vars.scimBaseAddress')).toBe('a=b');
    expect(both.secrets).toEqual([]);
  });

  it('take secrets only from GSC_SECRET_<NAME>, a file or a config reference, and list them for redaction', () => {
    const dir = tempDir('gsc-vars-');
    writeFileSync(join(dir, 'token.txt'), 'from-file\n');
    expect(read([], { GSC_SECRET_SCIMSECRETTOKEN: 'from-env' }).secrets).toEqual(['from-env']);
    const file = read(['--secret-file', 'scimSecretToken=token.txt'], { GSC_SECRET_SCIMSECRETTOKEN: 'from-env' }, {}, dir);
    expect([file.values.get('secrets.scimSecretToken'), file.secrets]).toEqual(['from-file', ['from-file']]);
    expect(read([], {}, { 'secret-file': JSON.stringify({ scimSecretToken: 'from-config-ref' }) }).secrets).toEqual(['from-config-ref']);
    expect(() => read(['--secret-file', 'scimSecretToken=missing.txt'], {}, {}, dir)).toThrow(/--secret-file scimSecretToken=missing.txt: cannot read the file/);
  });

  it('refuse a --var without NAME=', () => {
    expect(() => read(['--var', 'provisionUserId'])).toThrow(UsageError);
    expect(() => read(['--var', '1x=2'])).toThrow(/--var takes NAME=VALUE/);
  });

  it('name what a case lacks and how to give it', () => {
    expect(missingVariablesReason(['vars.provisionUserId'], new Map())).toBe(
      'needs {{vars.provisionUserId}}: give --var provisionUserId=VALUE, or set GSC_VAR_PROVISIONUSERID, or vars: in the config target',
    );
    expect(missingVariablesReason(['secrets.lowPrivilegeToken'], new Map())).toContain('set GSC_SECRET_LOWPRIVILEGETOKEN, or give --secret-file lowPrivilegeToken=FILE');
    expect(missingVariablesReason(['vars.a'], new Map([['vars.a', 'x']]))).toBeUndefined();
  });

  it("fill what the user did not give from the target's own data, the user's winning", () => {
    const user = { values: new Map([['vars.provisionUserId', 'mine']]), secrets: [] };
    const filled = withTargetVariables(user, { userVariables: { 'vars.provisionUserId': 'emu', 'secrets.scimSecretToken': 'emu-secret' } });
    expect([...filled.values]).toEqual([['vars.provisionUserId', 'mine'], ['secrets.scimSecretToken', 'emu-secret']]);
    expect(filled.secrets).toEqual(['emu-secret']);
  });
});
